package io.scalingsuite.catalog.rest;

import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.scalingsuite.catalog.repository.shard.ConsistencyToken;
import io.scalingsuite.catalog.repository.shard.RequestConsistency;
import io.scalingsuite.catalog.repository.shard.ShardPools;

/**
 * After a write committed on a shard with replicas, answers {@code X-Consistency-Token}: the token the request
 * brought, raised to the WAL position each written shard reached. Sent back on reads, it keeps them off replicas
 * that have not replayed the client's own writes yet.
 */
public class ConsistencyTokenFilter {

    private final RequestConsistency consistency;
    private final boolean replicas;

    public ConsistencyTokenFilter(RequestConsistency consistency, ShardPools pools) {
        this.consistency = consistency;
        this.replicas = pools.all().stream().anyMatch(shard -> !shard.replicas().isEmpty());
    }

    @ServerRequestFilter
    public void requested(ContainerRequestContext request) {
        String header = request.getHeaderString(ConsistencyToken.HEADER);
        if (header != null) {
            consistency.requested(ConsistencyToken.parse(header));
        }
    }

    @ServerResponseFilter
    public void token(ContainerRequestContext request, ContainerResponseContext response) {
        if (replicas && "GET".equals(request.getMethod())) {
            // A shared cache (the gateway's) must not answer a read that carries a token with one that did not.
            response.getHeaders().add("Vary", ConsistencyToken.HEADER);
        }
        Map<String, Long> positions = consistency.written();
        if (positions.isEmpty()) {
            return;
        }
        ConsistencyToken token = consistency.requested();
        if (token == null) {
            token = new ConsistencyToken(Map.of());
        }
        for (var position : positions.entrySet()) {
            token = token.with(position.getKey(), position.getValue());
        }
        response.getHeaders().putSingle(ConsistencyToken.HEADER, token.encode());
    }
}
