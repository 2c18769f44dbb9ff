package org.edupulse.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.edupulse.ingest.EventType;

/**
 * The OpenAPI 3.0 description of the gateway, served at {@code /api/v1/openapi.json} so a school's
 * developer can generate a client. One path per event type, because each type has its own body;
 * the bodies come from {@link AvroJsonSchema}, i.e. from the Avro contracts themselves.
 */
public final class OpenApiDocument {

    /** Where the gateway serves this document. */
    public static final String PATH = "/api/v1/openapi.json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> FAILURES = failures();

    private OpenApiDocument() {
    }

    public static ObjectNode create() {
        final ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info")
                .put("title", "EduPulse ingestion gateway")
                .put("version", "1.0.0")
                .put("description", "School systems send training, certification, device, staff and school events as JSON. "
                        + "Each key writes for one school only. A request is all-or-nothing: 202 means every event was "
                        + "acknowledged by Kafka; any error means nothing of the request was published, except 503, "
                        + "after which resending the same request is safe.");
        doc.putArray("servers").addObject().put("url", "/");
        doc.putArray("security").addObject().putArray("bearerAuth");
        final ObjectNode paths = doc.putObject("paths");
        for (final EventType type : EventType.values()) {
            paths.set(EventsHandler.PREFIX + type.cliName(), eventsPath(type));
        }
        paths.set(PATH, openApiPath());
        final ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearerAuth")
                .put("type", "http").put("scheme", "bearer")
                .put("description", "A school's API key, ep_<keyId>_<secret>, created with './edupulse keys create --school ID'.");
        final ObjectNode schemas = components.putObject("schemas");
        for (final EventType type : EventType.values()) {
            schemas.set(schemaName(type), AvroJsonSchema.ofEvent(type));
        }
        schemas.set("Accepted", acceptedSchema());
        schemas.set("Error", errorSchema());
        schemas.set("EventError", eventErrorSchema());
        return doc;
    }

    /** The components/schemas name of an event type's body, the Avro record name. */
    public static String schemaName(final EventType type) {
        return type.schema().getName();
    }

    private static ObjectNode eventsPath(final EventType type) {
        final ObjectNode post = NODES.objectNode();
        final String ref = "#/components/schemas/" + schemaName(type);
        post.put("operationId", "publish" + schemaName(type));
        post.put("summary", "Publish one " + type.cliName() + " event or an array of them");
        post.putArray("tags").add("events");
        final ObjectNode body = post.putObject("requestBody").put("required", true);
        final ArrayNode oneOf = body.putObject("content").putObject("application/json").putObject("schema").putArray("oneOf");
        oneOf.addObject().put("$ref", ref);
        oneOf.addObject().put("type", "array").putObject("items").put("$ref", ref);
        final ObjectNode responses = post.putObject("responses");
        responses.set("202", response("Every event was acknowledged by Kafka", "#/components/schemas/Accepted"));
        FAILURES.forEach((status, description) -> responses.set(status, response(description, "#/components/schemas/Error")));
        ((ObjectNode) responses.get("401")).putObject("headers").putObject("WWW-Authenticate")
                .put("description", "Bearer challenge (RFC 6750)").putObject("schema").put("type", "string");
        final ObjectNode path = NODES.objectNode();
        path.set("post", post);
        return path;
    }

    private static ObjectNode openApiPath() {
        final ObjectNode get = NODES.objectNode();
        get.put("operationId", "openApi").put("summary", "This document");
        get.putArray("security");
        get.putObject("responses").putObject("200").put("description", "OpenAPI 3 document")
                .putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        final ObjectNode path = NODES.objectNode();
        path.set("get", get);
        return path;
    }

    private static ObjectNode response(final String description, final String ref) {
        final ObjectNode response = NODES.objectNode().put("description", description);
        response.putObject("content").putObject("application/json").putObject("schema").put("$ref", ref);
        return response;
    }

    private static Map<String, String> failures() {
        final Map<String, String> failures = new LinkedHashMap<>();
        failures.put("400", "The body is not JSON, or not a JSON object or an array of JSON objects");
        failures.put("401", "Missing, malformed, unknown or revoked API key");
        failures.put("403", "An event names a school other than the key's; errors lists them, nothing was published");
        failures.put("404", "Unknown event type; knownTypes lists the valid ones");
        failures.put("405", "Only POST is allowed");
        failures.put("413", "The body is larger than the gateway's limit (maxBodyBytes)");
        failures.put("415", "A Content-Type other than application/json in UTF-8");
        failures.put("422", "Invalid events; errors lists each {index, field, reason}, nothing was published");
        failures.put("503", "Kafka did not acknowledge every event; resending the same request is safe");
        return failures;
    }

    private static ObjectNode acceptedSchema() {
        final ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putArray("required").add("accepted").add("type").add("schoolId");
        final ObjectNode properties = schema.putObject("properties");
        properties.putObject("accepted").put("type", "integer").put("description", "Number of events published");
        properties.putObject("type").put("type", "string");
        properties.putObject("schoolId").put("type", "string");
        properties.putObject("eventIds").put("type", "array")
                .put("description", "Event ids in request order, derived ones included (absent for school records)")
                .putObject("items").put("type", "string");
        return schema;
    }

    private static ObjectNode errorSchema() {
        final ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putArray("required").add("status").add("error").add("message");
        final ObjectNode properties = schema.putObject("properties");
        properties.putObject("status").put("type", "integer");
        properties.putObject("error").put("type", "string").put("description", "Stable code, e.g. invalid_events");
        properties.putObject("message").put("type", "string");
        properties.putObject("errors").put("type", "array").putObject("items").put("$ref", "#/components/schemas/EventError");
        properties.putObject("knownTypes").put("type", "array").putObject("items").put("type", "string");
        properties.putObject("maxBodyBytes").put("type", "integer").put("format", "int64");
        properties.putObject("index").put("type", "integer");
        properties.putObject("retryable").put("type", "boolean");
        return schema;
    }

    private static ObjectNode eventErrorSchema() {
        final ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putArray("required").add("index").add("field").add("reason");
        final ObjectNode properties = schema.putObject("properties");
        properties.putObject("index").put("type", "integer").put("description", "Zero-based position in the request");
        properties.putObject("field").put("type", "string");
        properties.putObject("reason").put("type", "string");
        return schema;
    }
}
