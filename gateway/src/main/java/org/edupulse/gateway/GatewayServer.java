package org.edupulse.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.edupulse.ingest.EventValidator;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.serde.HttpTls;
import org.edupulse.tail.TailHealth;
import org.edupulse.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway on its own port, as {@code ./edupulse gateway} runs it: one publisher, a key cache
 * and a holder cache that have read their whole topics before the port is opened, the gateway
 * routes, and {@code /health/live} and {@code /health/ready}, on a JDK server with the request and
 * idle timeouts of {@link HttpServerLimits}, over HTTPS only when {@link GatewayConfig#tls()} is set. Readiness is the caches' health: 503, naming the cache,
 * while either is failing or has not polled successfully lately (the event route then answers 503
 * too). Any number of instances may run against one cluster; they share keys and holders through
 * compacted topics.
 */
public final class GatewayServer implements AutoCloseable {

    /** How long start-up waits to read every existing key and holder before giving up. */
    public static final Duration KEYS_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final EventPublisher publisher;
    private final ApiKeyCache keys;
    private final EntityHolderCache holders;
    private final String url;

    private GatewayServer(final HttpServer server, final ExecutorService executor, final EventPublisher publisher,
                          final ApiKeyCache keys, final EntityHolderCache holders, final String url) {
        this.server = server;
        this.executor = executor;
        this.publisher = publisher;
        this.keys = keys;
        this.holders = holders;
        this.url = url;
    }

    /**
     * Connects to Kafka, reads every key and every holder, then listens: the port stays closed until
     * both caches have caught up, so no request is ever answered from a partial view.
     *
     * @throws ApiKeyStoreException if the keys or holders cannot be read within {@link #KEYS_TIMEOUT}
     * @throws UncheckedIOException if the port cannot be bound
     */
    public static GatewayServer start(final GatewayConfig config) {
        final Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            final ApiKeyCache keys = ApiKeyCache.start(config.bootstrapServers(), config.schemaRegistryUrl(),
                    config.clientSettings());
            opened.push(keys);
            final EntityHolderCache holders = EntityHolderCache.start(config.bootstrapServers(),
                    config.schemaRegistryUrl(), config.clientSettings());
            opened.push(holders);
            final EventPublisher publisher = new EventPublisher(publisherConfig(config));
            opened.push(publisher);
            if (!keys.awaitSynced(KEYS_TIMEOUT)) {
                throw new ApiKeyStoreException("could not read the API keys from " + Topics.API_KEYS.name() + " within "
                        + KEYS_TIMEOUT + "; is Kafka at " + config.bootstrapServers() + " up and the topic provisioned? "
                        + keys.health().problem());
            }
            if (!holders.awaitCaughtUp(KEYS_TIMEOUT)) {
                throw new ApiKeyStoreException("could not read who holds each person and device from "
                        + Topics.ENTITY_HOLDERS.name() + " within " + KEYS_TIMEOUT + "; is the topic provisioned and may"
                        + " this gateway read it (ACL Read/Describe)? " + holders.health().problem());
            }
            // Before the server exists: the JDK reads its limits once, when the JVM's first server is created.
            final Map<String, String> limits = HttpServerLimits.DEFAULTS.applyIfAbsent(System.getProperties());
            final HttpServer server = HttpTls.createServer(new InetSocketAddress(config.host(), config.port()), config.tls());
            final ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
            opened.push(executor::shutdownNow);
            server.setExecutor(executor);
            GatewayHandlers.mount(server, publisher, keys, holders, config);
            server.createContext("/health/live", exchange -> JsonResponses.send(exchange, 200, Map.of("status", "UP")));
            server.createContext("/health/ready", exchange -> {
                final Map<String, Object> body = readiness(List.of(keys.health(), holders.health()));
                JsonResponses.send(exchange, "UP".equals(body.get("status")) ? 200 : 503, body);
            });
            server.start();
            final String url = HttpTls.scheme(config.tls()) + "://" + urlHost(config.host()) + ":" + server.getAddress().getPort();
            LOG.info("EduPulse gateway listening on {} (max body {} bytes, max {} events per request; HTTP server limits {})",
                    url, config.maxBodyBytes(), config.maxBatchEvents(), limits);
            return new GatewayServer(server, executor, publisher, keys, holders, url);
        } catch (final IOException e) {
            closeAll(opened);
            throw new UncheckedIOException("cannot serve the gateway on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        } catch (final RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}, {@code https://...} when the config has TLS. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether both caches have read everything written to their topics before this call. */
    boolean awaitCaughtUp(final Duration timeout) {
        return keys.awaitSynced(timeout) && holders.awaitCaughtUp(timeout);
    }

    /** {@code {"status":"UP"|"DOWN","caches":{"api-keys":{..},"entity-holders":{..}}}}, DOWN when any cache is. */
    static Map<String, Object> readiness(final List<TailHealth> caches) {
        final Map<String, Object> byName = new LinkedHashMap<>();
        caches.forEach(health -> byName.put(health.name(), health.toMap()));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", caches.stream().allMatch(TailHealth::healthy) ? "UP" : "DOWN");
        body.put("caches", byName);
        return body;
    }

    @Override
    public void close() {
        // Up to one second for requests in flight to get their answer.
        server.stop(1);
        executor.shutdownNow();
        publisher.close();
        keys.close();
        holders.close();
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
