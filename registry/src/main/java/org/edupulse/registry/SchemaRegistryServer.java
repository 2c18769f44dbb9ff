package org.edupulse.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.edupulse.tail.TailPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded schema registry speaking the Confluent Schema Registry REST API, with all its state
 * in a compacted Kafka topic. It exists so the platform runs without Confluent's distribution while
 * keeping a switch to cp-schema-registry a matter of changing {@code schema.registry.url}; several
 * instances on one topic agree because each derives its state from the same log. It answers only
 * once it has read that log to its end; {@code GET /health/ready} says whether its reader still reads.
 */
public final class SchemaRegistryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryServer.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(30);
    private static final int HTTP_THREADS = 8;

    /** The JDK server's switch for TCP_NODELAY on accepted connections; a value given with -D is kept. */
    static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final HttpServer http;
    private final ExecutorService executor;
    private final KafkaStore store;
    private final String url;
    private boolean closed;

    private SchemaRegistryServer(final HttpServer http, final ExecutorService executor, final KafkaStore store,
                                 final String url) {
        this.http = http;
        this.executor = executor;
        this.store = store;
        this.url = url;
    }

    /**
     * Creates the store topic if needed, replays it, then starts serving HTTP; returns once both
     * are done. Port 0 in the config picks a free port, see {@link #url()}.
     */
    public static SchemaRegistryServer start(final RegistryConfig config) {
        return start(config, TailPolicy.DEFAULT);
    }

    /** Like {@link #start(RegistryConfig)}, with the store reader's retry and staleness policy. */
    static SchemaRegistryServer start(final RegistryConfig config, final TailPolicy storePolicy) {
        final ObjectMapper mapper = new ObjectMapper();
        final StoreRecordCodec codec = new StoreRecordCodec(mapper);
        final RegistryState state = new RegistryState(config.defaultCompatibility());
        final KafkaStore store = KafkaStore.start(config, codec, state, STORE_TIMEOUT, storePolicy);
        final SchemaRegistry registry = new SchemaRegistry(state, store, codec);
        final ExecutorService executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
        try {
            // TCP_NODELAY on the JDK server's connections (off by default): without it, every request after a
            // kept-alive connection's first waited about 40 ms for the client's delayed acknowledgement of the
            // response's headers before the body went out. Read once, when the JDK's server classes load.
            System.getProperties().putIfAbsent(NO_DELAY_PROPERTY, "true");
            final HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            http.createContext("/", new HttpDispatcher(new RestApi(registry, store::health).routes(), mapper));
            http.setExecutor(executor);
            http.start();
            final String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
            final String url = "http://" + host + ":" + http.getAddress().getPort();
            LOG.info("Schema registry serving {} with its state in topic {}", url, config.topic());
            return new SchemaRegistryServer(http, executor, store, url);
        } catch (final IOException e) {
            executor.shutdownNow();
            store.close();
            throw new UncheckedIOException("Could not listen on " + config.host() + ":" + config.port(), e);
        }
    }

    private static ThreadFactory daemonThreads() {
        final AtomicInteger count = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, "registry-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** Stops HTTP first, then the store; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(0);
        executor.shutdownNow();
        store.close();
    }
}
