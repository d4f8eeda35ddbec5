package io.scalingsuite.gateway.proxy;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.scalingsuite.gateway.config.GatewayConfig;
import io.scalingsuite.gateway.metrics.GatewayMetrics;

/** The routes from {@code gateway.routes.*}, longest prefix first; anything else is not routed (404). */
@Singleton
public class RouteTable {

    private final List<ProxyRoute> routes;

    public RouteTable(GatewayConfig config, GatewayMetrics metrics) {
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
            return new ProxyRoute(entry.getKey(), prefix,
                    new UpstreamPool(route.upstreams(), config.upstream().quarantine()), circuit, route.timeout(),
                    route.adminPaths().stream().map(admin -> prefix + (admin.startsWith("/") ? admin : "/" + admin))
                            .map(admin -> admin.endsWith("/") ? admin.substring(0, admin.length() - 1) : admin)
                            .toList());
        }).sorted(Comparator.comparingInt((ProxyRoute r) -> r.prefix().length()).reversed()).toList();
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
