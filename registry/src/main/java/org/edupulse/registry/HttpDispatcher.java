package org.edupulse.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge from the JDK's HTTP server to the {@link Router}: decodes the path and query,
 * checks the request's media type, and turns every outcome, including failures, into Confluent's
 * JSON error shape. No exception text beyond a message, and never a stack trace, leaves here.
 */
final class HttpDispatcher implements HttpHandler {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);
    private static final Set<String> ACCEPTED_BODY_TYPES = Set.of(CONTENT_TYPE,
            "application/vnd.schemaregistry+json", "application/json", "application/octet-stream");

    private final Router router;
    private final ObjectMapper mapper;

    HttpDispatcher(final Router router, final ObjectMapper mapper) {
        this.router = router;
        this.mapper = mapper;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            write(exchange, respond(exchange));
        }
    }

    private Response respond(final HttpExchange exchange) throws IOException {
        try {
            return dispatch(exchange);
        } catch (final RegistryException e) {
            return error(e.status(), e.errorCode(), e.getMessage());
        } catch (final RuntimeException e) {
            LOG.error("Unexpected failure serving {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            return error(500, 50001, "Internal error while serving the request; see the registry's log");
        }
    }

    private Response dispatch(final HttpExchange exchange) throws IOException {
        final String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        final List<String> path = pathSegments(exchange.getRequestURI().getRawPath());
        final Optional<Router.Match> match = router.match(method, path);
        if (match.isEmpty()) {
            return router.knows(path)
                    ? error(405, 405, "HTTP 405 Method Not Allowed: " + method + " is not supported here")
                    : error(404, 404, "HTTP 404 Not Found");
        }
        final byte[] body = readBody(exchange, method);
        final Request request = new Request(match.get().variables(), query(exchange.getRequestURI().getRawQuery()),
                body, mapper);
        return match.get().handler().handle(request);
    }

    private static byte[] readBody(final HttpExchange exchange, final String method) throws IOException {
        if ("POST".equals(method) || "PUT".equals(method)) {
            final String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null) {
                final String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (!ACCEPTED_BODY_TYPES.contains(mediaType)) {
                    throw new RegistryException(415, 415, "HTTP 415 Unsupported Media Type: " + mediaType);
                }
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static Response error(final int status, final int code, final String message) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("error_code", code);
        body.put("message", message);
        return new Response(status, body, null);
    }

    private void write(final HttpExchange exchange, final Response response) throws IOException {
        final byte[] bytes = response.rawJson() != null
                ? response.rawJson().getBytes(StandardCharsets.UTF_8)
                : mapper.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Splits the raw path and percent-decodes each segment, so an encoded '/' stays inside a subject. */
    private static List<String> pathSegments(final String rawPath) {
        final String trimmed = rawPath.replaceAll("^/+", "").replaceAll("/+$", "");
        final List<String> segments = new ArrayList<>();
        if (trimmed.isEmpty()) {
            return segments;
        }
        for (final String raw : trimmed.split("/", -1)) {
            segments.add(decode(raw));
        }
        return segments;
    }

    private static Map<String, String> query(final String rawQuery) {
        final Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (final String pair : rawQuery.split("&")) {
            final String[] parts = pair.split("=", 2);
            params.put(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
        }
        return params;
    }

    private static String decode(final String raw) {
        try {
            // URLDecoder is a form decoder: keep a literal '+' from turning into a space.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (final IllegalArgumentException e) {
            throw RegistryException.badRequest("Malformed percent-encoding in '" + raw + "'");
        }
    }
}
