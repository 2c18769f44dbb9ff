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
 * The body must be UTF-8 (RFC 8259): one in UTF-16 or UTF-32, which Jackson would otherwise detect
 * and read, is a 415 like a declared charset other than UTF-8, so the gateway takes exactly the
 * bytes the file importer takes.
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
        requireUtf8(body);
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

    /**
     * JSON text starts with an ASCII character or a UTF-8 byte order mark, so a zero byte among the first
     * two, or a UTF-16 byte order mark, means UTF-16 or UTF-32 (RFC 4627, section 3).
     */
    private static void requireUtf8(final byte[] body) {
        if (body.length < 2) {
            return;
        }
        final boolean utf16Mark = (body[0] == (byte) 0xFE && body[1] == (byte) 0xFF)
                || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE);
        if (utf16Mark || body[0] == 0 || body[1] == 0) {
            throw Problem.of(415, "unsupported_media_type", "the body is not UTF-8 but UTF-16 or UTF-32"
                    + (utf16Mark ? " (it starts with a UTF-16 byte order mark)" : " (it holds zero bytes)")
                    + "; send JSON in UTF-8");
        }
    }

    private static String where(final JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
