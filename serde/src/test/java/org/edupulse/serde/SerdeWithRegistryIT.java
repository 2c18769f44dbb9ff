package org.edupulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The serde against the embedded registry's REST API and a real broker, configured as Kafka clients are. */
class SerdeWithRegistryIT {

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void start() throws Exception {
        kafka = EmbeddedKafka.startEphemeral();
        registry = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("training", 2, (short) 1), new NewTopic("evolving", 1, (short) 1),
                    new NewTopic("poisoned", 1, (short) 1))).all().get();
        }
    }

    @AfterAll
    static void stop() {
        registry.close();
        kafka.close();
    }

    private static TrainingEvent training(final String id) {
        return TrainingEvent.newBuilder()
                .setEventId(id).setSchoolId("DB-MA-TH-01").setSessionId("S-" + id)
                .setTopic(TrainingTopic.DIGITAL_TEACHING).setAudience(Audience.STAFF)
                .setParticipantCount(20).setStaffIds(List.of()).setHours(3.0)
                .setOccurredAt(Instant.parse("2025-05-05T02:00:00Z")).build();
    }

    private static KafkaProducer<String, Object> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName(),
                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()));
    }

    private static KafkaConsumer<String, Object> consumer(final String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName(),
                SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url(),
                SerdeConfig.SPECIFIC_AVRO_READER_CONFIG, "true"));
    }

    private static List<Object> readAll(final KafkaConsumer<String, Object> consumer, final int expected) {
        final List<Object> values = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (final ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(100))) {
                values.add(record.value());
            }
            return values.size() >= expected;
        });
        return values;
    }

    @Test
    void shouldRoundTripThroughKafkaClientsConfiguredByClassName() {
        // Given
        try (KafkaProducer<String, Object> producer = producer()) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("training", "DB-MA-TH-01", training("e-" + i)));
            }
        }

        // When
        final List<Object> read;
        try (KafkaConsumer<String, Object> consumer = consumer("round-trip")) {
            consumer.subscribe(List.of("training"));
            read = readAll(consumer, 50);
        }

        // Then: generated records back, and the schema registered under TopicNameStrategy
        assertThat(read).hasSize(50).allSatisfy(value -> assertThat(value).isInstanceOf(TrainingEvent.class));
        assertThat(read).contains(training("e-0"), training("e-49"));
        assertThat(new RestSchemaRegistryClient(List.of(registry.url())).latest("training-value").schema())
                .isEqualTo(TrainingEvent.getClassSchema());
    }

    @Test
    void shouldLetAV1ReaderReadAV2WriterAndRefuseAnIncompatibleChange() {
        // Given v1 is the generated TrainingEvent, v2 adds an optional field with a default
        final Schema v1 = TrainingEvent.getClassSchema();
        final Schema v2 = withExtraField(v1, "{\"name\":\"venue\",\"type\":[\"null\",\"string\"],\"default\":null}");
        final Schema incompatible = withExtraField(v1, "{\"name\":\"trainerId\",\"type\":\"string\"}");
        final Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        final SpecificAvroSerde<TrainingEvent> v1Serde = SpecificAvroSerde.of(TrainingEvent.class, config, false);
        final AvroSerializer genericWriter = new AvroSerializer();
        genericWriter.configure(config, false);
        v1Serde.serializer().serialize("evolving", training("first"));
        final GenericRecord written = new GenericData.Record(v2);
        final TrainingEvent source = training("v2-event");
        copyFields(source, written);
        written.put("venue", "Mường Ảng district hall");

        // When a v2 writer registers and writes
        final byte[] bytes = genericWriter.serialize("evolving", written);
        final TrainingEvent read = v1Serde.deserializer().deserialize("evolving", bytes);

        // Then the v1 reader sees its own fields, and the incompatible v3 is refused with 409
        assertThat(read).isEqualTo(source);
        final GenericRecord bad = new GenericData.Record(incompatible);
        copyFields(source, bad);
        bad.put("trainerId", "T-1");
        assertThatThrownBy(() -> genericWriter.serialize("evolving", bad))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("evolving-value")
                .hasMessageContaining("HTTP 409");
    }

    @Test
    void shouldNamePartitionAndOffsetOfABadRecord() throws Exception {
        // Given a good record, then bytes that are not in the wire format, at offset 1
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
             KafkaProducer<String, Object> producer = producer()) {
            producer.send(new ProducerRecord<>("poisoned", "k", training("ok"))).get();
            raw.send(new ProducerRecord<>("poisoned", "k", "not avro".getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }

        // When / Then
        try (KafkaConsumer<String, Object> consumer = consumer("poisoned")) {
            consumer.subscribe(List.of("poisoned"));
            final List<Object> good = new ArrayList<>();
            assertThatThrownBy(() -> {
                while (true) {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> good.add(r.value()));
                }
            }).isInstanceOfSatisfying(RecordDeserializationException.class, e -> {
                assertThat(e.topicPartition().topic()).isEqualTo("poisoned");
                assertThat(e.topicPartition().partition()).isZero();
                assertThat(e.offset()).isEqualTo(1L);
                assertThat(e.getCause()).hasMessageContaining("Unknown magic byte").hasMessageContaining("poisoned");
            });
            assertThat(good).containsExactly(training("ok"));
        }
    }

    /** Copies a generated record's fields into a GenericRecord, whose timestamps are epoch millis. */
    private static void copyFields(final TrainingEvent source, final GenericRecord target) {
        for (final Schema.Field field : TrainingEvent.getClassSchema().getFields()) {
            final Object value = source.get(field.name());
            target.put(field.name(), value instanceof Instant instant ? instant.toEpochMilli()
                    : value instanceof Enum<?> symbol ? new GenericData.EnumSymbol(field.schema(), symbol.name()) : value);
        }
    }

    private static Schema withExtraField(final Schema base, final String fieldJson) {
        final String json = base.toString();
        return new Schema.Parser().parse(json.replaceFirst("\"fields\":\\[", "\"fields\":[" + fieldJson + ","));
    }
}
