package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyTrackerTest {

    @Test
    void shouldAttributeAnIndicatorSetToEveryEventOfItsDistrictUpToItsAsOf() {
        // Given three events of D1 and one of D2, sent at 0, 1, 2 and 3 ms
        final LatencyTracker tracker = new LatencyTracker();
        tracker.sent("D1", 1_000, 0);
        tracker.sent("D1", 1_001, 1_000_000);
        tracker.sent("D2", 1_002, 2_000_000);
        tracker.sent("D1", 1_003, 3_000_000);

        // When D1's set as of the second event is read at 10 ms
        tracker.read("D1", 1_001, 10_000_000);

        // Then the first two events are timed from their own send, the rest still pending
        assertThat(tracker.drainLatencies()).containsExactly(10.0, 9.0);
        assertThat(tracker.pendingCount()).isEqualTo(2);
    }

    @Test
    void shouldIgnoreAnotherDistrictsSetAndAnOlderAsOf() {
        // Given
        final LatencyTracker tracker = new LatencyTracker();
        tracker.sent("D1", 2_000, 0);

        // When
        tracker.read("D2", 5_000, 1_000_000);
        tracker.read("D1", 1_999, 1_000_000);

        // Then
        assertThat(tracker.drainLatencies()).isEmpty();
        assertThat(tracker.pendingCount()).isEqualTo(1);
    }

    @Test
    void shouldCountEventsNeverSeenAsTheTimeout() {
        // Given
        final LatencyTracker tracker = new LatencyTracker();
        tracker.sent("D1", 2_000, 0);

        // When
        final int expired = tracker.expire(10_000);

        // Then
        assertThat(expired).isEqualTo(1);
        assertThat(tracker.drainLatencies()).containsExactly(10_000.0);
        assertThat(tracker.pendingCount()).isZero();
    }
}
