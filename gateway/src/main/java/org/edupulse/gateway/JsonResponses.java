package org.edupulse.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes every gateway answer the same way: JSON in UTF-8, never cached. */
final class JsonResponses {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    static void send(final HttpExchange exchange, final int status, final Object body) throws IOException {
        send(exchange, status, JSON.writeValueAsBytes(body), Map.of());
    }

    static void send(final HttpExchange exchange, final Problem problem) throws IOException {
        send(exchange, problem.status(), JSON.writeValueAsBytes(problem.body()), problem.headers());
    }

    static void send(final HttpExchange exchange, final int status, final byte[] body,
                     final Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        final boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
