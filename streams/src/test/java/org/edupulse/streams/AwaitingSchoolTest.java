package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;

import java.nio.file.Path;
import java.time.Duration;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event read before its school's reference record (the two topics are fetched separately, often
 * from different brokers) waits for it rather than being refused; one whose school never comes is
 * a dead letter once the reference wait (5 minutes) has passed in append time, or on the wall clock
 * while the task reads nothing new.
 */
class AwaitingSchoolTest {

    private static final Duration WAIT = IndicatorsConfig.defaults().referenceWait();

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("awaiting-school", stateDir);
        driver.school(school("A", "D1").build(), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldAdmitEventsReadBeforeTheirSchoolOnceItsRecordArrives() {
        // Given a person and a computer at school B, read before B's reference record
        driver.staff(staff("e1", "p1", "B", START).build(), START);
        driver.device(device("e2", "pc-1", "B", START).build(), START);
        driver.staff(staff("e1", "p1", "B", START).build(), START); // a re-send while waiting
        assertThat(driver.districts()).doesNotContainKey("D2");
        assertThat(driver.deadLetters()).isEmpty();

        // When B's record arrives
        driver.school(school("B", "D2").build(), START.plusSeconds(1));

        // Then both count in B's district, once, and nothing was refused
        assertThat(driver.district("D2", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D2", "devices.computers.in_service")).isEqualTo(1);
        assertThat(driver.province(TestData.PROVINCE, "staff.active")).isEqualTo(1);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void shouldDeadLetterAnEventWhoseSchoolHasNotComeOnceRecordsAppendedTheWaitLaterAreRead() {
        // Given an event for a school no reference record names
        driver.staff(staff("e1", "p1", "Z", START).build(), START);

        // When records appended within the wait are read, it still waits
        driver.staff(staff("e2", "p2", "A", START).build(), START.plus(WAIT).minusSeconds(1));
        assertThat(driver.deadLetters()).isEmpty();

        // ... and once one appended after the wait is read, it is a dead letter naming the school
        driver.staff(staff("e3", "p3", "A", START).build(), START.plus(WAIT).plusSeconds(31));
        assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.getReason()).contains("field schoolId 'Z' names an unknown school")
                    .contains("within " + WAIT);
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.STAFF_EVENTS.name());
            assertThat(letter.getSourceOffset()).isZero();
            assertThat(letter.getRecordTimestamp()).isEqualTo(START);
        });

        // Then a reference record arriving after that does not bring it back
        driver.school(school("Z", "D3").build(), START.plus(WAIT).plusSeconds(32));
        assertThat(driver.district("D3", "staff.active")).isZero();
        assertThat(driver.district("D1", "staff.active")).isEqualTo(2);
    }

    @Test
    void shouldKeepWaitingOnTheWallClockWhileTheTaskIsStillReadingABacklog() {
        // Given an event for school C, parked
        driver.staff(staff("e1", "p1", "C", START).build(), START);

        // When the wall clock passes the wait while records appended shortly after it are still being read
        for (int i = 1; i <= 14; i++) {
            driver.advanceWallClock(Duration.ofSeconds(30));
            driver.staff(staff("e-" + i, "q" + i, "A", START).build(), START.plusSeconds(10L * i));
        }
        assertThat(driver.deadLetters()).isEmpty();

        // Then C's record, further down the backlog, still admits it
        driver.school(school("C", "D3").build(), START.plusSeconds(150));
        assertThat(driver.district("D3", "staff.active")).isEqualTo(1);
        assertThat(driver.deadLetters()).isEmpty();
    }

    @Test
    void shouldDeadLetterAWaitingEventOnTheWallClockWhenNothingElseIsRead() {
        // Given an event for an unknown school and no further records
        driver.staff(staff("e1", "p1", "Z", START).build(), START);

        // When the wall clock runs on (checked every 30 s) for the wait, and then past it
        for (int i = 0; i < 10; i++) {
            driver.advanceWallClock(Duration.ofSeconds(30));
        }
        assertThat(driver.deadLetters()).isEmpty();
        driver.advanceWallClock(Duration.ofSeconds(30));
        driver.advanceWallClock(Duration.ofSeconds(30));

        // Then it is a dead letter naming the school
        assertThat(driver.deadLetters()).extracting(DeadLetter::getReason).singleElement()
                .asString().contains("field schoolId 'Z' names an unknown school");
    }
}
