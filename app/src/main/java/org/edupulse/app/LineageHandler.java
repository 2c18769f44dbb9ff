package org.edupulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.edupulse.audit.Lineage;
import org.edupulse.audit.LineageResult;

/**
 * {@code GET /api/v1/lineage?unit=&indicator=&asOf=}: the lineage of one published value over
 * HTTP. Each request replays the retained history up to {@code asOf}, so it takes seconds on a
 * large history: an auditor's tool, not a dashboard's. So that requests cannot pile up replays on
 * the query server, one lineage runs at a time (another request meanwhile gets 429 with
 * {@code Retry-After}) and an answer waits at most {@link #DEFAULT_TIMEOUT} (then 503; the replay
 * finishes in the background and holds the slot until it does). {@code ./edupulse lineage} has no
 * such bound.
 */
final class LineageHandler implements HttpHandler {

    /** How long a request waits for its lineage before it is answered 503. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the handler asks: the lineage of one indicator of one unit as of an instant. */
    @FunctionalInterface
    interface Tracer {
        LineageResult trace(String unitId, String indicatorId, Instant asOf);
    }

    private final Tracer lineage;
    private final Duration timeout;
    private final Semaphore running = new Semaphore(1);
    private final ExecutorService worker = Executors.newCachedThreadPool(runnable -> {
        final Thread thread = new Thread(runnable, "edupulse-lineage");
        thread.setDaemon(true);
        return thread;
    });
    private final InstantConverter instants = new InstantConverter();

    LineageHandler(final Lineage lineage) {
        this(lineage::trace, DEFAULT_TIMEOUT);
    }

    LineageHandler(final Tracer lineage, final Duration timeout) {
        this.lineage = lineage;
        this.timeout = timeout;
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
        if (!running.tryAcquire()) {
            exchange.getResponseHeaders().set("Retry-After", "10");
            send(exchange, 429, error(429, "another lineage is being computed; try again shortly, or use ./edupulse lineage"));
            return;
        }
        final Future<LineageResult> result;
        try {
            result = worker.submit(() -> {
                try {
                    return lineage.trace(query.get("unit"), query.get("indicator"), asOf);
                } finally {
                    running.release();
                }
            });
        } catch (final RuntimeException e) {
            running.release();
            throw e;
        }
        try {
            send(exchange, 200, LineageJson.of(result.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof IllegalArgumentException) {
                send(exchange, 400, error(400, e.getCause().getMessage()));
            } else {
                throw new IOException("lineage failed: " + e.getCause().getMessage(), e.getCause());
            }
        } catch (final TimeoutException e) {
            send(exchange, 503, error(503, "the lineage took longer than " + timeout.toSeconds()
                    + " s; use ./edupulse lineage for a long history"));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            send(exchange, 503, error(503, "the server is shutting down"));
        }
    }

    private static Map<String, Object> error(final int status, final String message) {
        final String code = switch (status) {
            case 405 -> "method_not_allowed";
            case 429 -> "busy";
            case 503 -> "timeout";
            default -> "bad_request";
        };
        return Map.of("status", status, "error", code, "message", message);
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
