package org.edupulse.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Liveness (the process answers) and readiness (the Streams instance is RUNNING, so its stores can
 * be queried): orchestrators restart on the first and route traffic on the second.
 */
final class HealthHandler implements HttpHandler {

    private final Supplier<KafkaStreams> streams;

    HealthHandler(final Supplier<KafkaStreams> streams) {
        this.streams = streams;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        if ("/health/live".equals(path)) {
            Exchanges.send(exchange, Reply.json(200, Map.of("status", "UP")));
        } else if ("/health/ready".equals(path)) {
            Exchanges.send(exchange, readiness(streams.get()));
        } else {
            Exchanges.send(exchange, Reply.error(404, "try /health/live or /health/ready"));
        }
    }

    static Reply readiness(final KafkaStreams current) {
        final String state = current == null ? "NOT_ATTACHED" : current.state().name();
        final boolean ready = current != null && current.state() == KafkaStreams.State.RUNNING;
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", ready ? "UP" : "DOWN");
        json.put("streams", state);
        final Reply reply = Reply.json(ready ? 200 : 503, json);
        return ready ? reply : reply.withHeader("Retry-After", Reply.RETRY_AFTER_SECONDS);
    }
}
