package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayClockTest {

    private static final long DAY = 86_400_000L;

    private static RawRecord event(final long appended, final Long occurredAt) {
        return new RawRecord("t", 1, 0, 0, appended, new byte[0], new byte[0],
                occurredAt == null ? null : new SourceFields("e", "S", occurredAt));
    }

    @Test
    void shouldFeedHistoricalEventsAtTheirEventTimeAndReferenceDataWithoutMovingTheClock() {
        // Given a clock allowing one day of future skew
        final ReplayClock clock = new ReplayClock(DAY);

        // When an event imported years later, a school and an unreadable record are fed
        final long event = clock.timestampFor(event(10 * DAY, DAY));
        final long school = clock.timestampFor(new RawRecord("s", 0, 0, 1, 11 * DAY, new byte[0], new byte[0],
                new SourceFields("S@x", "S", null)));
        final long poison = clock.timestampFor(event(12 * DAY, null));

        // Then the event keeps its event time and the others do not move stream time past it
        assertThat(event).isEqualTo(DAY);
        assertThat(school).isEqualTo(DAY);
        assertThat(poison).isEqualTo(DAY);
        assertThat(clock.now()).isEqualTo(DAY);
    }

    @Test
    void shouldKeepTheFutureTimestampCheckAsItWasLive() {
        // Given a clock allowing one day of future skew
        final ReplayClock clock = new ReplayClock(DAY);

        // When an event stamped within the skew and one stamped beyond it are fed
        final long withinSkew = clock.timestampFor(event(5 * DAY, 5 * DAY + DAY / 2));
        final long beyondSkew = clock.timestampFor(event(6 * DAY, 9 * DAY));

        // Then the first keeps its append time (occurredAt - timestamp within the skew, admitted),
        // the second gets a timestamp no later than its append time (still beyond the skew, rejected)
        assertThat(withinSkew).isEqualTo(5 * DAY);
        assertThat(9 * DAY - beyondSkew).isGreaterThan(DAY);
        assertThat(beyondSkew).isLessThanOrEqualTo(6 * DAY);
    }
}
