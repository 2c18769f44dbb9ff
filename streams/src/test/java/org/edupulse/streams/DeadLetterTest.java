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
import org.edupulse.rules.EventRules;
import org.edupulse.rules.FieldLimits;
import org.edupulse.rules.RuleViolation;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
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
                reason -> assertThat(reason).isEqualTo("field participantCount must be zero or more: -3"),
                reason -> assertThat(reason).startsWith("field occurredAt is in the future: 2025-03-03T03:00:00Z "
                        + "is more than PT5M (the allowed clock skew) after 2025-03-01T03:00:00Z"),
                reason -> assertThat(reason).contains("differs from field schoolId 'B'"));
        assertThat(driver.deadLetters()).extracting(DeadLetter::getSourceTopic).containsExactly(
                Topics.TRAINING_EVENTS.name(), Topics.TRAINING_EVENTS.name(), Topics.STAFF_EVENTS.name());
        assertThat(driver.deadLetters()).extracting(DeadLetter::getSourceOffset).containsExactly(0L, 1L, 0L);
        assertThat(driver.deadLetters()).extracting(DeadLetter::getErrorClass).containsOnlyNulls();
        assertThat(driver.district("D1", "staff.active")).isZero();
        assertThat(driver.district("D1", "training.sessions.total")).isZero();
    }

    @Test
    void shouldSendAStaffEventWithA600KilobyteStaffIdToTheDeadLetterTopicAndCountTheEventsAroundIt() {
        // Given a valid staff event
        driver.staff(staff("e1", "s1", "A", START).build(), START);

        // When a staff id of 600 KB arrives, as a school system writing with its own serializer could send,
        // and then another valid event
        driver.staff(staff("e2", "N".repeat(600 * 1024), "A", START).build(), START);
        driver.staff(staff("e3", "s3", "A", START).build(), START);

        // Then it is a dead letter naming the field and the limit, carrying the record, and both others count
        assertThat(driver.deadLetters()).singleElement().satisfies(deadLetter -> {
            assertThat(deadLetter.getReason()).isEqualTo("field staffId must be at most "
                    + FieldLimits.MAX_ID_LENGTH + " characters, found 614400");
            assertThat(deadLetter.getSourceTopic()).isEqualTo(Topics.STAFF_EVENTS.name());
            assertThat(deadLetter.getSourceOffset()).isEqualTo(1L);
            assertThat(deadLetter.getValue().remaining()).isGreaterThan(600 * 1024);
        });
        assertThat(driver.district("D1", "staff.active")).isEqualTo(2);
    }

    @Test
    void shouldRefuseASessionOfNoLengthForTheSameReasonAsThePublisher() {
        // Given a valid session
        driver.training(training("t1", "A", START).build(), START);

        // When a session of 0 hours arrives, then another valid one
        final TrainingEvent noLength = training("t2", "A", START).setHours(0).build();
        driver.training(noLength, START);
        driver.training(training("t3", "A", START).build(), START);

        // Then it is a dead letter with the rules core's field and reason (the publisher's, see
        // EventValidatorTest), and the two valid sessions count
        final RuleViolation rule = EventRules.standard().check(noLength, START).get(0);
        assertThat(driver.deadLetters()).extracting(DeadLetter::getReason)
                .containsExactly("field hours must be greater than 0: 0.0")
                .containsExactly(rule.describe());
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(2);
    }

    @Test
    void shouldRefuseARecordLargerThanAnyValidEventWithoutDecodingOrCopyingIt() {
        // Given bytes beyond the record limit, and a key far longer than a school id
        final byte[] huge = new byte[FieldLimits.MAX_RECORD_BYTES + 1];
        final String longKey = "K".repeat(FieldLimits.MAX_ID_LENGTH + 1);

        // When they arrive, followed by a valid session, and a valid session under the long key
        driver.rawBytes(Topics.TRAINING_EVENTS, "A", huge, START);
        driver.training(training("t1", "A", START).build(), START);
        driver.rawBytes(Topics.TRAINING_EVENTS, longKey,
                SpecificAvroSerde.of(TrainingEvent.class,
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, "mock://dead-letters"), false)
                        .serializer().serialize(Topics.TRAINING_EVENTS.name(), training("t2", "A", START).build()),
                START);

        // Then the large one is a dead letter saying its size and where to read it, without a copy of it;
        // the long key is quoted cut short; the valid session counts
        assertThat(driver.deadLetters()).hasSize(2);
        final DeadLetter tooLarge = driver.deadLetters().get(0);
        assertThat(tooLarge.getReason()).isEqualTo("record is " + (FieldLimits.MAX_RECORD_BYTES + 1 + 1)
                + " bytes (key and value), more than the limit of " + FieldLimits.MAX_RECORD_BYTES
                + " bytes; key and value not copied here: read them at " + Topics.TRAINING_EVENTS.name() + "-0@0");
        assertThat(tooLarge.getValue()).isNull();
        assertThat(tooLarge.getKey()).isNull();
        assertThat(tooLarge.getErrorClass()).isNull();
        final DeadLetter wrongKey = driver.deadLetters().get(1);
        assertThat(wrongKey.getReason()).startsWith("record key 'KKK").contains("...' (101 characters) differs from field "
                + "schoolId 'A'").hasSizeLessThan(300);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
    }
}
