package org.edupulse.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroDeserializerTest {

    private static final String SCOPE = "avro-deserializer-test";
    private static final String TOPIC = "edupulse.training.events";
    private static final Map<String, Object> CONFIG = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE);

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    private static TrainingEvent training() {
        return TrainingEvent.newBuilder()
                .setEventId("e-1").setSchoolId("SCH-MA-001").setSessionId("S-1")
                .setTopic(TrainingTopic.BASIC_IT).setAudience(Audience.STAFF)
                .setParticipantCount(12).setStaffIds(List.of()).setHours(2.0)
                .setOccurredAt(Instant.parse("2025-03-01T02:00:00Z")).build();
    }

    @Test
    void shouldRoundTripAGeneratedRecordThroughTheSpecificSerde() {
        // Given
        final SpecificAvroSerde<TrainingEvent> serde = SpecificAvroSerde.of(TrainingEvent.class, CONFIG, false);

        // When
        final TrainingEvent read = serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, training()));

        // Then
        assertThat(read).isEqualTo(training());
    }

    @Test
    void shouldReadGenericRecordsUnlessTheSpecificReaderIsOn() {
        // Given
        final byte[] bytes = SpecificAvroSerde.of(TrainingEvent.class, CONFIG, false).serializer().serialize(TOPIC, training());
        final AvroDeserializer generic = new AvroDeserializer();
        generic.configure(CONFIG, false);
        final AvroDeserializer specific = new AvroDeserializer();
        specific.configure(Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE,
                SerdeConfig.SPECIFIC_AVRO_READER_CONFIG, "true"), false);

        // When
        final Object asGeneric = generic.deserialize(TOPIC, bytes);
        final Object asSpecific = specific.deserialize(TOPIC, bytes);

        // Then
        assertThat(asGeneric).isInstanceOf(GenericRecord.class).isNotInstanceOf(TrainingEvent.class);
        assertThat(((GenericRecord) asGeneric).get("eventId").toString()).isEqualTo("e-1");
        assertThat(asSpecific).isEqualTo(training());
    }

    @Test
    void shouldRefuseAnUnknownMagicByteNamingTheTopic() {
        final AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(CONFIG, false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 1").hasMessageContaining(TOPIC);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("2 bytes").hasMessageContaining(TOPIC);
    }

    @Test
    void shouldRefuseAnUnknownSchemaIdNamingTheTopicAndId() {
        final AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(CONFIG, false);

        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0x30, 0x39, 2}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("schema id 12345").hasMessageContaining(TOPIC);
    }

    @Test
    void shouldAskTheRegistryOncePerSchemaIdAndSubject() {
        // Given a registry that counts its calls
        final AtomicInteger calls = new AtomicInteger();
        final MockSchemaRegistry backing = MockSchemaRegistry.scope(SCOPE);
        final SchemaRegistryClient counting = new SchemaRegistryClient() {
            @Override
            public int register(final String subject, final Schema schema) {
                calls.incrementAndGet();
                return backing.register(subject, schema);
            }

            @Override
            public int idOf(final String subject, final Schema schema) {
                calls.incrementAndGet();
                return backing.idOf(subject, schema);
            }

            @Override
            public Schema schemaById(final int id) {
                calls.incrementAndGet();
                return backing.schemaById(id);
            }

            @Override
            public RegisteredSchema latest(final String subject) {
                calls.incrementAndGet();
                return backing.latest(subject);
            }
        };
        final CachedSchemaRegistryClient cached = new CachedSchemaRegistryClient(counting);
        final AvroSerializer serializer = new AvroSerializer(cached, CONFIG, false);
        final AvroDeserializer deserializer = new AvroDeserializer(new CachedSchemaRegistryClient(counting),
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://" + SCOPE, SerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true),
                null);

        // When
        for (int i = 0; i < 100; i++) {
            deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, training()));
        }

        // Then: one registration, one fetch by id
        assertThat(calls).hasValue(2);
    }
}
