package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.edupulse.platform.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production exception handler on the real broker: a record above {@code max.request.size}
 * must not stop the stream thread, and the records around it must still be written.
 */
class UnproducibleRecordIT {

    private static final String IN = "unproducible.in";
    private static final String OUT = "unproducible.out";

    @TempDir
    Path stateDir;

    @Test
    void shouldSkipARecordTooLargeToWriteAndKeepProcessing() throws Exception {
        // Given a topology that turns "big" into a 2 MB value, with the topology's Streams settings
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(IN, 1, (short) 1), new NewTopic(OUT, 1, (short) 1))).all().get();
            }
            final StreamsBuilder builder = new StreamsBuilder();
            builder.stream(IN, Consumed.with(Serdes.String(), Serdes.String()).withName("in"))
                    .mapValues(v -> "big".equals(v) ? "x".repeat(2_000_000) : v, Named.as("inflate"))
                    .to(OUT, Produced.with(Serdes.String(), Serdes.String()).withName("out"));
            try (KafkaStreams streams = new KafkaStreams(builder.build(), properties(kafka.bootstrapServers()))) {
                streams.start();

                // When a small record, the one that becomes too large, and another small one arrive
                try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    for (final String value : List.of("a", "big", "b")) {
                        producer.send(new ProducerRecord<>(IN, "k", value)).get();
                    }
                }

                // Then both small ones are written (and committed) and the thread is still running
                final List<String> written = new ArrayList<>();
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "unproducible-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of(OUT));
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                            written.add(record.value());
                        }
                        assertThat(written).containsExactly("a", "b");
                    });
                }
                assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
                assertThat(streams.metadataForLocalThreads()).hasSize(1);
            }
        }
    }

    private Properties properties(final String bootstrap) {
        return TestApplication.properties("unproducible-it", bootstrap, null, stateDir);
    }
}
