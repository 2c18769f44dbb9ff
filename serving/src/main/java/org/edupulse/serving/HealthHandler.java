package org.edupulse.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.tail.TailHealth;

/**
 * Liveness and readiness of the Streams process, from the state of its {@code KafkaStreams}:
 * orchestrators restart on the first and route traffic on the second. Live while the client is
 * starting, rebalancing or running (a rebalance is not a reason to restart); dead once it is in
 * ERROR or NOT_RUNNING (or on its way there), since a client in those states never processes
 * again and only a restart helps. Ready only while RUNNING, when its stores can be queried, and while
 * every reader of a published topic (school versions, periods, history, ledgers, live feeds) has
 * caught up once and still reads: those readers retry for ever, so they never make the process dead.
 * Both answer 200 or 503 with {@code {"status":"UP"|"DOWN","streams":"<state>"}}; readiness adds
 * {@code "readers":{"<name>":{"status":...,"caughtUp":...,"problem":...}}}.
 */
final class HealthHandler implements HttpHandler {

    /** States a client never leaves for RUNNING again. */
    private static final Set<KafkaStreams.State> DEAD = EnumSet.of(KafkaStreams.State.PENDING_ERROR,
            KafkaStreams.State.ERROR, KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
    /** Shown while no client is attached yet: the process answers, the stores cannot. */
    private static final String NOT_ATTACHED = "NOT_ATTACHED";

    private final Supplier<KafkaStreams> streams;
    private final Supplier<List<TailHealth>> readers;

    HealthHandler(final Supplier<KafkaStreams> streams) {
        this(streams, List::of);
    }

    HealthHandler(final Supplier<KafkaStreams> streams, final Supplier<List<TailHealth>> readers) {
        this.streams = streams;
        this.readers = readers;
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        final KafkaStreams current = streams.get();
        final KafkaStreams.State state = current == null ? null : current.state();
        if ("/health/live".equals(path)) {
            Exchanges.send(exchange, liveness(state));
        } else if ("/health/ready".equals(path)) {
            Exchanges.send(exchange, readiness(state, readers.get()));
        } else {
            Exchanges.send(exchange, Reply.error(404, "try /health/live or /health/ready"));
        }
    }

    /** 200 unless {@code state} is one a client never recovers from; null: not attached yet. */
    static Reply liveness(final KafkaStreams.State state) {
        return answer(state == null || !DEAD.contains(state), state, false);
    }

    /** 200 only while RUNNING; null: not attached yet. */
    static Reply readiness(final KafkaStreams.State state) {
        return readiness(state, List.of());
    }

    /** 200 only while RUNNING and every reader is healthy; null: not attached yet. */
    static Reply readiness(final KafkaStreams.State state, final List<TailHealth> readers) {
        final boolean readersUp = readers.stream().allMatch(TailHealth::healthy);
        return answer(state == KafkaStreams.State.RUNNING && readersUp, state, readers, true);
    }

    private static Reply answer(final boolean up, final KafkaStreams.State state, final boolean retryLater) {
        return answer(up, state, List.of(), retryLater);
    }

    private static Reply answer(final boolean up, final KafkaStreams.State state, final List<TailHealth> readers,
                                final boolean retryLater) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", up ? "UP" : "DOWN");
        json.put("streams", state == null ? NOT_ATTACHED : state.name());
        if (!readers.isEmpty()) {
            final Map<String, Object> byName = new LinkedHashMap<>();
            readers.forEach(reader -> byName.put(reader.name(), reader.toMap()));
            json.put("readers", byName);
        }
        final Reply reply = Reply.json(up ? 200 : 503, json);
        // Not ready yet is worth retrying soon; a dead client is not.
        return up || !retryLater ? reply : reply.withHeader("Retry-After", Reply.RETRY_AFTER_SECONDS);
    }
}
