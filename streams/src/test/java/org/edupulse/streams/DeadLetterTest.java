package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterTest {

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("dead-letters", stateDir);
        driver.school(school("A", "D1").build(), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldSendPoisonBytesAndUnknownSchemaIdsToTheDeadLetterTopicAndCarryOn() {
        // Given bytes that are not Avro and bytes naming a schema id the registry does not know
        final byte[] poison = "not avro at all".getBytes(StandardCharsets.UTF_8);
        final byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(4242).putInt(7).array();

        // When they arrive, followed by a valid session
        driver.rawBytes(Topics.TRAINING_EVENTS, "A", poison, START);
        driver.rawBytes(Topics.DEVICE_EVENTS, "A", unknownId, START);
        driver.training(training("t1", "A", START).build(), START);

        // Then both are dead letters with their origin, and the valid session counts
        assertThat(driver.deadLetters()).hasSize(2);
        final DeadLetter first = driver.deadLetters().get(0);
        assertThat(first.getReason()).startsWith("value could not be deserialized");
        assertThat(first.getErrorClass()).contains("SerializationException");
        assertThat(first.getSourceTopic()).isEqualTo(Topics.TRAINING_EVENTS.name());
        assertThat(first.getSourcePartition()).isZero();
        assertThat(first.getSourceOffset()).isZero();
        assertThat(first.getValue()).isEqualTo(ByteBuffer.wrap(poison));
        assertThat(first.getKey()).isEqualTo(ByteBuffer.wrap("A".getBytes(StandardCharsets.UTF_8)));
        assertThat(first.getRecordTimestamp()).isEqualTo(START);
        assertThat(first.getRejectedAt()).isEqualTo(START);
        final DeadLetter second = driver.deadLetters().get(1);
        assertThat(second.getReason()).contains("Unknown schema id 4242");
        assertThat(second.getSourceTopic()).isEqualTo(Topics.DEVICE_EVENTS.name());
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
    }

    @Test
    void shouldSendInvalidEventsToTheDeadLetterTopicNamingTheField() {
        // When a negative count, a far-future timestamp and a mismatched key arrive
        // (an unknown school waits for its reference record first: AwaitingSchoolTest)
        driver.training(training("t1", "A", START).setParticipantCount(-3).build(), START);
        driver.training(training("t2", "A", START.plus(Duration.ofDays(2))).build(), START);
        driver.rawBytes(Topics.STAFF_EVENTS, "A",
                SpecificAvroSerde.of(StaffEvent.class,
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://dead-letters"), false)
                        .serializer().serialize(Topics.STAFF_EVENTS.name(), staff("e2", "s2", "B", START).build()),
                START);

        // Then each is a dead letter naming the field, with its topic, partition and offset
        assertThat(driver.deadLetters()).extracting(DeadLetter::getReason).satisfiesExactly(
                reason -> assertThat(reason).isEqualTo("field participantCount is negative: -3"),
                reason -> assertThat(reason).contains("field occurredAt").contains("after the record timestamp"),
                reason -> assertThat(reason).contains("differs from field schoolId 'B'"));
        assertThat(driver.deadLetters()).extracting(DeadLetter::getSourceTopic).containsExactly(
                Topics.TRAINING_EVENTS.name(), Topics.TRAINING_EVENTS.name(), Topics.STAFF_EVENTS.name());
        assertThat(driver.deadLetters()).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 0L);
        assertThat(driver.deadLetters()).extracting(DeadLetter::getErrorClass).containsOnlyNulls();
        assertThat(driver.district("D1", "staff.active")).isZero();
        assertThat(driver.district("D1", "training.sessions.total")).isZero();
    }
}
