package io.scalingsuite.deploy.surge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The stand-in for the gateway's Service: an nginx on 127.0.0.1 whose upstream is the Deployment's Ready replicas,
 * rewritten and reloaded ({@code nginx -s reload}: old workers finish their requests) whenever the set changes, as an
 * ingress controller follows a Service's EndpointSlices. Per request, random over the endpoints (ingress-nginx balances
 * per request; kube-proxy's per-connection choice would pin the load generator's keep-alive connections to the first
 * pods). Every request is logged with its end time, status, duration and upstream: the run's req/s, p99 and errors.
 */
final class ServiceStandIn {

    private final Path dir;
    private final int port;
    private List<String> current = List.of();

    ServiceStandIn(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    Path accessLog() {
        return dir.resolve("access.log");
    }

    /** Starts nginx with {@code endpoints} (none: every request answers 503, as a Service without endpoints). */
    void start(List<String> endpoints) {
        write(endpoints);
        Podman.exec(List.of("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString()), 30);
    }

    /** The Ready endpoints changed: rewrite the upstream and reload. */
    void update(List<String> endpoints) {
        if (endpoints.equals(current)) {
            return;
        }
        write(endpoints);
        Podman.exec(List.of("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString(), "-s", "reload"),
                30);
    }

    void stop() {
        Podman.exec(List.of("nginx", "-c", dir.resolve("nginx.conf").toString(), "-p", dir.toString(), "-s", "quit"),
                30);
    }

    private void write(List<String> endpoints) {
        current = List.copyOf(endpoints);
        StringBuilder servers = new StringBuilder();
        endpoints.forEach(endpoint -> servers.append("    server ").append(endpoint).append(" max_fails=0;\n"));
        if (endpoints.isEmpty()) {
            servers.append("    server 127.0.0.1:1 down;\n");
        }
        String conf = """
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 4096; }
                http {
                  log_format surge '$msec $status $request_time $upstream_addr';
                  access_log %1$s/access.log surge buffer=256k flush=1s;
                  upstream gateway {
                    random;
                %2$s    keepalive 64;
                  }
                  server {
                    listen 127.0.0.1:%3$d;
                    location / {
                      proxy_pass http://gateway;
                      proxy_http_version 1.1;
                      proxy_set_header Connection "";
                      proxy_read_timeout 10s;
                    }
                  }
                }
                """.formatted(dir, servers, port);
        try {
            Files.writeString(dir.resolve("nginx.conf"), conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
