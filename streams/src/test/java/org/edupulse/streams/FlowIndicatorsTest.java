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
import org.edupulse.rules.Refusal;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.streams.state.TrainingDays;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training flows: windows that end on the province's current day, sessions identified by school and
 * session id, event ids counted once, late sessions counted in their day and ledgered.
 */
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
    void shouldCountARedeliveryOnceAndAReusedEventIdWithOtherContentNotAtAll() {
        // Given a session and a device, each delivered twice
        driver.training(training("t1", "A", START).build(), START);
        driver.training(training("t1", "A", START).build(), START.plusSeconds(60));
        driver.device(device("d1-1", "d1", "A", START).build(), START);
        driver.device(device("d1-1", "d1", "A", START).build(), START.plusSeconds(60));

        // When a school system re-sends the session's id with the time taken again at re-send time
        driver.training(training("t1", "A", START.plusSeconds(90)).build(), START.plusSeconds(120));

        // Then each counts once, and the reuse with other content is one finding naming the id
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D1", "training.participants.30d")).isEqualTo(10);
        assertThat(driver.district("D1", "devices.computers.in_service")).isEqualTo(1);
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(Refusal.EVENT_ID_CONFLICT);
            assertThat(finding.getEventId()).isEqualTo("t1");
            assertThat(finding.getSchoolId()).isEqualTo("A");
            assertThat(finding.getSourceTopic()).isEqualTo(Topics.TRAINING_EVENTS.name());
            assertThat(finding.getMessage()).contains("already used");
        });
    }

    @Test
    void shouldCountAStockEventIdReusedWithOtherContentAtTheSameTimeOnceAndReportIt() {
        // Given a desktop, then the same event id and time with another device type
        driver.device(device("d1-1", "d1", "A", START).build(), START);
        driver.device(device("d1-1", "d1", "A", START).setAction(org.edupulse.schemas.DeviceAction.RETIRED).build(),
                START.plusSeconds(60));

        // Then the first content counts and the reuse is a finding, not silently dropped
        assertThat(driver.district("D1", "devices.computers.in_service")).isEqualTo(1);
        assertThat(driver.findings()).extracting(DataQualityFinding::getRuleId).containsExactly(Refusal.EVENT_ID_CONFLICT);
    }

    @Test
    void shouldReplaceASessionByItsSchoolsLaterEventAndWithdrawItWhenCancelled() {
        // Given a session held today with 10 participants
        driver.training(training("t1", "A", START).setSessionId("s-1").build(), START);

        // When the school corrects it: held 40 days ago, with 25 participants
        driver.training(training("t2", "A", days(-40)).setSessionId("s-1").setParticipantCount(25).build(),
                START.plusSeconds(60));

        // Then it is one session, on its corrected day, with its corrected count
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.30d")).isZero();
        assertThat(driver.district("D1", "training.sessions.90d")).isEqualTo(1);
        assertThat(driver.district("D1", "training.participants.365d")).isEqualTo(25);

        // When the school cancels it
        driver.training(training("t3", "A", days(-40)).setSessionId("s-1").setAction(TrainingAction.CANCELLED).build(),
                START.plusSeconds(120));

        // Then it counts nowhere, and the district's days are empty
        assertThat(driver.district("D1", "training.sessions.total")).isZero();
        assertThat(driver.district("D1", "training.sessions.365d")).isZero();
        assertThat(driver.province(TestData.PROVINCE, "training.participants.365d")).isZero();
        final KeyValueStore<String, TrainingDays> buckets = driver.store(IndicatorsTopology.UNIT_TRAINING_STORE);
        assertThat(buckets.get("DISTRICT:D1").getDays()).isEmpty();
        // And the same session id at another school is another session
        driver.training(training("t4", "B", START).setSessionId("s-1").build(), START.plusSeconds(180));
        assertThat(driver.district("D2", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.total")).isZero();
    }

    @Test
    void shouldCountASessionRecordedAfterTheGraceInItsDayAndLedgerIt() {
        // Given a session recorded on the day it was held, and a drill recorded 5 days after it (grace is 3)
        driver.training(training("t1", "A", START).build(), START);
        driver.training(training("t2", "A", days(-5)).setTopic(TrainingTopic.CYBERSECURITY_DRILL).build(), START);

        // Then both count in their days, and the late one is in the ledger and the late count
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(2);
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(2);
        assertThat(driver.district("D1", "training.cybersecurity_drills.365d")).isEqualTo(1);
        assertThat(driver.district("D1", "events.late.total")).isEqualTo(1);
        assertThat(driver.province(TestData.PROVINCE, "events.late.total")).isEqualTo(1);
        assertThat(driver.lateEvents()).singleElement().satisfies(late -> {
            assertThat(late.getEventId()).isEqualTo("t2");
            assertThat(late.getUnitId()).isEqualTo("D1");
            assertThat(late.getReason()).contains("recorded 5 days after field occurredAt").contains("grace")
                    .contains("counts in its day");
            assertThat(late.getSourceTopic()).isEqualTo(Topics.TRAINING_EVENTS.name());
            assertThat(late.getSourceOffset()).isEqualTo(1);
            assertThat(late.getStreamTime()).isEqualTo(START);
        });
    }

    @Test
    void shouldEndWindowsOnTheProvincesCurrentDayAndSlideAtLocalMidnightWithoutAnyEvent() {
        // Given sessions one minute either side of midnight 30/31 January in Asia/Ho_Chi_Minh (17:00 UTC),
        // and one on 1 March, and the wall clock on 1 March, 10:00 local time
        final Instant beforeMidnight = Instant.parse("2025-01-30T16:59:00Z");
        final Instant afterMidnight = Instant.parse("2025-01-30T17:00:00Z");
        driver.training(training("t1", "A", beforeMidnight).build(), beforeMidnight);
        driver.training(training("t2", "A", afterMidnight).build(), afterMidnight);
        driver.training(training("t3", "A", START).setParticipantCount(5).build(), START);

        // Then the 30-day window (31 Jan .. 1 Mar local) holds the second and third, not the first
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(2);
        assertThat(driver.district("D1", "training.participants.30d")).isEqualTo(15);
        assertThat(driver.district("D1", "training.sessions.90d")).isEqualTo(3);
        assertThat(driver.district("D1", "training.participants.365d")).isEqualTo(25);
        // And the set says when its windows were evaluated and the latest event it reflects
        final IndicatorSet before = driver.districts().get("D1");
        assertThat(before.getEvaluatedAt()).isEqualTo(START);
        assertThat(before.getDataThrough()).isEqualTo(START);

        // When the wall clock reaches 23:59 local, nothing changes
        driver.advanceWallClockTo(Instant.parse("2025-03-01T16:59:00Z"));
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(2);

        // When it passes local midnight, with no event at all
        driver.advanceWallClockTo(Instant.parse("2025-03-01T17:01:00Z"));

        // Then D1's window slid: 31 January left it; the province follows; the total stays
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.90d")).isEqualTo(3);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(3);
        assertThat(driver.province(TestData.PROVINCE, "training.sessions.30d")).isEqualTo(1);
        final IndicatorSet after = driver.districts().get("D1");
        assertThat(after.getEvaluatedAt()).isEqualTo(Instant.parse("2025-03-01T17:01:00Z"));
        assertThat(after.getDataThrough()).isEqualTo(START);

        // When 30 more days pass without any session
        driver.advanceWallClockTo(Instant.parse("2025-03-31T17:01:00Z"));

        // Then nobody held a session in the last 30 days
        assertThat(driver.district("D1", "training.sessions.30d")).isZero();
        assertThat(driver.province(TestData.PROVINCE, "training.sessions.30d")).isZero();
    }

    @Test
    void shouldNotCountASessionInWindowsThatEndBeforeItsDay() {
        // When a session dated two minutes past local midnight is recorded at 23:58 (a clock within the
        // allowed skew), with the wall clock at 23:58 on 1 March
        final Instant recorded = Instant.parse("2025-03-01T16:58:00Z");
        driver.advanceWallClockTo(recorded);
        driver.training(training("t1", "A", Instant.parse("2025-03-01T17:02:00Z")).build(), recorded);

        // Then it is in the total but in no window yet; it enters them on its day
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.30d")).isZero();
        driver.advanceWallClockTo(Instant.parse("2025-03-01T17:03:00Z"));
        assertThat(driver.district("D1", "training.sessions.30d")).isEqualTo(1);
    }

    @Test
    void shouldForgetDaysOlderThanAYearButKeepCountingThemInTheTotal() {
        // Given sessions ten days apart
        driver.training(training("t1", "A", START).build(), START);
        driver.training(training("t2", "A", days(10)).build(), days(10));

        // When a year and a half passes and another session is held
        final Instant later = START.plus(Duration.ofDays(540));
        driver.advanceWallClockTo(later);
        driver.training(training("t3", "A", later).build(), later);

        // Then the total keeps them, the windows do not, and their day buckets are gone from the store
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(3);
        assertThat(driver.district("D1", "training.sessions.365d")).isEqualTo(1);
        final KeyValueStore<String, TrainingDays> buckets = driver.store(IndicatorsTopology.UNIT_TRAINING_STORE);
        assertThat(buckets.get("DISTRICT:D1").getDays()).hasSize(1);
        assertThat(driver.lateEvents()).extracting(LateEvent::getEventId).isEmpty();
    }

    @Test
    void shouldCountASessionNamingMoreStaffThanParticipantsAsSentAndReportIt() {
        // When a session counts 1 participant but names 2 attending staff, and is delivered twice
        final org.edupulse.schemas.TrainingEvent session = training("t1", "A", START).setParticipantCount(1)
                .setStaffIds(java.util.List.of("s1", "s2")).build();
        driver.training(session, START);
        driver.training(session, START.plusSeconds(60));

        // Then it counts as sent, and is one finding naming both fields
        assertThat(driver.district("D1", "training.participants.30d")).isEqualTo(1);
        assertThat(driver.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(org.edupulse.rules.Finding.PARTICIPANTS_BELOW_NAMED);
            assertThat(finding.getEntityId()).isEqualTo("session-t1");
            assertThat(finding.getMessage()).contains("staffIds").contains("participantCount");
        });
    }
}
