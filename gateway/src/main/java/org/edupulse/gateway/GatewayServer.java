package org.edupulse.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.edupulse.ingest.EventValidator;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway on its own port, as {@code ./edupulse gateway} runs it: one publisher, one key cache
 * that has read every key before the first request is served, the gateway routes, and
 * {@code /health/live} and {@code /health/ready}, on a JDK server with the request and idle
 * timeouts of {@link HttpServerLimits}. Any number of instances may run against one
 * cluster; they share the keys through the compacted key topic.
 */
public final class GatewayServer implements AutoCloseable {

    /** How long start-up waits to read every existing key before giving up. */
    public static final Duration KEYS_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final EventPublisher publisher;
    private final ApiKeyCache keys;
    private final String url;

    private GatewayServer(final HttpServer server, final ExecutorService executor, final EventPublisher publisher,
                          final ApiKeyCache keys, final String url) {
        this.server = server;
        this.executor = executor;
        this.publisher = publisher;
        this.keys = keys;
        this.url = url;
    }

    /**
     * Connects to Kafka, reads every key, then listens.
     *
     * @throws ApiKeyStoreException if the keys cannot be read within {@link #KEYS_TIMEOUT}
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static GatewayServer start(final GatewayConfig config) {
        final Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            final ApiKeyCache keys = ApiKeyCache.start(config.bootstrapServers(), config.schemaRegistryUrl(),
                    config.clientSettings());
            opened.push(keys);
            final EventPublisher publisher = new EventPublisher(publisherConfig(config));
            opened.push(publisher);
            if (!keys.awaitSynced(KEYS_TIMEOUT)) {
                throw new ApiKeyStoreException("could not read the API keys from " + Topics.API_KEYS.name() + " within "
                        + KEYS_TIMEOUT + "; is Kafka at " + config.bootstrapServers() + " up and the topic provisioned?");
            }
            // Before the server exists: the JDK reads its limits once, when the JVM's first server is created.
            final Map<String, String> limits = HttpServerLimits.DEFAULTS.applyIfAbsent(System.getProperties());
            final HttpServer server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
            final ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
            opened.push(executor::shutdownNow);
            server.setExecutor(executor);
            GatewayHandlers.mount(server, publisher, keys, config);
            server.createContext("/health/live", exchange -> JsonResponses.send(exchange, 200, Map.of("status", "UP")));
            server.createContext("/health/ready", exchange -> {
                final boolean ready = keys.awaitSynced(Duration.ofSeconds(2));
                JsonResponses.send(exchange, ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN"));
            });
            server.start();
            final String url = "http://" + urlHost(config.host()) + ":" + server.getAddress().getPort();
            LOG.info("EduPulse gateway listening on {} (max body {} bytes, max {} events per request; HTTP server limits {})",
                    url, config.maxBodyBytes(), config.maxBatchEvents(), limits);
            return new GatewayServer(server, executor, publisher, keys, url);
        } catch (final IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("cannot serve the gateway on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        // Up to one second for requests in flight to get their answer.
        server.stop(1);
        executor.shutdownNow();
        publisher.close();
        keys.close();
    }

    private static PublisherConfig publisherConfig(final GatewayConfig config) {
        final Map<String, Object> overrides = new HashMap<>(config.clientSettings());
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, config.publishTimeout().toMillis()));
        return new PublisherConfig(config.bootstrapServers(), config.schemaRegistryUrl(),
                EventValidator.DEFAULT_MAX_CLOCK_SKEW, overrides);
    }

    private static String urlHost(final String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static ThreadFactory threads() {
        final AtomicInteger n = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, "edupulse-gateway-http-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void closeAll(final Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (final Exception e) {
                LOG.warn("Error while closing after a failed start: {}", e.getMessage());
            }
        }
    }
}
