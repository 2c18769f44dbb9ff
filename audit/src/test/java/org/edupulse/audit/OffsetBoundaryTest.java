package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.junit.jupiter.api.Test;

class OffsetBoundaryTest {

    @Test
    void shouldSearchForTheFirstMillisecondAfterTheInstant() {
        // Given an instant with and one without a sub-millisecond part
        final Instant exact = Instant.parse("2025-06-30T17:00:00Z");
        final Instant fraction = Instant.parse("2025-06-30T17:00:00.000900Z");

        // When the offsets-for-times search timestamp is computed
        // Then records appended in the instant's own millisecond are included, later ones are not
        assertThat(RawLog.searchTimestamp(exact)).isEqualTo(exact.toEpochMilli() + 1);
        assertThat(RawLog.searchTimestamp(fraction)).isEqualTo(exact.toEpochMilli() + 1);
    }

    @Test
    void shouldEndAtTheFirstOffsetAppendedAfterTheInstant() {
        // Given a partition whose offset 42 was the first appended after the instant
        final OffsetAndTimestamp found = new OffsetAndTimestamp(42, 1_000, Optional.empty());

        // When the end offset is chosen
        // Then offsets 0..41 are read
        assertThat(RawLog.endOffset(found, 100)).isEqualTo(42);
    }

    @Test
    void shouldReadToTheLogEndWhenNothingWasAppendedAfterTheInstant() {
        // Given a partition where nothing was appended after the instant
        // When the end offset is chosen
        // Then the whole log (up to its stable end) is read
        assertThat(RawLog.endOffset(null, 100)).isEqualTo(100);
    }

    @Test
    void shouldNeverReadPastTheStableEnd() {
        // Given a first-later offset beyond the last stable offset (an open transaction)
        final OffsetAndTimestamp found = new OffsetAndTimestamp(120, 1_000, Optional.empty());

        // When the end offset is chosen
        // Then it stops at the stable end
        assertThat(RawLog.endOffset(found, 100)).isEqualTo(100);
    }
}
