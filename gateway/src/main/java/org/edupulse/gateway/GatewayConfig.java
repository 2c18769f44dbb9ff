package org.edupulse.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.edupulse.serde.HttpTls;

/**
 * Settings of one gateway process, checked when built so that a bad port or size fails at
 * start-up rather than on the first request. Kafka's own key names are used where the key is
 * Kafka's ({@code bootstrap.servers}, {@code schema.registry.url}); the gateway's own are
 * {@code gateway.*} ({@link #SETTING_KEYS}), read from a properties file by {@link #withSettings}.
 *
 * @param bootstrapServers  Kafka's {@code bootstrap.servers}
 * @param schemaRegistryUrl the registry's {@code schema.registry.url}
 * @param host              interface to listen on; {@value #DEFAULT_HOST} by default
 * @param port              port to listen on; {@value #DEFAULT_PORT} by default, 0 picks a free one
 * @param maxBodyBytes      largest request body accepted, in bytes; larger bodies get 413
 * @param maxBatchEvents    most events one request may hold; a larger batch gets 413 before any
 *                          event is validated, so one request cannot hold a thread for long
 * @param publishTimeout    how long a request waits for Kafka to acknowledge its events before 503
 * @param clientSettings    further Kafka client settings (security: {@code security.protocol},
 *                          {@code sasl.*}, {@code ssl.*}) for every client the gateway builds
 * @param tls               HTTPS only, with this keystore (the {@code http.tls.*} settings, see
 *                          {@link HttpTls#from}); null for plain HTTP
 */
public record GatewayConfig(String bootstrapServers, String schemaRegistryUrl, String host, int port,
                            long maxBodyBytes, int maxBatchEvents, Duration publishTimeout,
                            Map<String, ?> clientSettings, HttpTls tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** One MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024L * 1024L;
    /** Bodies are buffered in memory, so the limit itself is bounded. */
    public static final long LARGEST_MAX_BODY_BYTES = 64L * 1024L * 1024L;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1_000;
    /** Every event of a batch is validated and held in memory before anything is sent. */
    public static final int LARGEST_MAX_BATCH_EVENTS = 100_000;
    public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    public static final String HOST_KEY = "gateway.host";
    public static final String PORT_KEY = "gateway.port";
    public static final String MAX_BODY_BYTES_KEY = "gateway.max.body.bytes";
    public static final String MAX_BATCH_EVENTS_KEY = "gateway.max.batch.events";
    public static final String PUBLISH_TIMEOUT_MS_KEY = "gateway.publish.timeout.ms";
    /** Every {@code gateway.*} key, as a properties file or {@code EDUPULSE_GATEWAY_*} variables give them. */
    public static final List<String> SETTING_KEYS = List.of(HOST_KEY, PORT_KEY, MAX_BODY_BYTES_KEY, MAX_BATCH_EVENTS_KEY,
            PUBLISH_TIMEOUT_MS_KEY);
    private static final String SETTING_PREFIX = "gateway.";
    public static final String BOOTSTRAP_SERVERS_KEY = "bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL_KEY = "schema.registry.url";

    public GatewayConfig {
        requireText(bootstrapServers, BOOTSTRAP_SERVERS_KEY);
        requireText(schemaRegistryUrl, SCHEMA_REGISTRY_URL_KEY);
        requireText(host, HOST_KEY);
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(PORT_KEY + " must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes < 1 || maxBodyBytes > LARGEST_MAX_BODY_BYTES) {
            throw new IllegalArgumentException(MAX_BODY_BYTES_KEY + " must be between 1 and " + LARGEST_MAX_BODY_BYTES
                    + ", was " + maxBodyBytes);
        }
        if (maxBatchEvents < 1 || maxBatchEvents > LARGEST_MAX_BATCH_EVENTS) {
            throw new IllegalArgumentException(MAX_BATCH_EVENTS_KEY + " must be between 1 and " + LARGEST_MAX_BATCH_EVENTS
                    + ", was " + maxBatchEvents);
        }
        Objects.requireNonNull(publishTimeout, PUBLISH_TIMEOUT_MS_KEY);
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException(PUBLISH_TIMEOUT_MS_KEY + " must be positive, was " + publishTimeout);
        }
        clientSettings = Map.copyOf(Objects.requireNonNull(clientSettings, "clientSettings"));
    }

    /** The defaults: 127.0.0.1:8080, 1 MiB bodies, 1,000 events per request, 30 s to acknowledge. */
    public static GatewayConfig of(final String bootstrapServers, final String schemaRegistryUrl) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, DEFAULT_HOST, DEFAULT_PORT,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_BATCH_EVENTS, DEFAULT_PUBLISH_TIMEOUT, Map.of(), null);
    }

    public GatewayConfig withHost(final String newHost) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, newHost, port, maxBodyBytes, maxBatchEvents,
                publishTimeout, clientSettings, tls);
    }

    public GatewayConfig withPort(final int newPort) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, host, newPort, maxBodyBytes, maxBatchEvents,
                publishTimeout, clientSettings, tls);
    }

    public GatewayConfig withMaxBodyBytes(final long newMaxBodyBytes) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, host, port, newMaxBodyBytes, maxBatchEvents,
                publishTimeout, clientSettings, tls);
    }

    public GatewayConfig withMaxBatchEvents(final int newMaxBatchEvents) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, host, port, maxBodyBytes, newMaxBatchEvents,
                publishTimeout, clientSettings, tls);
    }

    public GatewayConfig withPublishTimeout(final Duration newPublishTimeout) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, host, port, maxBodyBytes, maxBatchEvents,
                newPublishTimeout, clientSettings, tls);
    }

    /**
     * A copy with the {@code gateway.*} entries of {@code settings} (e.g. from a properties file)
     * applied; other keys are left alone. An unknown {@code gateway.*} key, or a value that is not a
     * whole number where one is needed, is refused naming the key, as is a value out of range.
     */
    public GatewayConfig withSettings(final Map<String, String> settings) {
        GatewayConfig config = this;
        for (final Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
            final String key = setting.getKey();
            if (!key.startsWith(SETTING_PREFIX)) {
                continue;
            }
            final String value = setting.getValue() == null ? "" : setting.getValue().trim();
            config = switch (key) {
                case HOST_KEY -> config.withHost(value);
                case PORT_KEY -> config.withPort(wholeInt(key, value));
                case MAX_BODY_BYTES_KEY -> config.withMaxBodyBytes(whole(key, value));
                case MAX_BATCH_EVENTS_KEY -> config.withMaxBatchEvents(wholeInt(key, value));
                case PUBLISH_TIMEOUT_MS_KEY -> config.withPublishTimeout(Duration.ofMillis(whole(key, value)));
                default -> throw new IllegalArgumentException("Unknown gateway setting " + key + "; known: "
                        + String.join(", ", SETTING_KEYS));
            };
        }
        return config;
    }

    /** A whole number as an int, clamped so that a huge value is refused as out of range rather than wrapped. */
    private static int wholeInt(final String key, final String value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, whole(key, value)));
    }

    private static long whole(final String key, final String value) {
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was \"" + value + "\"", e);
        }
    }

    /** A copy whose Kafka clients also get {@code settings} (e.g. SASL/SSL), next to the gateway's own. */
    public GatewayConfig withClientSettings(final Map<String, ?> settings) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, host, port, maxBodyBytes, maxBatchEvents, publishTimeout,
                settings, tls);
    }

    /** A copy serving HTTPS only with {@code newTls}, or plain HTTP when null. */
    public GatewayConfig withTls(final HttpTls newTls) {
        return new GatewayConfig(bootstrapServers, schemaRegistryUrl, host, port, maxBodyBytes, maxBatchEvents, publishTimeout,
                clientSettings, newTls);
    }

    private static void requireText(final String value, final String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }
}
