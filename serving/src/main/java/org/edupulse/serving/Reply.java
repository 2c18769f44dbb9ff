package org.edupulse.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer as a value: decided by pure code (routing, queries) and written by one place, so
 * that every error has the same JSON shape and none carries a stack trace.
 *
 * @param status      HTTP status
 * @param contentType media type of the body
 * @param body        the bytes sent
 * @param headers     extra response headers
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON_TYPE = "application/json; charset=utf-8";
    /** Seconds a client should wait before retrying a 503. */
    static final String RETRY_AFTER_SECONDS = "1";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    Reply {
        headers = Map.copyOf(headers);
    }

    static Reply json(final int status, final Object value) {
        return new Reply(status, JSON_TYPE, toBytes(value), Map.of());
    }

    /** {@code {"status":404,"error":"Not Found","message":"..."}}. */
    static Reply error(final int status, final String message) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", reason(status));
        json.put("message", message);
        return json(status, json);
    }

    /** 503 with {@code Retry-After}: the state is moving (starting, rebalancing), not broken. */
    static Reply unavailable(final String message) {
        return error(503, message).withHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    Reply withHeader(final String name, final String value) {
        final Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }

    static byte[] toBytes(final Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String reason(final int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "HTTP " + status;
        };
    }
}
