package org.edupulse.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.edupulse.schemas.IndicatorSet;

/**
 * The HTTP side of the Streams process: health checks and the latest district indicators read
 * from the local state store through interactive queries. A store that is rebalancing answers 503
 * with Retry-After, never a stack trace.
 */
public final class ApiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final IndicatorsApp app;

    private ApiServer(final HttpServer server, final IndicatorsApp app) {
        this.server = server;
        this.app = app;
    }

    /** Serves on 127.0.0.1:port (0 picks a free port). */
    public static ApiServer start(final int port, final IndicatorsApp app) {
        try {
            final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            final ApiServer api = new ApiServer(server, app);
            server.createContext("/health/live", exchange -> api.respond(exchange, 200, Map.of("status", "UP")));
            server.createContext("/health/ready", api::ready);
            server.createContext("/api/v1/districts", api::districts);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return api;
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot serve HTTP on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void ready(final HttpExchange exchange) throws IOException {
        final KafkaStreams.State state = app.state();
        respond(exchange, state == KafkaStreams.State.RUNNING ? 200 : 503, Map.of("streams", state.name()));
    }

    private void districts(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, Map.of("error", "only GET is allowed here"));
            return;
        }
        try {
            final String path = exchange.getRequestURI().getPath();
            final String prefix = "/api/v1/districts";
            if (path.length() > prefix.length() + 1) {
                final String id = path.substring(prefix.length() + 1);
                final IndicatorSet set = app.districtStore().get(id);
                if (set == null) {
                    respond(exchange, 404, Map.of("error", "no district with id " + id));
                } else {
                    respond(exchange, 200, IndicatorJson.of(set));
                }
                return;
            }
            final List<Map<String, Object>> all = new ArrayList<>();
            try (KeyValueIterator<String, IndicatorSet> it = app.districtStore().all()) {
                while (it.hasNext()) {
                    final KeyValue<String, IndicatorSet> entry = it.next();
                    all.add(IndicatorJson.of(entry.value));
                }
            }
            respond(exchange, 200, all);
        } catch (final InvalidStateStoreException e) {
            exchange.getResponseHeaders().add("Retry-After", "1");
            respond(exchange, 503, Map.of("error", "indicator state is not available yet (" + app.state() + "); retry shortly"));
        }
    }

    private void respond(final HttpExchange exchange, final int status, final Object body) throws IOException {
        final byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
