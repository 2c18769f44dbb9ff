package org.edupulse.producers;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.SerdeConfig;

/**
 * Settings of the {@link EventPublisher}: where Kafka and the registry are, how far into the
 * future an event may be stamped, and any producer setting to override. The defaults favour
 * durability (acks=all, idempotence) and throughput (lz4, 20 ms linger, 256 KiB batches).
 *
 * @param bootstrapServers  Kafka's {@code bootstrap.servers}
 * @param schemaRegistryUrl the registry's {@code schema.registry.url}
 * @param maxClockSkew      how far beyond now an event's occurredAt may be
 * @param overrides         producer or serde settings that replace the defaults
 */
public record PublisherConfig(String bootstrapServers, String schemaRegistryUrl, Duration maxClockSkew,
                              Map<String, Object> overrides) {

    public PublisherConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrap.servers is required");
        Objects.requireNonNull(schemaRegistryUrl, "schema.registry.url is required");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative, was " + maxClockSkew);
        }
        overrides = Map.copyOf(overrides);
    }

    public static PublisherConfig of(final String bootstrapServers, final String schemaRegistryUrl) {
        return new PublisherConfig(bootstrapServers, schemaRegistryUrl, Duration.ofMinutes(5), Map.of());
    }

    /** The complete producer configuration. */
    public Map<String, Object> producerProperties() {
        final Map<String, Object> props = new HashMap<>(overrides);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl);
        props.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.putIfAbsent(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.putIfAbsent(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        return props;
    }
}
