package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.schemas.PeriodGrain.MONTH;
import static org.edupulse.schemas.PeriodGrain.QUARTER;
import static org.edupulse.schemas.PeriodGrain.SCHOOL_YEAR;
import static org.edupulse.schemas.PeriodGrain.YEAR;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.StaffAction;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indicators per month, quarter, year and school year, in event time: stocks as of the period's end,
 * flows summed over it; a late event revises its period; a retroactive school version moves exactly the
 * periods it covers.
 */
class PeriodsTest {

    private static final String PROVINCE = TestData.PROVINCE;

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("periods", stateDir);
        // School A in commune C1 of D1, school B in C2 of D2, both from 1 January 2024
        driver.school(school("A", "D1").setCommuneId("C1").build(), START);
        driver.school(school("B", "D2").setCommuneId("C2").build(), START);
        // s1 joins A in January 2025, s2 in March, s1 leaves in April; A holds a session in February, B in March
        driver.staff(staff("e1", "s1", "A", local("2025-01-10T08:00")).build(), local("2025-01-10T08:00"));
        driver.training(training("t1", "A", local("2025-02-14T09:00")).build(), local("2025-02-14T09:00"));
        driver.staff(staff("e2", "s2", "A", local("2025-03-05T08:00")).build(), local("2025-03-05T08:00"));
        driver.training(training("t2", "B", local("2025-03-20T09:00")).build(), local("2025-03-20T09:00"));
        driver.staff(staff("e3", "s1", "A", local("2025-04-20T08:00")).setAction(StaffAction.LEFT).build(),
                local("2025-04-20T08:00"));
        flush();
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant local(final String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ProvinceCalendar.ZONE).toInstant();
    }

    /** Lets the wall-clock punctuation publish the changed periods. */
    private void flush() {
        driver.advanceWallClock(UnitPeriodsProcessor.FLUSH.plus(Duration.ofMillis(1)));
    }

    @Test
    void shouldPublishAUnitThatNeverGoesQuietAtTheLatestMaxDelayAfterItsFirstChange() {
        // When a person joins A every second, for two seconds longer than the longest a change may wait
        final int seconds = (int) UnitPeriodsProcessor.MAX_DELAY.toSeconds() + 2;
        for (int i = 0; i < seconds; i++) {
            final Instant at = local("2025-06-02T08:00").plusSeconds(i);
            driver.staff(staff("busy-" + i, "b" + i, "A", at).build(), at);
            driver.advanceWallClock(Duration.ofSeconds(1));
        }

        // Then June was published while the changes went on (never quiet for FLUSH), with the people who had
        // joined by then: more than s2 alone, fewer than all of them
        assertThat(driver.period("A", MONTH, "2025-06", "staff.active")).isBetween(2.0, (double) seconds);

        // ... and with all of them once A is quiet
        flush();
        assertThat(driver.period("A", MONTH, "2025-06", "staff.active")).isEqualTo(1.0 + seconds);
    }

    @Test
    void shouldWaitForAUnitToBeQuietLongerWhileThePipelineCatchesUpAndNoLongerOnceLive(@TempDir final Path otherState) {
        final AtomicBoolean catchingUp = new AtomicBoolean(true);
        try (IndicatorsDriver behind = new IndicatorsDriver("periods-catch-up-quiet", otherState, catchingUp::get)) {
            // Given a pipeline catching up that has read school A and a person joining it
            behind.school(school("A", "D1").setCommuneId("C1").build(), START);
            behind.staff(staff("q1", "q1", "A", START).build(), START);

            // When A has been quiet for longer than a live pipeline waits
            behind.advanceWallClock(UnitPeriodsProcessor.FLUSH.plusSeconds(1));

            // Then its periods are not published yet: more of the history being read may follow
            assertThat(behind.periods().keySet()).as("periods after %s of quiet", UnitPeriodsProcessor.FLUSH).isEmpty();

            // ... they are once A has been quiet for the catch-up's wait
            behind.advanceWallClock(UnitPeriodsProcessor.CATCH_UP_FLUSH);
            assertThat(behind.period("A", MONTH, "2025-03", "staff.active")).isEqualTo(1.0);

            // ... and once the pipeline is live, a change is published after the live wait again
            catchingUp.set(false);
            behind.staff(staff("q2", "q2", "A", behind.now()).build(), behind.now());
            behind.advanceWallClock(UnitPeriodsProcessor.FLUSH.plusMillis(1));
            assertThat(behind.period("A", MONTH, "2025-03", "staff.active")).isEqualTo(2.0);
        }
    }

    @Test
    void shouldPublishAUnitThatNeverGoesQuietWhileThePipelineCatchesUpAtTheLatestCatchUpMaxDelay(
            @TempDir final Path otherState) {
        final AtomicBoolean catchingUp = new AtomicBoolean(true);
        try (IndicatorsDriver busy = new IndicatorsDriver("periods-catch-up", otherState, catchingUp::get)) {
            // Given a pipeline catching up, whose school A gets a person every 4 s, never quiet for FLUSH
            assertThat(Duration.ofSeconds(4)).isLessThan(UnitPeriodsProcessor.FLUSH);
            busy.school(school("A", "D1").setCommuneId("C1").build(), START);
            final Instant firstChange = busy.now();
            final List<String> people = new ArrayList<>();
            final Runnable joinAndWait = () -> {
                final String id = "b" + people.size();
                people.add(id);
                busy.staff(staff("busy-" + id, id, "A", busy.now()).build(), busy.now());
                busy.advanceWallClock(Duration.ofSeconds(4));
            };

            // When that goes on for longer than a live pipeline lets a busy unit wait
            while (busy.now().isBefore(firstChange.plus(UnitPeriodsProcessor.MAX_DELAY).plusSeconds(8))) {
                joinAndWait.run();
            }

            // Then nothing is published yet: what A's periods would show is a part of a history still being read
            assertThat(busy.periods().keySet()).as("periods %s after the first change", UnitPeriodsProcessor.MAX_DELAY)
                    .isEmpty();

            // ... and A is published once it has waited the catch-up's longest, while it still changes
            while (busy.periods().isEmpty()
                    && busy.now().isBefore(firstChange.plus(UnitPeriodsProcessor.CATCH_UP_MAX_DELAY).plusSeconds(8))) {
                joinAndWait.run();
            }
            assertThat(Duration.between(firstChange, busy.now())).isGreaterThanOrEqualTo(
                    UnitPeriodsProcessor.CATCH_UP_MAX_DELAY);
            assertThat(busy.period("A", MONTH, "2025-03", "staff.active")).isBetween(2.0, (double) people.size());
        }
    }

    @Test
    void shouldPublishTheMonthThatEndsWhenTheMonthTurnsEvenWhileAUnitKeepsChanging() {
        // Given the wall clock 10 s before April, everything published so far
        driver.advanceWallClockTo(local("2025-03-31T23:59:45"));
        flush();

        // When a person joins A every second, from then until 3 s past midnight: A is never quiet, and its
        // first change is more recent than the longest a change may otherwise wait
        final int seconds = 13;
        assertThat(Duration.ofSeconds(seconds)).isLessThan(UnitPeriodsProcessor.MAX_DELAY);
        for (int i = 0; i < seconds; i++) {
            final Instant at = driver.now();
            driver.staff(staff("turn-" + i, "t" + i, "A", at).build(), at);
            driver.advanceWallClock(Duration.ofSeconds(1));
        }

        // Then March, which ended, was published as complete at the turn, and April begun
        assertThat(driver.periods().get(Topics.periodKey("A", MONTH, "2025-03")).getComplete()).as("March complete").isTrue();
        assertThat(driver.period("A", MONTH, "2025-04", "staff.active")).isGreaterThan(1.0);
    }

    @Test
    void shouldNotPublishAUnitStillChangingWhenThePipelineStartsBeforeItIsQuiet(@TempDir final Path otherState) {
        try (IndicatorsDriver started = new IndicatorsDriver("periods-start", otherState)) {
            // Given a pipeline that has just started and read its first events
            started.school(school("A", "D1").setCommuneId("C1").build(), START);
            started.staff(staff("e1", "s1", "A", START).build(), START);

            // When its first punctuation runs, a second later
            started.advanceWallClock(Duration.ofSeconds(1));

            // Then nothing is published yet: A changed a second ago, and more of its history may follow
            assertThat(started.periods()).as("periods a second after start").isEmpty();

            // ... and A's periods are published once it is quiet
            started.advanceWallClock(UnitPeriodsProcessor.FLUSH);
            assertThat(started.period("A", MONTH, "2025-03", "staff.active")).isEqualTo(1.0);
        }
    }

    @Test
    void shouldPublishStocksAsOfEachPeriodsEndAndFlowsSummedOverIt() {
        // Then each month has the staff at its end, and the sessions held in it
        assertThat(driver.period("A", MONTH, "2024-12", "staff.active")).isZero();
        assertThat(driver.period("A", MONTH, "2025-01", "staff.active")).isEqualTo(1);
        assertThat(driver.period("A", MONTH, "2025-02", "staff.active")).isEqualTo(1);
        assertThat(driver.period("A", MONTH, "2025-03", "staff.active")).isEqualTo(2);
        assertThat(driver.period("A", MONTH, "2025-04", "staff.active")).isEqualTo(1);
        assertThat(driver.period("A", MONTH, "2025-02", "training.sessions")).isEqualTo(1);
        assertThat(driver.period("A", MONTH, "2025-03", "training.sessions")).isZero();
        assertThat(driver.period("A", MONTH, "2024-06", "schools.total")).isEqualTo(1);

        // ... a quarter has the stocks at its last month's end and the sessions of its three months
        assertThat(driver.period("A", QUARTER, "2025-Q1", "staff.active")).isEqualTo(2);
        assertThat(driver.period("A", QUARTER, "2025-Q2", "staff.active")).isEqualTo(1);
        assertThat(driver.period(PROVINCE, QUARTER, "2025-Q1", "training.sessions")).isEqualTo(2);
        assertThat(driver.period("C2", QUARTER, "2025-Q1", "training.sessions")).isEqualTo(1);
        assertThat(driver.period("D1", QUARTER, "2025-Q1", "training.participants")).isEqualTo(10);

        // ... years and school years (1 September to 31 August) likewise
        assertThat(driver.period(PROVINCE, YEAR, "2025", "training.sessions")).isEqualTo(2);
        assertThat(driver.period(PROVINCE, YEAR, "2024", "training.sessions")).isZero();
        assertThat(driver.period(PROVINCE, SCHOOL_YEAR, "2024-2025", "training.sessions")).isEqualTo(2);
        assertThat(driver.period(PROVINCE, SCHOOL_YEAR, "2024-2025", "schools.total")).isEqualTo(2);
        final PeriodIndicators schoolYear = driver.periods().get("P11|SCHOOL_YEAR|2024-2025");
        assertThat(schoolYear.getStart()).isEqualTo(LocalDate.of(2024, 9, 1));
        assertThat(schoolYear.getEnd()).isEqualTo(LocalDate.of(2025, 8, 31));

        // ... and the province's months add up to its sessions of all time
        final double months = driver.periods().values().stream()
                .filter(p -> p.getUnitId().equals(PROVINCE) && p.getGrain() == MONTH)
                .mapToDouble(p -> p.getIndicators().get("training.sessions").getNumerator()).sum();
        assertThat(months).isEqualTo(driver.province(PROVINCE, "training.sessions.total"));
    }

    @Test
    void shouldReviseThePeriodOfALateEvent() {
        // When a January session at A is recorded in May
        driver.training(training("t3", "A", local("2025-01-20T09:00")).build(), local("2025-05-02T09:00"));
        flush();

        // Then January and its quarter, year and school year count it
        assertThat(driver.period("A", MONTH, "2025-01", "training.sessions")).isEqualTo(1);
        assertThat(driver.period("A", MONTH, "2025-01", "events.late")).isEqualTo(1);
        assertThat(driver.period("A", QUARTER, "2025-Q1", "training.sessions")).isEqualTo(2);
        assertThat(driver.period(PROVINCE, SCHOOL_YEAR, "2024-2025", "training.sessions")).isEqualTo(3);
    }

    @Test
    void shouldMoveExactlyThePeriodsThatARetroactiveVersionCovers() {
        final Map<String, PeriodIndicators> before = Map.copyOf(driver.periods());

        // When the department re-maps A to commune C2 of D2 from 1 March 2025, after the fact
        driver.school(school("A", "D2").setCommuneId("C2").setEffectiveFrom(LocalDate.of(2025, 3, 1)).build(),
                local("2025-05-02T09:00"));
        flush();

        // Then exactly the periods that end on or after March change, in the old and the new units only
        final Set<String> changed = new TreeSet<>();
        driver.periods().forEach((key, after) -> {
            final PeriodIndicators old = before.get(key);
            if (old == null || !old.getIndicators().equals(after.getIndicators())) {
                changed.add(key);
            }
        });
        final Set<String> expected = new TreeSet<>();
        for (final String unit : new String[] {"C1", "C2", "D1", "D2"}) {
            for (final String period : new String[] {"MONTH|2025-03", "MONTH|2025-04", "QUARTER|2025-Q1",
                "QUARTER|2025-Q2", "YEAR|2025", "SCHOOL_YEAR|2024-2025"}) {
                expected.add(unit + "|" + period);
            }
        }
        assertThat(changed).isEqualTo(expected);

        // ... A's stocks from March count in D2; February's stay in D1, with A's February session
        assertThat(driver.period("D1", MONTH, "2025-02", "staff.active")).isEqualTo(1);
        assertThat(driver.period("D1", MONTH, "2025-03", "staff.active")).isZero();
        assertThat(driver.period("D1", MONTH, "2025-03", "schools.total")).isZero();
        assertThat(driver.period("D2", MONTH, "2025-03", "staff.active")).isEqualTo(2);
        assertThat(driver.period("D2", MONTH, "2025-03", "schools.total")).isEqualTo(2);
        assertThat(driver.period("D1", QUARTER, "2025-Q1", "training.sessions")).isEqualTo(1);
    }

    @Test
    void shouldMoveTheSessionsARetroactiveVersionCoversInTheLiveFiguresAndThePeriods() {
        // When the department re-maps A to D2 from 1 February 2025, after A's February session was counted in D1
        driver.school(school("A", "D2").setCommuneId("C2").setEffectiveFrom(LocalDate.of(2025, 2, 1)).build(),
                local("2025-05-02T09:00"));
        flush();

        // Then the session counts in D2 and C2, live and in its month; D1 and C1 keep none
        assertThat(driver.district("D1", "training.sessions.total")).isZero();
        assertThat(driver.district("D2", "training.sessions.total")).isEqualTo(2);
        assertThat(driver.commune("C1", "training.sessions.total")).isZero();
        assertThat(driver.period("D1", MONTH, "2025-02", "training.sessions")).isZero();
        assertThat(driver.period("D2", MONTH, "2025-02", "training.sessions")).isEqualTo(1);
        assertThat(driver.period("C2", QUARTER, "2025-Q1", "training.sessions")).isEqualTo(2);
        assertThat(driver.province(PROVINCE, "training.sessions.total")).isEqualTo(2);
    }
}
