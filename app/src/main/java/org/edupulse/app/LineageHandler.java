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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.edupulse.audit.Lineage;
import org.edupulse.audit.LineageResult;
import org.edupulse.gateway.ApiKeyAuthentication;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;

/**
 * {@code GET /api/v1/lineage?unit=&indicator=&asOf=}: the lineage of one published value over
 * HTTP. It lists source events (person, staff and device ids of every school of the unit) and each
 * request replays the retained history up to {@code asOf}, so it takes seconds on a large history:
 * an auditor's tool, not a dashboard's. Only a department key of the gateway may call it (the
 * units are districts and provinces, whose figures hold the events of many schools, so a school
 * key gets 403); no key, an unknown or a revoked one get 401 before anything else is done, so they
 * cannot occupy the replay. One lineage runs at a time (another request meanwhile gets 429 with
 * {@code Retry-After}) and an answer waits at most {@link #DEFAULT_TIMEOUT} (then 503, and the replay
 * is interrupted: it stops within a thousand records and frees the slot). {@code ./edupulse lineage}
 * has no such bound.
 */
final class LineageHandler implements HttpHandler {

    static final String PATH = "/api/v1/lineage";

    /** How long a request waits for its lineage before it is answered 503. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the handler asks: the lineage of one indicator of one unit as of an instant. */
    @FunctionalInterface
    interface Tracer {
        LineageResult trace(String unitId, String indicatorId, Instant asOf);
    }

    private final Tracer lineage;
    private final ApiKeyAuthentication keys;
    private final Duration timeout;
    private final Semaphore running = new Semaphore(1);
    private final ExecutorService worker = Executors.newCachedThreadPool(runnable -> {
        final Thread thread = new Thread(runnable, "edupulse-lineage");
        thread.setDaemon(true);
        return thread;
    });
    private final InstantConverter instants = new InstantConverter();

    LineageHandler(final Lineage lineage, final ApiKeyAuthentication keys) {
        this(lineage::trace, keys, DEFAULT_TIMEOUT);
    }

    LineageHandler(final Tracer lineage, final ApiKeyAuthentication keys, final Duration timeout) {
        this.lineage = lineage;
        this.keys = keys;
        this.timeout = timeout;
    }

    /**
     * What a pipeline without the gateway's key cache serves on the lineage route: 404 and the way
     * to the CLI. It has no keys to check a caller against, and the lineage is not served openly.
     */
    static HttpHandler withoutKeys() {
        return exchange -> send(exchange, 404, Map.of("status", 404, "error", "not_found", "message",
                "the lineage is served over HTTP only by a pipeline with its gateway (it needs the gateway's keys;"
                        + " this one runs with --without-gateway): use ./edupulse lineage --unit UNIT --indicator ID"
                        + " --as-of INSTANT"));
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET");
            send(exchange, 405, error(405, "only GET is allowed here"));
            return;
        }
        final Optional<ApiKey> key = keys.authenticate(exchange);
        if (key.isEmpty()) {
            return;
        }
        if (key.get().getScope() != ApiKeyScope.DEPARTMENT) {
            ApiKeyAuthentication.forbid(exchange, "the lineage lists the source events of every school of a district"
                    + " or province, so only a department key may trace it, not key " + key.get().getKeyId()
                    + " of school " + key.get().getSchoolId());
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
            // The replay stops at its next check of the interrupt and frees the slot.
            result.cancel(true);
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
        // person and staff ids of source events: no cache may keep them
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
