package org.edupulse.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.edupulse.audit.Lineage;
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
     * builds and starts the Streams application.
     */
    static Pipeline start(final String bootstrap, final String registryUrl, final EduPulseConfig config,
                          final ServingConfig serving, final Path stateDir, final boolean withGateway) {
        // Checked before anything starts. gateway.host and gateway.port do not apply: the routes are
        // served on the query API's port.
        final GatewayConfig gatewayConfig = GatewayConfig.of(bootstrap, registryUrl)
                .withSettings(config.gatewaySettings()).withClientSettings(config.clientOverrides());
        final QueryServer server = QueryServer.bind(serving.withClientSettings(config.clientOverrides()));
        EventPublisher publisher = null;
        ApiKeyCache keys = null;
        EntityHolderCache holders = null;
        try {
            final Map<String, Object> streamsProps = new HashMap<>(config.clientOverrides());
            streamsProps.putAll(config.streamsOverrides());
            streamsProps.putAll(server.streamsProperties());
            final IndicatorsApp app = new IndicatorsApp(bootstrap, registryUrl, config.applicationId(), stateDir,
                    streamsProps);
            server.attach(app.streams());
            if (withGateway) {
                publisher = new EventPublisher(config.publisherConfig(bootstrap, registryUrl));
                keys = ApiKeyCache.start(bootstrap, registryUrl, config.clientOverrides());
                // who holds each person and device, so a school gets its 403 here and not only a finding
                holders = EntityHolderCache.start(bootstrap, registryUrl, config.clientOverrides());
                GatewayHandlers.routes(publisher, keys, holders, gatewayConfig).forEach(server::addContext);
            }
            server.addContext("/api/v1/lineage", new LineageHandler(new Lineage(bootstrap, registryUrl)
                    .withClientSettings(config.clientOverrides())));
            app.start();
            return new Pipeline(server, app, publisher, keys, holders);
        } catch (final RuntimeException e) {
            server.close();
            if (publisher != null) {
                publisher.close();
            }
            if (keys != null) {
                keys.close();
            }
            if (holders != null) {
                holders.close();
            }
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
