package org.edupulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.edupulse.audit.Lineage;

/**
 * {@code GET /api/v1/lineage?unit=&indicator=&asOf=}: the lineage of one published value over
 * HTTP. Each request replays the retained history up to {@code asOf}, so it takes seconds on a
 * large history: an auditor's tool, not a dashboard's.
 */
final class LineageHandler implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lineage lineage;
    private final InstantConverter instants = new InstantConverter();

    LineageHandler(final Lineage lineage) {
        this.lineage = lineage;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, error(405, "only GET is allowed here"));
            return;
        }
        final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        for (final String required : new String[] {"unit", "indicator", "asOf"}) {
            if (query.getOrDefault(required, "").isBlank()) {
                send(exchange, 400, error(400, "missing query parameter '" + required + "'"));
                return;
            }
        }
        final Instant asOf;
        try {
            asOf = instants.convert(query.get("asOf"));
        } catch (final RuntimeException e) {
            send(exchange, 400, error(400, "asOf: " + e.getMessage()));
            return;
        }
        try {
            send(exchange, 200, LineageJson.of(lineage.trace(query.get("unit"), query.get("indicator"), asOf)));
        } catch (final IllegalArgumentException e) {
            send(exchange, 400, error(400, e.getMessage()));
        }
    }

    private static Map<String, Object> error(final int status, final String message) {
        return Map.of("status", status, "error", status == 405 ? "method_not_allowed" : "bad_request", "message", message);
    }

    private static Map<String, String> query(final String raw) {
        final Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (final String pair : raw.split("&")) {
            final int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
