package org.edupulse.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.edupulse.audit.Lineage;
import org.edupulse.gateway.ApiKeyAuthentication;
import org.edupulse.gateway.ApiKeyCache;
import org.edupulse.gateway.EntityHolderCache;
import org.edupulse.gateway.GatewayConfig;
import org.edupulse.gateway.GatewayHandlers;
import org.edupulse.producers.EventPublisher;
import org.edupulse.serving.QueryServer;
import org.edupulse.serving.ServingConfig;

/**
 * One Streams process as users run it: the indicators pipeline, the query API and dashboard over
 * its state, and optionally the HTTP gateway, all on one HTTP port. The demo runs one; a
 * production deployment runs several with the same application id.
 */
final class Pipeline implements AutoCloseable {

    private final QueryServer server;
    private final IndicatorsApp app;
    private final EventPublisher gatewayPublisher;
    private final ApiKeyCache keys;
    private final EntityHolderCache holders;

    private Pipeline(final QueryServer server, final IndicatorsApp app, final EventPublisher gatewayPublisher,
                     final ApiKeyCache keys, final EntityHolderCache holders) {
        this.server = server;
        this.app = app;
        this.gatewayPublisher = gatewayPublisher;
        this.keys = keys;
        this.holders = holders;
    }

    /**
     * Binds the HTTP port first (its address is the instance's {@code application.server}), then
     * builds the Streams application, mounts the gateway and the lineage route, and starts the
     * Streams client. If a step fails, what the earlier ones started is closed, the last first, and
     * the step's exception is thrown (with any failure to close suppressed in it).
     */
    static Pipeline start(final String bootstrap, final String registryUrl, final EduPulseConfig config,
                          final ServingConfig serving, final Path stateDir, final boolean withGateway) {
        return start(bootstrap, registryUrl, config, serving, stateDir, withGateway, Tuning.NONE, server -> { });
    }

    /** Like {@link #start(String, String, EduPulseConfig, ServingConfig, Path, boolean)}, with {@code tuning}. */
    static Pipeline start(final String bootstrap, final String registryUrl, final EduPulseConfig config,
                          final ServingConfig serving, final Path stateDir, final boolean withGateway,
                          final Tuning tuning) {
        return start(bootstrap, registryUrl, config, serving, stateDir, withGateway, tuning, server -> { });
    }

    /**
     * Where a deployment's key-value stores live and the Streams settings it gets unless configured:
     * RocksDB (or memory with {@code --in-memory-state}) and Kafka's defaults for {@code pipeline}
     * ({@link #pipeline(boolean)}); {@link #embeddedDemo()} for the demo on its embedded broker.
     */
    record Tuning(boolean inMemoryState, Map<String, Object> streamsDefaults) {

        static final Tuning NONE = new Tuning(false, Map.of());

        /** How long the demo's group waits for a member that stopped answering: see {@link #embeddedDemo()}. */
        static final int DEMO_SESSION_TIMEOUT_MS = 10_000;

        Tuning {
            streamsDefaults = Map.copyOf(streamsDefaults);
        }

        /**
         * {@code pipeline}'s: Kafka's defaults, the key-value stores in RocksDB or, {@code inMemoryState}, in memory
         * (live latency p99 0.57-0.80 s against 0.90-1.04 s at 1,000 events/s, the catch-up up to 1.16 times faster:
         * BENCHMARKS.md, session 33).
         */
        static Tuning pipeline(final boolean inMemoryState) {
            return inMemoryState ? new Tuning(true, Map.of()) : NONE;
        }

        /**
         * A single local node and a small state: opening a RocksDB store per task and store took most of a
         * fresh start's rebalance; the key-value stores live in memory, each backed by its changelog. (Its
         * 10 ms {@code retry.backoff.ms} is every pipeline's now:
         * {@link org.edupulse.streams.IndicatorsStreamsSettings#RETRY_BACKOFF_MS}.)
         * Its consumer group has one member, this process: a demo killed and started again on its data
         * directory found its old member in the group and waited out Kafka's 45 s session before it read a
         * record; with {@value #DEMO_SESSION_TIMEOUT_MS} ms it waits that long at most.
         */
        static Tuning embeddedDemo() {
            return new Tuning(true, Map.of(EduPulseConfig.SESSION_TIMEOUT_MS, DEMO_SESSION_TIMEOUT_MS));
        }
    }

    /**
     * Like {@link #start(String, String, EduPulseConfig, ServingConfig, Path, boolean)}, with one more
     * step on the bound server after every other part is built and before the Streams client
     * starts: where a test makes start-up fail late.
     */
    static Pipeline start(final String bootstrap, final String registryUrl, final EduPulseConfig config,
                          final ServingConfig serving, final Path stateDir, final boolean withGateway,
                          final Consumer<QueryServer> lastStep) {
        return start(bootstrap, registryUrl, config, serving, stateDir, withGateway, Tuning.NONE, lastStep);
    }

    private static Pipeline start(final String bootstrap, final String registryUrl, final EduPulseConfig config,
                                  final ServingConfig serving, final Path stateDir, final boolean withGateway,
                                  final Tuning tuning, final Consumer<QueryServer> lastStep) {
        // Checked before anything starts. gateway.host and gateway.port do not apply: the routes are
        // served on the query API's port.
        final GatewayConfig gatewayConfig = GatewayConfig.of(bootstrap, registryUrl)
                .withSettings(config.gatewaySettings()).withClientSettings(config.clientOverrides());
        final StartedParts started = new StartedParts();
        try {
            // http.tls.* applies to the query server and so to the gateway mounted on its port.
            final QueryServer server = started.add(QueryServer.bind(serving.withClientSettings(config.clientOverrides())
                    .withTls(config.httpTls() != null ? config.httpTls() : serving.tls())));
            final Map<String, Object> streamsProps = new HashMap<>(config.clientOverrides());
            streamsProps.putAll(config.streamsOverrides());
            tuning.streamsDefaults().forEach(streamsProps::putIfAbsent);
            streamsProps.putAll(server.streamsProperties());
            // Built, the client already holds threads (its admin client, an exactly-once producer) and
            // the lock of its state directory, so it is closed too if a later step fails.
            final IndicatorsApp app = started.add(new IndicatorsApp(bootstrap, registryUrl, config.applicationId(),
                    stateDir, streamsProps, tuning.inMemoryState()));
            server.attach(app.streams());
            EventPublisher publisher = null;
            ApiKeyCache keys = null;
            EntityHolderCache holders = null;
            if (withGateway) {
                publisher = started.add(new EventPublisher(config.publisherConfig(bootstrap, registryUrl)));
                keys = started.add(ApiKeyCache.start(bootstrap, registryUrl, config.clientOverrides()));
                // who holds each person and device, so a school gets its 403 here and not only a finding
                holders = started.add(EntityHolderCache.start(bootstrap, registryUrl, config.clientOverrides()));
                GatewayHandlers.routes(publisher, keys, holders, gatewayConfig).forEach(server::addContext);
            }
            // The lineage lists source events of every school: only for a department key of the mounted
            // gateway's cache; without the gateway it is not served (404 pointing to ./edupulse lineage).
            server.addContext(LineageHandler.PATH, keys == null ? LineageHandler.withoutKeys()
                    : new LineageHandler(new Lineage(bootstrap, registryUrl).withClientSettings(config.clientOverrides()),
                            ApiKeyAuthentication.of(keys)));
            lastStep.accept(server);
            app.start();
            return new Pipeline(server, app, publisher, keys, holders);
        } catch (final Throwable e) {
            started.closeAfter(e);
            throw e;
        }
    }

    /**
     * Opens {@code stop} once the Streams client is dead, so that a command waiting on it ends and
     * can exit with {@link ExitCodes#STREAMS_DEAD}; see {@link #streamsDead()}.
     */
    Pipeline stopWhenStreamsDie(final StopSignal stop) {
        app.whenDead(state -> stop.stop());
        return this;
    }

    /** True once the Streams client is dead: in ERROR, or NOT_RUNNING without this pipeline having closed it. */
    boolean streamsDead() {
        return app.isDead();
    }

    /**
     * Completes once every reader of the query server has read its topic up to where it ended when this
     * was called (see {@link QueryServer#syncReaders()}).
     */
    CompletableFuture<Void> syncReaders() {
        return server.syncReaders();
    }

    IndicatorsApp app() {
        return app;
    }

    String url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
        if (gatewayPublisher != null) {
            gatewayPublisher.close();
        }
        if (keys != null) {
            keys.close();
        }
        if (holders != null) {
            holders.close();
        }
        app.close();
    }
}
