package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.streams.state.TrainingDays;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowIndicatorsTest {

    /** A grace shorter than the default, so that the test's days stay small. */
    private static final Duration GRACE = Duration.ofDays(3);

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("flows", IndicatorsConfig.defaults().withGrace(GRACE), stateDir);
        driver.school(school("A", "D1").build(), START);
        driver.school(school("B", "D2").build(), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant days(final long days) {
        return START.plus(Duration.ofDays(days));
    }

    @Test
    void shouldCountADuplicateEventOnce() {
        // Given a session and a device, each delivered twice
        driver.training(training("t1", "A", START).build(), START);
        driver.training(training("t1", "A", START).build(), START.plusSeconds(60));
        driver.device(device("d1-1", "d1", "A", START).build(), START);
        driver.device(device("d1-1", "d1", "A", START).build(), START.plusSeconds(60));

        // Then each counts once
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D1", "training.participants.30d")).isEqualTo(10);
        assertThat(driver.district("D1", "devices.computers.in_service")).isEqualTo(1);
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.<Long>windowStoreValue(IndicatorsTopology.TRAINING_IDS_STORE, "t1", START)).isNotNull();
    }

    @Test
    void shouldCountAnEventWithinGraceAndLedgerOneBeyondIt() {
        // Given stream time at START + 5 days (grace is 3 days)
        driver.training(training("t1", "A", START).build(), START);
        driver.training(training("t2", "A", days(5)).build(), days(5));

        // When a session 2 days behind and one 4 days behind arrive
        driver.training(training("t3", "A", days(3)).build(), days(5));
        driver.training(training("t4", "A", days(1)).setTopic(TrainingTopic.CYBERSECURITY_DRILL).build(), days(5));

        // Then the first counts and the second goes to the ledger and the late count
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(3);
        assertThat(driver.district("D1", "training.cybersecurity_drills.365d")).isZero();
        assertThat(driver.district("D1", "events.late.total")).isEqualTo(1);
        assertThat(driver.province(TestData.PROVINCE, "events.late.total")).isEqualTo(1);
        assertThat(driver.lateEvents()).singleElement().satisfies(late -> {
            assertThat(late.getEventId()).isEqualTo("t4");
            assertThat(late.getUnitId()).isEqualTo("D1");
            assertThat(late.getReason()).contains("occurredAt").contains("grace");
            assertThat(late.getSourceTopic()).isEqualTo(Topics.TRAINING_EVENTS.name());
            assertThat(late.getSourceOffset()).isEqualTo(3);
            assertThat(late.getStreamTime()).isEqualTo(days(5));
        });
        final KeyValueStore<String, TrainingDays> buckets = driver.store(IndicatorsTopology.DISTRICT_TRAINING_STORE);
        assertThat(buckets.get("D1").getLateTotal()).isEqualTo(1);
        assertThat(buckets.get("D1").getSessionsTotal()).isEqualTo(3);
    }

    @Test
    void shouldSlideRollingWindowsAtMidnightInHoChiMinhCity() {
        // Given sessions one minute either side of midnight 30/31 January in Asia/Ho_Chi_Minh (17:00 UTC)
        final Instant beforeMidnight = Instant.parse("2025-01-30T16:59:00Z");
        final Instant afterMidnight = Instant.parse("2025-01-30T17:00:00Z");
        driver.training(training("t1", "A", beforeMidnight).build(), beforeMidnight);
        driver.training(training("t2", "A", afterMidnight).build(), afterMidnight);

        // When stream time reaches 1 March, 10:00 local time
        driver.training(training("t3", "A", START).setParticipantCount(5).build(), START);

        // Then the 30-day window (31 Jan .. 1 Mar local) holds the second and third, not the first
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(2);
        assertThat(driver.district("D1", "training.participants.30d")).isEqualTo(15);
        assertThat(driver.district("D1", "training.sessions.90d")).isEqualTo(3);
        assertThat(driver.district("D1", "training.sessions.365d")).isEqualTo(3);
        assertThat(driver.district("D1", "training.participants.365d")).isEqualTo(25);

        // When stream time (a session elsewhere) reaches 23:59 local, then midnight local on 2 March
        final Instant lastMinute = Instant.parse("2025-03-01T16:59:00Z");
        driver.training(training("t4", "B", lastMinute).build(), lastMinute);
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(2);
        final Instant midnight = Instant.parse("2025-03-01T17:00:00Z");
        driver.training(training("t5", "B", midnight).build(), midnight);

        // Then D1's window slid without any D1 event: 31 January left it
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.90d")).isEqualTo(3);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(3);
        assertThat(driver.province(TestData.PROVINCE, "training.sessions.30d")).isEqualTo(3);
    }

    @Test
    void shouldNotCountLateEventsAnywhereButTheLedger() {
        // Given a late session
        driver.training(training("t1", "A", days(10)).build(), days(10));
        driver.training(training("t2", "B", START).build(), days(10));

        // Then D2 counts only the late event
        assertThat(driver.district("D2", "training.sessions.total")).isZero();
        assertThat(driver.district("D2", "events.late.total")).isEqualTo(1);
        assertThat(driver.lateEvents()).extracting(LateEvent::getEventId).containsExactly("t2");
    }

    @Test
    void shouldForgetDaysOlderThanAYearButKeepCountingThemInTheTotal() {
        // Given sessions a year and a half apart, the first stored and read back before the second
        driver.training(training("t1", "A", START).build(), START);
        driver.training(training("t2", "A", days(10)).build(), days(10));
        final Instant later = START.plus(Duration.ofDays(540));

        // When stream time moves past the 365-day window of the first two
        driver.training(training("t3", "A", later).build(), later);

        // Then the total keeps them, the windows do not, and their day buckets are gone from the store
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(3);
        assertThat(driver.district("D1", "training.sessions.365d")).isEqualTo(1);
        final KeyValueStore<String, TrainingDays> buckets = driver.store(IndicatorsTopology.DISTRICT_TRAINING_STORE);
        assertThat(buckets.get("D1").getDays()).hasSize(1);
    }
}
