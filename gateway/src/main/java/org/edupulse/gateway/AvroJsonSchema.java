package org.edupulse.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.edupulse.ingest.EventType;

/**
 * The JSON form of an Avro record, as the gateway reads it, in OpenAPI 3.0 schema terms:
 * timestamps are ISO-8601 strings with an offset, dates are {@code yyyy-MM-dd}, enums are their
 * symbols, {@code ["null", T]} is an optional T. Derived from the Avro schema so the published
 * description cannot drift from the contract.
 */
final class AvroJsonSchema {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AvroJsonSchema() {
    }

    /** The request schema of one event type: every Avro field, the required ones, nothing else. */
    static ObjectNode ofEvent(final EventType type) {
        final Schema record = type.schema();
        final ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        if (record.getDoc() != null) {
            schema.put("description", record.getDoc());
        }
        final ArrayNode required = schema.putArray("required");
        requiredFields(type).forEach(required::add);
        final ObjectNode properties = schema.putObject("properties");
        for (final Schema.Field field : record.getFields()) {
            final ObjectNode property = of(field.schema());
            final String doc = field.doc() == null ? "" : field.doc();
            property.put("description", field.name().equals(EventType.EVENT_ID)
                    ? doc + " Optional: when absent, derived deterministically from the event's content, so a resend is not counted twice."
                    : doc);
            properties.set(field.name(), property);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /**
     * Fields the parser insists on: every field that is neither nullable nor a list, except the
     * event id, which is derived when absent, and the fields the mapper reads as optional (added
     * later with a default, e.g. {@code districtIsFormer}). Any other field with an Avro default is still
     * required, because the school must say it.
     */
    static List<String> requiredFields(final EventType type) {
        return type.schema().getFields().stream()
                .filter(f -> !f.schema().isNullable())
                .filter(f -> f.schema().getType() != Schema.Type.ARRAY)
                .filter(f -> !f.name().equals(EventType.EVENT_ID))
                .filter(f -> !type.optionalFields().contains(f.name()))
                .map(Schema.Field::name)
                .toList();
    }

    static ObjectNode of(final Schema schema) {
        final ObjectNode node = NODES.objectNode();
        final LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case UNION -> {
                final List<Schema> branches = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
                if (branches.size() == 1) {
                    node.setAll(of(branches.get(0)));
                } else {
                    final ArrayNode oneOf = node.putArray("oneOf");
                    branches.forEach(b -> oneOf.add(of(b)));
                }
                if (schema.isNullable()) {
                    node.put("nullable", true);
                }
            }
            case STRING -> node.put("type", "string");
            case BOOLEAN -> node.put("type", "boolean");
            case INT -> {
                if (logical != null && logical.getName().equals("date")) {
                    node.put("type", "string").put("format", "date");
                } else {
                    node.put("type", "integer").put("format", "int32");
                }
            }
            case LONG -> {
                if (logical != null && logical.getName().startsWith("timestamp")) {
                    node.put("type", "string").put("format", "date-time");
                } else {
                    node.put("type", "integer").put("format", "int64");
                }
            }
            case FLOAT -> node.put("type", "number").put("format", "float");
            case DOUBLE -> node.put("type", "number").put("format", "double");
            case ENUM -> {
                node.put("type", "string");
                final ArrayNode symbols = node.putArray("enum");
                schema.getEnumSymbols().forEach(symbols::add);
            }
            case ARRAY -> {
                node.put("type", "array");
                node.set("items", of(schema.getElementType()));
            }
            case MAP -> {
                node.put("type", "object");
                node.set("additionalProperties", of(schema.getValueType()));
            }
            default -> node.put("type", "object");
        }
        return node;
    }
}
