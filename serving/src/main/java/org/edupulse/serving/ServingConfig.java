package org.edupulse.serving;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.StreamsConfig;
import org.edupulse.serde.HttpTls;

/**
 * Settings of the HTTP side of a Streams process, checked when built so that a bad port or bound
 * fails at start-up. The advertised host and the bound port together are this instance's
 * {@code application.server}: other instances forward queries for keys this one owns there.
 *
 * @param bootstrapServers       Kafka cluster the history and live-feed consumers read
 * @param schemaRegistryUrl      registry that decodes published IndicatorSets
 * @param bindHost               interface to listen on, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param advertisedHost         host name other instances reach this one by
 * @param port                   HTTP port; 0 picks a free one (read it back from the server)
 * @param historyWindow          how far back, in record time, the history endpoint reads at start-up
 * @param historyPointsPerSeries most change points kept per unit and indicator; older ones are dropped
 * @param maxStreamClients       most concurrent server-sent-event clients
 * @param heartbeat              interval of the SSE heartbeat comment that keeps proxies from timing out
 * @param workerThreads          threads answering ordinary (non-streaming) requests
 * @param clientSettings         further Kafka client settings (security: {@code security.protocol},
 *                               {@code sasl.*}, {@code ssl.*}) for the consumers this server builds
 * @param tls                    HTTPS only, with this keystore ({@code http.tls.*}); null for plain HTTP
 */
public record ServingConfig(String bootstrapServers, String schemaRegistryUrl, String bindHost, String advertisedHost,
                            int port, Duration historyWindow, int historyPointsPerSeries, int maxStreamClients,
                            Duration heartbeat, int workerThreads, Map<String, ?> clientSettings, HttpTls tls) {

    /** The port of the query API in the demo. */
    public static final int DEFAULT_PORT = 8080;

    public ServingConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(historyWindow, "historyWindow");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (bootstrapServers.isBlank() || schemaRegistryUrl.isBlank() || bindHost.isBlank() || advertisedHost.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers, schemaRegistryUrl, bindHost and advertisedHost "
                    + "must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
        if (historyWindow.isNegative() || historyWindow.isZero()) {
            throw new IllegalArgumentException("historyWindow must be positive, was " + historyWindow);
        }
        if (historyPointsPerSeries < 2 || maxStreamClients < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("historyPointsPerSeries must be at least 2, maxStreamClients and "
                    + "workerThreads at least 1");
        }
        if (heartbeat.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("heartbeat must be at least 100 ms, was " + heartbeat);
        }
        clientSettings = Map.copyOf(Objects.requireNonNull(clientSettings, "clientSettings"));
    }

    /**
     * Port 8080 on 127.0.0.1 (advertised as 127.0.0.1), 400 days of history with at most 500 change
     * points per series, 64 stream clients, a heartbeat every 15 s and 8 worker threads.
     */
    public static ServingConfig defaults(final String bootstrapServers, final String schemaRegistryUrl) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, "127.0.0.1", "127.0.0.1", DEFAULT_PORT,
                Duration.ofDays(400), 500, 64, Duration.ofSeconds(15), 8, Map.of(), null);
    }

    /**
     * The Streams setting that makes an instance reachable for forwarded queries: put it into the
     * properties of the {@code KafkaStreams} whose stores this server reads, with the port the server
     * is bound to (see {@link QueryServer#applicationServer()}).
     */
    public static Map<String, Object> applicationServer(final String host, final int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("application.server needs a real port, was " + port);
        }
        return Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, host + ":" + port);
    }

    /** A copy listening on another port. */
    public ServingConfig withPort(final int newPort) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, bindHost, advertisedHost, newPort, historyWindow,
                historyPointsPerSeries, maxStreamClients, heartbeat, workerThreads, clientSettings, tls);
    }

    /** A copy listening on {@code newBindHost} and reachable by other instances as {@code newAdvertisedHost}. */
    public ServingConfig withHosts(final String newBindHost, final String newAdvertisedHost) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, newBindHost, newAdvertisedHost, port,
                historyWindow, historyPointsPerSeries, maxStreamClients, heartbeat, workerThreads, clientSettings, tls);
    }

    /** A copy with another SSE heartbeat interval. */
    public ServingConfig withHeartbeat(final Duration newHeartbeat) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, bindHost, advertisedHost, port, historyWindow,
                historyPointsPerSeries, maxStreamClients, newHeartbeat, workerThreads, clientSettings, tls);
    }

    /** A copy with another history window and bound. */
    public ServingConfig withHistory(final Duration newWindow, final int newPointsPerSeries) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, bindHost, advertisedHost, port, newWindow,
                newPointsPerSeries, maxStreamClients, heartbeat, workerThreads, clientSettings, tls);
    }

    /** A copy whose Kafka consumers also get {@code settings} (e.g. SASL/SSL). */
    public ServingConfig withClientSettings(final Map<String, ?> settings) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, bindHost, advertisedHost, port, historyWindow,
                historyPointsPerSeries, maxStreamClients, heartbeat, workerThreads, settings, tls);
    }

    /** A copy serving HTTPS only with {@code newTls} (from {@link HttpTls#from}), or plain HTTP when null. */
    public ServingConfig withTls(final HttpTls newTls) {
        return new ServingConfig(bootstrapServers, schemaRegistryUrl, bindHost, advertisedHost, port, historyWindow,
                historyPointsPerSeries, maxStreamClients, heartbeat, workerThreads, clientSettings, newTls);
    }
}
