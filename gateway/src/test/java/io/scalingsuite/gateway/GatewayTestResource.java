package io.scalingsuite.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.scalingsuite.devinfra.LocalInfra;

/**
 * Real Redis (the machine's or an embedded one, via {@link LocalInfra#redis()}) under a fresh key prefix and
 * purge channel, and real HTTP upstreams started here. The gateway has no database, so this replaces
 * {@code LocalInfraTestResource}, which would create one.
 */
public class GatewayTestResource implements QuarkusTestResourceLifecycleManager {

    private FakeUpstreams upstreams;
    /** Accepts connections (the kernel does) and never reads or answers: a process under SIGSTOP. */
    private ServerSocket frozen;

    @Override
    public Map<String, String> start() {
        upstreams = new FakeUpstreams();
        Map<String, Integer> ports;
        try {
            ports = upstreams.start("a", "b", "c", "flaky", "breaker", "stale", "circuit", "closing");
        } catch (Exception e) {
            throw new IllegalStateException("could not start the test upstreams", e);
        }
        try {
            frozen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("could not open the frozen upstream", e);
        }
        String run = "t" + LocalInfra.randomSuffix(10);
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.redis.hosts", LocalInfra.redis().uri());
        config.put("gateway.cache.key-prefix", run);
        config.put("gateway.cache.purge-channel", "suite:purge:" + run);
        config.put("gateway.routes.catalog.upstreams", at(ports.get("a")) + "," + at(ports.get("b")));
        config.put("gateway.routes.views.upstreams", at(ports.get("c")));
        route(config, "retry", at(freePort()) + "," + at(ports.get("a")));
        route(config, "flaky", at(ports.get("flaky")));
        for (String hedged : HedgedReadTest.ROUTES) { // the frozen address first: it gets the route's first request
            route(config, hedged, at(frozen.getLocalPort()) + "," + at(ports.get("a")));
        }
        config.put("gateway.routes." + HedgedReadTest.WRITES + ".timeout", "PT1S");
        route(config, "breaker", at(ports.get("breaker")));
        route(config, "stale", at(ports.get("stale")));
        for (String circuit : CircuitTrialTest.ROUTES) {
            route(config, circuit, at(ports.get("circuit")));
        }
        for (String circuit : CircuitOutcomeTest.ROUTES) {
            route(config, circuit, at(ports.get("circuit")));
        }
        route(config, CircuitOutcomeTest.DEAD, at(freePort()));
        for (String closing : StaleConnectionTest.ROUTES) {
            route(config, closing, at(ports.get("closing")));
        }
        config.put("gateway.routes." + StaleConnectionTest.DEADLINE + ".timeout", "PT1S");
        config.put("gateway.routes.flaky.timeout", "PT1S");
        config.put("gateway.routes." + CircuitTrialTest.LOST + ".timeout", "PT6S"); // longer than the trial timeout
        config.put("gateway.routes." + CircuitOutcomeTest.SLOW_BODY + ".timeout", "PT1S");
        config.put("gateway.circuit.failure-threshold", "3");
        config.put("gateway.circuit.open-duration", "PT2S");
        config.put("gateway.circuit.trial-timeout", "PT2S");
        config.put("gateway.routes.catalog.openapi",
                "http://127.0.0.1:" + upstreams.controlPort() + "/openapi/catalog");
        config.put("gateway.routes.views.openapi", "http://127.0.0.1:" + freePort() + "/q/openapi");
        config.put("test.upstreams.control-port", Integer.toString(upstreams.controlPort()));
        ports.forEach((name, port) -> config.put("test.upstreams." + name, Integer.toString(port)));
        return config;
    }

    @Override
    public void stop() {
        if (upstreams != null) {
            upstreams.close();
        }
        if (frozen != null) {
            try {
                frozen.close();
            } catch (IOException e) {
                // the JVM ends anyway
            }
        }
    }

    private static void route(Map<String, String> config, String name, String upstreams) {
        config.put("gateway.routes." + name + ".prefix", "/api/" + name);
        config.put("gateway.routes." + name + ".upstreams", upstreams);
    }

    private static String at(int port) {
        return "127.0.0.1:" + port;
    }

    /** A port nothing listens on: connecting is refused at once. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
