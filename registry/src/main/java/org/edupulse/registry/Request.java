package org.edupulse.registry;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/**
 * An HTTP request reduced to what the registry's handlers read: decoded path variables, query
 * parameters and a JSON body parsed on demand.
 */
record Request(Map<String, String> pathVariables, Map<String, String> query, byte[] body, ObjectMapper mapper) {

    String path(final String name) {
        return pathVariables.get(name);
    }

    boolean flag(final String name) {
        return Boolean.parseBoolean(query.get(name));
    }

    /** The body as a JSON object; 400 if it is empty, malformed or not an object. */
    JsonNode json() {
        if (body.length == 0) {
            throw RegistryException.badRequest("The request body is empty; a JSON object is expected");
        }
        final JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (final JacksonException e) {
            throw RegistryException.badRequest("The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw RegistryException.badRequest("The request body could not be read");
        }
        if (node == null || !node.isObject()) {
            throw RegistryException.badRequest("The request body must be a JSON object");
        }
        return node;
    }

    /** A text field of the JSON body, or null when it is absent or JSON null. */
    String text(final String field) {
        final JsonNode value = json().get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw RegistryException.badRequest("The field '" + field + "' must be a string");
        }
        return value.asText();
    }
}
