package org.edupulse.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.edupulse.tail.TailHealth;

/**
 * The Confluent Schema Registry REST resources this registry serves, each mapped onto one
 * {@link SchemaRegistry} operation with Confluent's JSON shapes, so Confluent's serializers and
 * our serde client cannot tell it from cp-schema-registry.
 */
final class RestApi {

    private final SchemaRegistry registry;
    private final Supplier<TailHealth> store;

    RestApi(final SchemaRegistry registry, final Supplier<TailHealth> store) {
        this.registry = registry;
        this.store = store;
    }

    Router routes() {
        return new Router()
                .add("GET", "/", request -> Response.ok(Map.of()))
                .add("GET", "/health/live", request -> Response.ok(Map.of("status", "UP")))
                .add("GET", "/health/ready", request -> ready())
                .add("GET", "/subjects", request -> Response.ok(registry.subjects()))
                .add("POST", "/subjects/{subject}", this::lookup)
                .add("GET", "/subjects/{subject}/versions",
                        request -> Response.ok(registry.versionNumbers(request.path("subject"))))
                .add("POST", "/subjects/{subject}/versions", this::register)
                .add("GET", "/subjects/{subject}/versions/{version}", this::version)
                .add("GET", "/subjects/{subject}/versions/{version}/schema", this::rawSchema)
                .add("GET", "/schemas/ids/{id}", this::schemaById)
                .add("GET", "/schemas/types", request -> Response.ok(List.of("AVRO")))
                .add("GET", "/config", request -> Response.ok(levelBody(registry.globalLevel())))
                .add("PUT", "/config", request -> setLevel(null, request))
                .add("GET", "/config/{subject}", request -> Response.ok(levelBody(
                        registry.subjectLevel(request.path("subject"), request.flag("defaultToGlobal")))))
                .add("PUT", "/config/{subject}", request -> setLevel(request.path("subject"), request))
                .add("POST", "/compatibility/subjects/{subject}/versions", request -> compatibility(request, null))
                .add("POST", "/compatibility/subjects/{subject}/versions/{version}",
                        request -> compatibility(request, VersionSpec.parse(request.path("version"))));
    }

    /**
     * Not part of Confluent's API: 200 while the store's reader has read the store to its end once and
     * still reads it, 503 otherwise, with the reader's state under {@code "store"}.
     */
    private Response ready() {
        final TailHealth health = store.get();
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", health.healthy() ? "UP" : "DOWN");
        body.put("store", health.toMap());
        return new Response(health.healthy() ? 200 : 503, body, null);
    }

    private Response register(final Request request) {
        final int id = registry.register(request.path("subject"), schemaText(request), request.text("schemaType"));
        return Response.ok(Map.of("id", id));
    }

    private Response lookup(final Request request) {
        return Response.ok(versionBody(
                registry.lookup(request.path("subject"), schemaText(request), request.text("schemaType"))));
    }

    private Response version(final Request request) {
        final VersionSpec spec = VersionSpec.parse(request.path("version"));
        return Response.ok(versionBody(registry.version(request.path("subject"), spec)));
    }

    private Response rawSchema(final Request request) {
        final VersionSpec spec = VersionSpec.parse(request.path("version"));
        return Response.rawJson(registry.version(request.path("subject"), spec).schema());
    }

    private Response schemaById(final Request request) {
        final String id = request.path("id");
        final int number;
        try {
            number = Integer.parseInt(id);
        } catch (final NumberFormatException e) {
            throw RegistryException.schemaNotFound("Schema " + id + " not found");
        }
        return Response.ok(Map.of("schema", registry.schemaById(number)));
    }

    private Response setLevel(final String subject, final Request request) {
        final JsonNode level = request.json().get("compatibility");
        final String name = level == null || !level.isTextual() ? String.valueOf(level) : level.asText();
        return Response.ok(Map.of("compatibility", registry.setLevel(subject, name).name()));
    }

    private Response compatibility(final Request request, final VersionSpec spec) {
        final List<String> problems = registry.incompatibilities(request.path("subject"), spec,
                schemaText(request), request.text("schemaType"));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_compatible", problems.isEmpty());
        if (request.flag("verbose")) {
            body.put("messages", problems);
        }
        return Response.ok(body);
    }

    private static String schemaText(final Request request) {
        final JsonNode references = request.json().get("references");
        if (references != null && references.isArray() && !references.isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported by this registry");
        }
        final String schema = request.text("schema");
        if (schema == null) {
            throw RegistryException.invalidSchema("the request has no 'schema' field");
        }
        return schema;
    }

    private static Map<String, Object> versionBody(final SchemaVersion version) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("subject", version.subject());
        body.put("version", version.version());
        body.put("id", version.id());
        body.put("schema", version.schema());
        return body;
    }

    private static Map<String, String> levelBody(final CompatibilityLevel level) {
        return Map.of("compatibilityLevel", level.name());
    }
}
