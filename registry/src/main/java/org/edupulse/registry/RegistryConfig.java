package org.edupulse.registry;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the embedded schema registry needs to start, checked once in the constructor so a
 * bad value fails at start-up rather than on the first request.
 *
 * @param bootstrapServers     Kafka's {@code bootstrap.servers} for the store topic
 * @param host                 interface the HTTP listener binds to; loopback unless configured
 * @param port                 HTTP port; 0 picks a free one
 * @param topic                the single-partition compacted topic holding all registry state
 * @param replicationFactor    replication factor used when the topic has to be created
 * @param defaultCompatibility level in force until a global level is written to the topic
 * @param clientSettings       further Kafka client settings (security: {@code security.protocol},
 *                             {@code sasl.*}, {@code ssl.*}) for the store's clients
 */
public record RegistryConfig(String bootstrapServers, String host, int port, String topic,
                             short replicationFactor, CompatibilityLevel defaultCompatibility,
                             Map<String, ?> clientSettings) {

    /** Confluent's default store topic, so a switch to cp-schema-registry finds the same name. */
    public static final String DEFAULT_TOPIC = "_schemas";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8081;

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public RegistryConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(defaultCompatibility, "defaultCompatibility");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must not be blank");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (!LEGAL_TOPIC.matcher(topic).matches() || ".".equals(topic) || "..".equals(topic)) {
            throw new IllegalArgumentException("topic is not a legal Kafka topic name: '" + topic + "'");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor must be at least 1, was " + replicationFactor);
        }
        clientSettings = Map.copyOf(Objects.requireNonNull(clientSettings, "clientSettings"));
    }

    /** Loopback on 8081, topic {@code _schemas}, replication factor 1, BACKWARD. */
    public static RegistryConfig defaults(final String bootstrapServers) {
        return new RegistryConfig(bootstrapServers, DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TOPIC, (short) 1,
                CompatibilityLevel.BACKWARD, Map.of());
    }

    public RegistryConfig withPort(final int newPort) {
        return new RegistryConfig(bootstrapServers, host, newPort, topic, replicationFactor, defaultCompatibility, clientSettings);
    }

    public RegistryConfig withHost(final String newHost) {
        return new RegistryConfig(bootstrapServers, newHost, port, topic, replicationFactor, defaultCompatibility, clientSettings);
    }

    public RegistryConfig withTopic(final String newTopic) {
        return new RegistryConfig(bootstrapServers, host, port, newTopic, replicationFactor, defaultCompatibility, clientSettings);
    }

    public RegistryConfig withReplicationFactor(final short newReplicationFactor) {
        return new RegistryConfig(bootstrapServers, host, port, topic, newReplicationFactor, defaultCompatibility, clientSettings);
    }

    public RegistryConfig withDefaultCompatibility(final CompatibilityLevel level) {
        return new RegistryConfig(bootstrapServers, host, port, topic, replicationFactor, level, clientSettings);
    }

    /** A copy whose store clients also get {@code settings} (e.g. SASL/SSL). */
    public RegistryConfig withClientSettings(final Map<String, ?> settings) {
        return new RegistryConfig(bootstrapServers, host, port, topic, replicationFactor, defaultCompatibility, settings);
    }
}
