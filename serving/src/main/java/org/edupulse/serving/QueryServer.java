package org.edupulse.serving;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.edupulse.serde.HttpTls;
import org.edupulse.tail.CompactedTail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of an indicators Streams process, on the JDK's HTTP server: the query API over
 * interactive queries (forwarding to the instance that owns a key), the hierarchy of units as of a date
 * and the series per period (from topics read whole into memory), server-sent events of every
 * published IndicatorSet, the dashboard, Prometheus metrics and health checks; over HTTPS only when
 * {@link ServingConfig#tls()} is set (instances then forward to each other over HTTPS too). It binds its port
 * before the {@code KafkaStreams} exists, because that port is part of the Streams configuration
 * ({@code application.server}); other modules may mount their handlers on the same port.
 *
 * <pre>{@code
 * QueryServer server = QueryServer.bind(ServingConfig.defaults(bootstrap, registryUrl));
 * props.putAll(server.streamsProperties());          // application.server=127.0.0.1:8080
 * KafkaStreams streams = new KafkaStreams(topology, props);
 * server.attach(streams);
 * streams.start();
 * }</pre>
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final ServingConfig config;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HostInfo self;
    private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
    private final ServingMetrics metrics = new ServingMetrics();
    private final SseHub hub;
    /** Every reader of a published topic; readiness waits for all of them. */
    private final List<CompactedTail<String, ?>> readers;
    private boolean closed;

    private QueryServer(final ServingConfig config, final HttpServer server, final ExecutorService executor) {
        this.config = config;
        this.server = server;
        this.executor = executor;
        this.self = new HostInfo(config.advertisedHost(), server.getAddress().getPort());
        this.hub = new SseHub(config.maxStreamClients(), config.heartbeat());
        final IndicatorHistory history = new IndicatorHistory(config.historyPointsPerSeries());
        final String clientPrefix = "edupulse-serving-" + self.port();
        final SchoolVersions versions = new SchoolVersions();
        final PeriodSeries periods = new PeriodSeries();
        this.readers = PublishedReaders.all(config, clientPrefix, history, metrics, hub, versions, periods);
        final CompactedTail<String, ?> schoolReader = reader(PublishedReaders.SCHOOL_VERSIONS);
        final CompactedTail<String, ?> periodReader = reader(PublishedReaders.INDICATOR_PERIODS);
        metrics.watch(hub, history);

        final IndicatorQueries queries = new IndicatorQueries(this.streams::get, self,
                new Forwarder(self, FORWARD_TIMEOUT, config.tls()));
        final UnitQueries units = new UnitQueries(versions, schoolReader::health, periods, periodReader::health,
                Clock.systemUTC());
        addContext("/api/v1/", new ApiHandler(queries, history, units));
        addContext("/api/v1/stream", hub);
        addContext("/health/", new HealthHandler(this.streams::get,
                () -> readers.stream().map(CompactedTail::health).toList()));
        addContext("/metrics", exchange -> Exchanges.send(exchange, new Reply(200,
                "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8),
                Map.of())));
        addContext("/", new DashboardAssets());
    }

    /**
     * Binds the port of {@code config} (0 picks a free one) and starts serving: health, metrics, the
     * dashboard, the history and the event stream work at once; the store queries answer 503 until
     * {@link #attach(KafkaStreams)}.
     */
    public static QueryServer bind(final ServingConfig config) {
        Objects.requireNonNull(config, "config");
        final HttpServer http;
        try {
            http = HttpTls.createServer(new InetSocketAddress(config.bindHost(), config.port()), config.tls());
        } catch (final IOException e) {
            throw new UncheckedIOException("Cannot serve " + HttpTls.scheme(config.tls()).toUpperCase(Locale.ROOT) + " on " + config.bindHost() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
        // Each stream client holds a thread for as long as it is connected, so they get their own share.
        final ExecutorService executor = Executors.newFixedThreadPool(
                config.workerThreads() + config.maxStreamClients(), daemonThreads("edupulse-http-"));
        http.setExecutor(executor);
        final QueryServer queryServer = new QueryServer(config, http, executor);
        http.start();
        LOG.info("Serving the query API, dashboard and metrics on {} (application.server={})", queryServer.url(),
                queryServer.applicationServer());
        return queryServer;
    }

    /** {@link #bind(ServingConfig)} then {@link #attach(KafkaStreams)}, for a {@code streams} already configured. */
    public static QueryServer start(final ServingConfig config, final KafkaStreams streams) {
        final QueryServer server = bind(config);
        try {
            return server.attach(streams);
        } catch (final RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Answers store queries from {@code streams} (started or not: until it is RUNNING the API answers
     * 503) and binds its client metrics. Its {@code application.server} must be
     * {@link #applicationServer()} for forwarding between instances to work.
     */
    public QueryServer attach(final KafkaStreams kafkaStreams) {
        Objects.requireNonNull(kafkaStreams, "kafkaStreams");
        if (!streams.compareAndSet(null, kafkaStreams)) {
            throw new IllegalStateException("a KafkaStreams is already attached to this server");
        }
        metrics.bindStreams(kafkaStreams);
        return this;
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8080}, or {@code https://...} when the config has TLS. */
    public String url() {
        return HttpTls.scheme(config.tls()) + "://" + self.host() + ":" + self.port();
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return self.port();
    }

    /** The value of {@code application.server} for the attached Streams instance: {@code advertisedHost:port}. */
    public String applicationServer() {
        return self.host() + ":" + self.port();
    }

    /** {@code application.server} as a Streams property, to {@code putAll} into the Streams configuration. */
    public Map<String, Object> streamsProperties() {
        return ServingConfig.applicationServer(self.host(), self.port());
    }

    /**
     * Mounts another handler on this server (e.g. the HTTP gateway), with the same security headers
     * (Content-Security-Policy and friends), access log, request metrics and last-resort error answer;
     * the longest matching context path wins.
     */
    public synchronized void addContext(final String path, final HttpHandler handler) {
        final HttpContext context = server.createContext(path, handler);
        final Filter accessLog = new AccessLog(path, metrics);
        // First, so that even the access log's last-resort 500 carries the security headers.
        context.getFilters().add(new SecurityHeaders());
        context.getFilters().add(accessLog);
    }

    /** The registry behind {@code /metrics}, for handlers mounted with {@link #addContext} to add theirs. */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /**
     * Waits until every reader has caught up: the live readers are positioned at their topics' end (an
     * event published afterwards reaches stream clients), the others have read what their topics held.
     */
    boolean awaitReaders(final Duration timeout) {
        return readers.stream().allMatch(reader -> reader.awaitCaughtUp(timeout));
    }

    /**
     * Completes once every reader has handled every record its topic held when this was called (with
     * read_committed: up to the last committed transaction): from then on what the API serves from the
     * published topics (hierarchy, series, history, ledgers) includes what was committed before the call.
     */
    public CompletableFuture<Void> syncReaders() {
        return CompletableFuture.allOf(readers.stream().map(CompactedTail::sync).toArray(CompletableFuture[]::new));
    }

    private CompactedTail<String, ?> reader(final String name) {
        return readers.stream().filter(reader -> reader.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no reader named " + name));
    }

    /** Ends event streams, stops serving and reading; does not close the attached {@code KafkaStreams}. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        hub.close();
        server.stop(0);
        executor.shutdownNow();
        readers.forEach(CompactedTail::close);
        metrics.close();
        LOG.info("Stopped serving on {}", url());
    }

    private static ThreadFactory daemonThreads(final String prefix) {
        final AtomicInteger number = new AtomicInteger();
        return runnable -> {
            final Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
