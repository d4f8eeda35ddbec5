package io.scalingsuite.gateway.rest;

import java.util.List;
import java.util.Set;

import io.scalingsuite.gateway.proxy.ProxyRoute;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builds the public OpenAPI document: each service's paths that its route exposes (anything else is not
 * reachable through the gateway and is dropped), their components and tags (first definition of a name wins),
 * and on every operation the gateway's own answers: rate limits, 429, 502, 503, 504, and the API key with
 * 401/403 where a key is needed (writes, admin paths).
 */
final class OpenApiMerger {

    /** A service's document, with the route it is reached through. */
    record Source(ProxyRoute route, JsonObject document) {
    }

    private static final Set<String> READS = Set.of("get", "head", "options");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch");
    private static final String PROBLEM = "{\"content\":{\"application/problem+json\":{\"schema\":"
            + "{\"$ref\":\"#/components/schemas/GatewayProblem\"}}}}";

    private OpenApiMerger() {
    }

    static JsonObject merge(List<Source> sources) {
        JsonObject merged = gatewayDocument();
        JsonObject paths = merged.getJsonObject("paths");
        JsonObject components = merged.getJsonObject("components");
        JsonArray tags = merged.getJsonArray("tags");
        for (Source source : sources) {
            JsonObject document = source.document();
            String version = document.getString("openapi", "3.0.3");
            if (version.compareTo(merged.getString("openapi")) > 0) {
                merged.put("openapi", version);
            }
            document.getJsonObject("paths", new JsonObject()).forEach(path -> {
                if (source.route().matches(path.getKey()) && path.getValue() instanceof JsonObject item) {
                    paths.put(path.getKey(), decorate(item.copy(), source.route().isAdmin(path.getKey())));
                }
            });
            document.getJsonObject("components", new JsonObject()).forEach(section -> {
                if (section.getValue() instanceof JsonObject entries) {
                    JsonObject target = components.getJsonObject(section.getKey(), new JsonObject());
                    entries.forEach(entry -> target.getMap().putIfAbsent(entry.getKey(), entry.getValue()));
                    components.put(section.getKey(), target);
                }
            });
            document.getJsonArray("tags", new JsonArray()).forEach(tag -> {
                if (tag instanceof JsonObject named && tags.stream()
                        .noneMatch(t -> ((JsonObject) t).getString("name").equals(named.getString("name")))) {
                    tags.add(named);
                }
            });
        }
        return merged;
    }

    private static JsonObject decorate(JsonObject item, boolean admin) {
        for (String method : METHODS) {
            JsonObject operation = item.getJsonObject(method);
            if (operation == null) {
                continue;
            }
            JsonObject responses = operation.getJsonObject("responses", new JsonObject());
            for (String status : new String[] { "429", "502", "503", "504" }) {
                responses.getMap().putIfAbsent(status, ref(status));
            }
            if (admin || !READS.contains(method)) {
                responses.getMap().putIfAbsent("401", ref("401"));
                responses.getMap().putIfAbsent("403", ref("403"));
                operation.put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray())));
            }
            operation.put("responses", responses);
        }
        return item;
    }

    private static JsonObject ref(String status) {
        return new JsonObject().put("$ref", "#/components/responses/Gateway" + status);
    }

    private static JsonObject gatewayDocument() {
        JsonObject responses = new JsonObject();
        responses.put("Gateway401", problem("No valid API key (X-API-Key) for an operation that needs one"));
        responses.put("Gateway403", problem("The API key lacks the scope (write, or admin for admin paths)"));
        responses.put("Gateway429", problem("Rate limit used up; retry after Retry-After seconds")
                .put("headers", new JsonObject().put("Retry-After", header("Seconds until a retry can succeed"))));
        responses.put("Gateway502", problem("The service behind the route could not be reached"));
        responses.put("Gateway503", problem("Circuit open or gateway at capacity; retry after Retry-After seconds")
                .put("headers", new JsonObject().put("Retry-After", header("Seconds until a retry can succeed"))));
        responses.put("Gateway504", problem("The service behind the route did not answer in time"));
        JsonObject problemSchema = new JsonObject().put("type", "object").put("properties", new JsonObject()
                .put("type", string()).put("title", string()).put("status", new JsonObject().put("type", "integer"))
                .put("detail", string()).put("instance", string()).put("requestId", string()));
        return new JsonObject()
                .put("openapi", "3.0.3")
                .put("info", new JsonObject().put("title", "Scaling Suite API").put("version", "1").put("description",
                        "Every service's public API through the gateway. Reads are open; writes need an API key with "
                                + "scope write, admin paths scope admin. Every answer carries RateLimit-Limit, "
                                + "RateLimit-Remaining, RateLimit-Reset and X-Request-Id; cacheable GETs X-Cache and Age."))
                .put("tags", new JsonArray())
                .put("paths", new JsonObject())
                .put("components", new JsonObject().put("responses", responses)
                        .put("schemas", new JsonObject().put("GatewayProblem", problemSchema))
                        .put("securitySchemes", new JsonObject().put("apiKey", new JsonObject().put("type", "apiKey")
                                .put("in", "header").put("name", "X-API-Key"))));
    }

    private static JsonObject problem(String description) {
        return new JsonObject(PROBLEM).put("description", description);
    }

    private static JsonObject header(String description) {
        return new JsonObject().put("description", description)
                .put("schema", new JsonObject().put("type", "integer"));
    }

    private static JsonObject string() {
        return new JsonObject().put("type", "string");
    }
}
