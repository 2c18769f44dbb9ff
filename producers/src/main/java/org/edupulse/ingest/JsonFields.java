package org.edupulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flattens one JSON object into the field map the mappers read: scalars become their text,
 * arrays of scalars become lists, {@code null} becomes absent. Nested objects have no place in
 * the flat contracts and are reported, not ignored.
 */
final class JsonFields {

    private JsonFields() {
    }

    static Map<String, Object> toFieldMap(final JsonNode object, final Violations violations) {
        final Map<String, Object> fields = new LinkedHashMap<>();
        for (final Map.Entry<String, JsonNode> entry : object.properties()) {
            fields.put(entry.getKey(), toValue(entry.getKey(), entry.getValue(), violations));
        }
        return fields;
    }

    private static Object toValue(final String name, final JsonNode node, final Violations violations) {
        if (node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        if (node.isArray()) {
            final List<String> items = new ArrayList<>();
            for (final JsonNode item : node) {
                if (!item.isValueNode() || item.isNull()) {
                    violations.add(name, "array entries must be strings, found " + item.getNodeType());
                    return null;
                }
                items.add(item.asText());
            }
            return items;
        }
        violations.add(name, "must be a string, number, boolean or array, not an " + node.getNodeType());
        return null;
    }
}
