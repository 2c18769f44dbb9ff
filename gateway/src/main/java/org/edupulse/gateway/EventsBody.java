package org.edupulse.gateway;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The request body as a list of JSON objects: one object is a batch of one, an array is a batch.
 * Duplicate field names and trailing content are malformed, as in the NDJSON importer; any other
 * shape (a scalar, an array holding a non-object) is a 400 before any event is looked at. An array
 * of more events than the gateway takes per request is a 413 before any element is looked at.
 */
final class EventsBody {

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(JsonNode.class);

    private EventsBody() {
    }

    static List<JsonNode> parse(final byte[] body, final int maxEvents) {
        final JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (final JacksonException e) {
            throw Problem.badRequest("malformed JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (final IOException e) {
            throw Problem.badRequest("unreadable body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw Problem.badRequest("empty body; expected a JSON object or an array of JSON objects");
        }
        if (root.isObject()) {
            return List.of(root);
        }
        if (!root.isArray()) {
            throw Problem.badRequest("expected a JSON object or an array of JSON objects, found " + root.getNodeType());
        }
        if (root.size() > maxEvents) {
            throw Problem.tooManyEvents(root.size(), maxEvents);
        }
        final List<JsonNode> events = new ArrayList<>(root.size());
        for (final JsonNode element : root) {
            if (!element.isObject()) {
                throw Problem.badRequest("element " + events.size() + " of the array is " + element.getNodeType()
                        + ", expected a JSON object").with("index", events.size());
            }
            events.add(element);
        }
        return List.copyOf(events);
    }

    private static String where(final JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
