package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.edupulse.registry.RegistryAssertions.assertOk;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.STUDENT_V1;
import static org.edupulse.registry.TestSchemas.student;
import static org.edupulse.registry.TestSchemas.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.registry.StoreRecord.SchemaRecord;
import org.edupulse.tail.TailPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's store reader is the shared tail: the registry answers only once it has read its
 * store to the end, a record that is not JSON is skipped and counted, and a broker that goes away
 * and comes back is waited for, not a reason to stop reading for good.
 */
class StoreReaderIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Stale soon after the broker goes, so that the test sees the health turn. */
    private static final TailPolicy QUICK = new TailPolicy(Duration.ofMillis(50), Duration.ofMillis(500),
            Duration.ofSeconds(3));

    private final StoreRecordCodec codec = new StoreRecordCodec(new ObjectMapper());

    @Test
    void shouldAnswerOnlyOnceItHasReadTheWholeStoreAndSkipARecordThatIsNotJson() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
            // Given: a store that already holds 500 subjects, with a record no registry wrote among them
            final String topic = "_schemas-" + UUID.randomUUID();
            createStore(kafka, topic);
            final int subjects = 500;
            try (KafkaProducer<String, byte[]> producer = producer(kafka)) {
                for (int i = 0; i < subjects; i++) {
                    final SchemaRecord record = new SchemaRecord("subject-" + i, 1, 1, "\"string\"");
                    producer.send(new ProducerRecord<>(topic, codec.schemaKey(record, UUID.randomUUID()),
                            codec.schemaValue(record)));
                    if (i == subjects / 2) {
                        producer.send(new ProducerRecord<>(topic, "{\"keytype\":\"SCHEMA\"",
                                "not json at all".getBytes(StandardCharsets.UTF_8)));
                    }
                }
                producer.flush();
            }

            // When
            try (SchemaRegistryServer registry = SchemaRegistryServer.start(
                    RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0).withTopic(topic), QUICK)) {
                final RegistryHttp http = new RegistryHttp(registry.url());

                // Then: its first answer already holds every subject; the bad record is counted, not fatal
                assertThat(assertOk(http.get("/subjects"))).hasSize(subjects);
                final JsonNode ready = assertOk(http.get("/health/ready"));
                assertThat(ready.path("status").asText()).isEqualTo("UP");
                assertThat(ready.path("store").path("caughtUp").asBoolean()).isTrue();
                assertThat(ready.path("store").path("skippedRecords").asLong()).isEqualTo(1);
                assertThat(http.register("students-value", STUDENT_V1)).isPositive();
            }
        }
    }

    @Test
    void shouldReadOnAfterTheBrokerStopsAndComesBack(@TempDir final Path dataDir) throws Exception {
        // Given: a registry on a broker whose data outlives it, with schemas registered
        final Path kafkaDir = Files.createDirectories(dataDir.resolve("kafka"));
        EmbeddedKafka kafka = EmbeddedKafka.start(0, kafkaDir, Map.of());
        final List<EmbeddedKafka> started = new ArrayList<>(List.of(kafka));
        try (SchemaRegistryServer registry = SchemaRegistryServer.start(
                RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0), QUICK)) {
            final RegistryHttp http = new RegistryHttp(registry.url());
            final int studentV1 = http.register("students-value", STUDENT_V1);
            assertOk(http.get("/health/ready"));

            // When: the broker stops
            kafka.close();

            // Then: the registry says its store reader is not ready, and still answers from what it read
            await().atMost(WAIT).until(() -> http.get("/health/ready").statusCode() == 503);
            assertThat(RegistryHttp.json(http.get("/health/ready")).path("store").path("problem").asText())
                    .contains("_schemas");
            assertThat(assertOk(http.get("/schemas/ids/" + studentV1)).path("schema").asText()).contains("Student");
            // a producer starting now asks to register a schema the registry has read: its id, with no store read
            assertThat(http.register("students-value", STUDENT_V1)).isEqualTo(studentV1);

            // When: the broker comes back on the same data (and port)
            kafka = EmbeddedKafka.start(0, kafkaDir, Map.of());
            started.add(kafka);

            // Then: the reader reads on, ready again, and writes read their own record
            await().atMost(WAIT).until(() -> http.get("/health/ready").statusCode() == 200);
            final int v2 = http.register("students-value", student(ID, NAME, EMAIL_OPTIONAL));
            final int teacherId = http.register("teachers-value", teacher(ID));
            assertThat(List.of(studentV1, v2, teacherId)).doesNotHaveDuplicates();
            assertThat(assertOk(http.get("/subjects/students-value/versions"))).hasSize(2);
        } finally {
            started.forEach(EmbeddedKafka::close);
        }
    }

    private static void createStore(final EmbeddedKafka kafka, final String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        }
    }

    private static KafkaProducer<String, byte[]> producer(final EmbeddedKafka kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }
}
