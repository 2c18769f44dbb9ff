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

    /** The document of a gateway with the default limits. */
    public static ObjectNode create() {
        return create(GatewayConfig.DEFAULT_MAX_BATCH_EVENTS);
    }

    /** The document of a gateway taking at most {@code maxBatchEvents} events per request. */
    public static ObjectNode create(final int maxBatchEvents) {
        final ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.3");
        doc.putObject("info")
                .put("title", "EduPulse ingestion gateway")
                .put("version", "1.0.0")
                .put("description", "School systems send training, certification, device, staff and school events as JSON. "
                        + "A school's key writes events of its own school only and never school records; school records "
                        + "(names, commune, district, province) are the department's reference data and need a "
                        + "department key, which may also write events of any school. A request holds at most "
                        + maxBatchEvents + " events (gateway.max.batch.events) and is "
                        + "all-or-nothing: 202 means every event was acknowledged by Kafka; any error means nothing of "
                        + "the request was published, except 503, after which resending the same request is safe. "
                        + "An error answer lists at most " + Problem.MAX_LISTED_ERRORS + " errors; errorCount gives the "
                        + "total and errorsTruncated says whether some were left out.");
        doc.putArray("servers").addObject().put("url", "/");
        doc.putArray("security").addObject().putArray("bearerAuth");
        final ObjectNode paths = doc.putObject("paths");
        for (final EventType type : EventType.values()) {
            paths.set(EventsHandler.PREFIX + type.cliName(), eventsPath(type, maxBatchEvents));
        }
        paths.set(PATH, openApiPath());
        final ObjectNode components = doc.putObject("components");
        components.putObject("securitySchemes").putObject("bearerAuth")
                .put("type", "http").put("scheme", "bearer")
                .put("description", "An API key, ep_<keyId>_<secret>: a school's, created with "
                        + "'./edupulse keys create --school ID', or the department's, created with "
                        + "'./edupulse keys create --department'.");
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

    private static ObjectNode eventsPath(final EventType type, final int maxBatchEvents) {
        final ObjectNode post = NODES.objectNode();
        final String ref = "#/components/schemas/" + schemaName(type);
        post.put("operationId", "publish" + schemaName(type));
        post.put("summary", "Publish one " + type.cliName() + " event or an array of them"
                + (type == EventType.SCHOOL ? " (department key only)" : ""));
        post.put("description", type == EventType.SCHOOL
                ? "School records are the department's reference data: only a department key may post them; "
                        + "a school's key gets 403 and nothing is published."
                : "A school's key may post events of its own school only; a department key, of any school.");
        post.putArray("tags").add("events");
        final ObjectNode body = post.putObject("requestBody").put("required", true);
        final ArrayNode oneOf = body.putObject("content").putObject("application/json").putObject("schema").putArray("oneOf");
        oneOf.addObject().put("$ref", ref);
        oneOf.addObject().put("type", "array")
                .put("maxItems", maxBatchEvents)
                .put("description", "At most " + maxBatchEvents + " events (gateway.max.batch.events); "
                        + "a longer array gets 413 and nothing is published")
                .putObject("items").put("$ref", ref);
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
        failures.put("403", "A school's key posted school records (department key only), or an event names a school "
                + "other than the key's (errors lists them), or (error held_by_other_school) a staff, certification or "
                + "device event of a school's key names a staffId or deviceId another school holds (errors lists the "
                + "first " + Problem.MAX_LISTED_ERRORS + " with the holder, which must first post RELEASED); "
                + "nothing was published");
        failures.put("404", "Unknown event type; knownTypes lists the valid ones");
        failures.put("405", "Only POST is allowed");
        failures.put("413", "The body is larger than the gateway's limit (maxBodyBytes), or the array holds more events "
                + "than gateway.max.batch.events (eventCount, maxBatchEvents); nothing was published");
        failures.put("415", "A Content-Type other than application/json in UTF-8");
        failures.put("422", "Invalid events; errors lists the first " + Problem.MAX_LISTED_ERRORS
                + " {index, field, reason}, errorCount the total, errorsTruncated whether some were left out; "
                + "nothing was published");
        failures.put("503", "Kafka did not acknowledge every event (publish_failed), or the gateway's key or holder "
                + "cache is failing or behind (not_ready); resending the same request is safe");
        return failures;
    }

    private static ObjectNode acceptedSchema() {
        final ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putArray("required").add("accepted").add("type").add("schoolId");
        final ObjectNode properties = schema.putObject("properties");
        properties.putObject("accepted").put("type", "integer").put("description", "Number of events published");
        properties.putObject("type").put("type", "string");
        properties.putObject("schoolId").put("type", "string")
                .put("description", "The key's school; '" + ApiKeys.ANY_SCHOOL + "' for a department key");
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
        properties.putObject("errors").put("type", "array").put("maxItems", Problem.MAX_LISTED_ERRORS)
                .put("description", "The first " + Problem.MAX_LISTED_ERRORS + " problems, in request order")
                .putObject("items").put("$ref", "#/components/schemas/EventError");
        properties.putObject("errorCount").put("type", "integer")
                .put("description", "How many problems there were in all, listed or not");
        properties.putObject("errorsTruncated").put("type", "boolean")
                .put("description", "True when errors lists only the first " + Problem.MAX_LISTED_ERRORS + " of errorCount");
        properties.putObject("eventCount").put("type", "integer")
                .put("description", "With 413 too_many_events: how many events the request held");
        properties.putObject("maxBatchEvents").put("type", "integer")
                .put("description", "With 413 too_many_events: the most events one request may hold");
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
