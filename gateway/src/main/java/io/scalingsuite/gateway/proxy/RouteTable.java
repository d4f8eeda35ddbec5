package io.scalingsuite.gateway.proxy;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;

/**
 * The routes from {@code gateway.routes.*}, longest prefix first; anything else is not routed (404). A route's
 * timeout is cut to what the gateway can still answer within its own idle timeout (see {@link #answerable}).
 */
@Singleton
public class RouteTable {

    private static final Logger LOG = Logger.getLogger(RouteTable.class);
    /** What the gateway keeps, below its idle timeout, to write the 504 after the upstream's wait ran out. */
    static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

    private final List<ProxyRoute> routes;

    public RouteTable(GatewayConfig config, GatewayMetrics metrics,
            @ConfigProperty(name = "quarkus.http.idle-timeout") Duration idleTimeout) {
        this.routes = config.routes().entrySet().stream().map(entry -> {
            GatewayConfig.Route route = entry.getValue();
            String prefix = route.prefix().endsWith("/") ? route.prefix().substring(0, route.prefix().length() - 1)
                    : route.prefix();
            if (!prefix.startsWith("/") || prefix.length() < 2) {
                throw new IllegalArgumentException("gateway.routes." + entry.getKey() + ".prefix must be a path");
            }
            CircuitBreaker circuit = new CircuitBreaker(config.circuit().failureThreshold(),
                    config.circuit().openDuration(), config.circuit().trialTimeout());
            metrics.circuitState(entry.getKey(), circuit, c -> c.state().ordinal());
            circuit.onOpen(() -> metrics.circuitOpened(entry.getKey()));
            UpstreamPool upstreams = new UpstreamPool(route.upstreams(), config.upstream().quarantine());
            for (int i = 0; i < upstreams.size(); i++) {
                int index = i;
                metrics.upstreamWaiting(entry.getKey(), upstreams.address(i).toString(), upstreams,
                        pool -> pool.waiting(index));
            }
            return new ProxyRoute(entry.getKey(), prefix, upstreams, circuit, new HedgeBudget(),
                    answerable(entry.getKey(), route.timeout(), config.upstream().connectTimeout(), idleTimeout),
                    route.adminPaths().stream().map(admin -> prefix + (admin.startsWith("/") ? admin : "/" + admin))
                            .map(admin -> admin.endsWith("/") ? admin.substring(0, admin.length() - 1) : admin)
                            .toList());
        }).sorted(Comparator.comparingInt((ProxyRoute r) -> r.prefix().length()).reversed()).toList();
    }

    /**
     * The route's timeout, at most the idle timeout less the connect timeout and {@link #ANSWER_MARGIN}. While an
     * upstream is silent nothing is written to the client either, so the HTTP server's idle timer
     * ({@code quarkus.http.idle-timeout}) would close the client's connection before a longer route timeout ran out:
     * the client would get no answer at all instead of a 504. A timeout cut is logged at start.
     */
    static Duration answerable(String route, Duration timeout, Duration connect, Duration idle) {
        if (idle.isZero() || idle.isNegative()) {
            return timeout; // no idle timeout
        }
        Duration cap = idle.minus(connect).minus(ANSWER_MARGIN);
        if (timeout.compareTo(cap) <= 0) {
            return timeout;
        }
        Duration cut = cap.compareTo(ANSWER_MARGIN) < 0 ? ANSWER_MARGIN : cap;
        LOG.warnf("gateway.routes.%s.timeout %s cut to %s: quarkus.http.idle-timeout (%s) would otherwise close a "
                + "waiting client's connection before the 504", route, timeout, cut, idle);
        return cut;
    }

    public List<ProxyRoute> all() {
        return routes;
    }

    public Optional<ProxyRoute> match(String path) {
        for (ProxyRoute route : routes) {
            if (route.matches(path)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
