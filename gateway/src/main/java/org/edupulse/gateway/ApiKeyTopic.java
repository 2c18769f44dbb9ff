package org.edupulse.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.schemas.ApiKey;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;

/** The Kafka clients of the key topic, configured in one place for the writer and the readers. */
final class ApiKeyTopic {

    /** How long a key write may block on missing metadata, e.g. an unprovisioned topic. */
    static final int MAX_BLOCK_MS = 15_000;

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private ApiKeyTopic() {
    }

    static Producer<String, ApiKey> producer(final String bootstrapServers, final String schemaRegistryUrl,
                                             final Map<String, ?> clientSettings) {
        final Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "edupulse-gateway-keys-writer-" + CLIENTS.incrementAndGet());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
        return new KafkaProducer<>(props, new StringSerializer(), serde(schemaRegistryUrl, clientSettings).serializer());
    }

    /** A consumer without a group: every reader reads the whole topic itself. */
    static Consumer<String, ApiKey> consumer(final String bootstrapServers, final String schemaRegistryUrl,
                                             final Map<String, ?> clientSettings) {
        final Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "edupulse-gateway-keys-reader-" + CLIENTS.incrementAndGet());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), serde(schemaRegistryUrl, clientSettings).deserializer());
    }

    private static SpecificAvroSerde<ApiKey> serde(final String schemaRegistryUrl, final Map<String, ?> clientSettings) {
        return SpecificAvroSerde.of(ApiKey.class, SerdeConfig.forRegistry(schemaRegistryUrl, clientSettings), false);
    }
}
