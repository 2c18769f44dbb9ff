package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.tail.CompactedTail;
import org.edupulse.tail.TailHealth;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The history reader is the shared tail: while the schema registry is away it keeps its place and is
 * not caught up (so readiness waits), it reads on once the registry is back, and it skips and counts
 * only a record that is definitely not one of ours.
 */
class PublishedReadersIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TOPIC = Topics.INDICATOR_HISTORY.name();

    @Test
    void shouldWaitWhileTheRegistryIsAwayThenReadOnAndSkipOnlyARecordThatIsNotAvro() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.bootstrapServers()))) {
                new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            }
            final RegistryConfig registryConfig = RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0);
            SchemaRegistryServer registry = SchemaRegistryServer.start(registryConfig);
            final String url = registry.url();
            final ServingConfig config = ServingConfig.defaults(kafka.bootstrapServers(), url);

            // Given: in one partition, a record that is not Avro, then two published sets
            final Serializer<IndicatorSet> sets = SpecificAvroSerde.of(IndicatorSet.class,
                    SerdeConfig.forRegistry(url, Map.of()), false).serializer();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "DB-MA", "not avro".getBytes(StandardCharsets.UTF_8)));
                producer.send(new ProducerRecord<>(TOPIC, 0, "DB-MA", sets.serialize(TOPIC,
                        IndicatorJsonTest.set("DB-MA", Instant.parse("2025-11-30T16:59:59.999Z"), 840, 630))));
                producer.send(new ProducerRecord<>(TOPIC, 0, "DB-MA", sets.serialize(TOPIC,
                        IndicatorJsonTest.set("DB-MA", Instant.parse("2025-12-31T16:59:59.999Z"), 850, 640))));
                producer.flush();
            }

            // When: the registry goes away before the reader has fetched the sets' schema
            registry.close();
            final IndicatorHistory history = new IndicatorHistory(500);
            try (CompactedTail<String, IndicatorSet> reader = PublishedReaders.history(config, "test-history",
                    history)) {

                // Then: the bad record is skipped and counted, the sets are waited for, not skipped
                await().atMost(WAIT).until(() -> reader.health().failures() > 0);
                assertThat(reader.awaitCaughtUp(Duration.ofSeconds(2))).isFalse();
                final TailHealth waiting = reader.health();
                assertThat(waiting.healthy()).isFalse();
                assertThat(waiting.skipped()).isEqualTo(1);
                assertThat(waiting.problem()).contains("offset 1");
                assertThat(history.points()).isZero();

                // When: the registry is back where it was
                registry = SchemaRegistryServer.start(registryConfig.withPort(URI.create(url).getPort()));

                // Then: the reader reads on and catches up, with nothing lost and only the bad record skipped
                assertThat(reader.awaitCaughtUp(WAIT)).isTrue();
                await().atMost(WAIT).until(() -> reader.health().healthy());
                assertThat(history.points()).isPositive();
                assertThat(reader.health().skipped()).isEqualTo(1);
            } finally {
                registry.close();
            }
        }
    }
}
