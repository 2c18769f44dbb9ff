package org.edupulse.deploy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;

/** Reads published topics from the start, read_committed, and keeps the last value per key, as compaction does. */
class LatestByKey<V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final Map<String, V> latest = new HashMap<>();

    LatestByKey(final String bootstrapServers, final String schemaRegistryUrl, final String group, final Class<V> type,
                final List<String> topics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                SpecificAvroSerde.of(type, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl), false)
                        .deserializer());
        consumer.subscribe(topics);
    }

    /** Polls once and returns the latest value per key seen so far. */
    Map<String, V> poll() {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
        return latest;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
