package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayOrderTest {

    private static RawRecord record(final int rank, final int partition, final long offset, final long appended,
                                    final Long occurredAt) {
        final SourceFields fields = rank == 0 ? new SourceFields("S@2021-09-01", "S", null)
                : new SourceFields("ev-" + rank + "-" + partition + "-" + offset, "S", occurredAt);
        return new RawRecord("topic-" + rank, rank, partition, offset, appended, new byte[0], new byte[0], fields);
    }

    @Test
    void shouldKeepEveryPartitionInOffsetOrderOnTheKnownAtAxis() {
        // Given records of two partitions of two topics, read in no particular order, one appended
        // with an earlier broker timestamp than the record before it
        final RawRecord school0 = record(0, 0, 0, 100, null);
        final RawRecord training0 = record(1, 0, 0, 100, 3_000L);
        final RawRecord training0Next = record(1, 0, 1, 99, 1_000L);
        final RawRecord training1 = record(1, 1, 0, 101, 1_500L);
        final RawRecord staff0 = record(4, 0, 0, 100, 2_000L);
        final List<RawRecord> records = new ArrayList<>(List.of(staff0, training1, training0Next, training0, school0));

        // When they are sorted for the known-at axis
        ReplayOrder.sort(records, Axis.KNOWN_AT);

        // Then every partition is in offset order, whatever the timestamps and event times say
        assertThat(records).containsExactly(school0, training0, training0Next, training1, staff0);
    }

    @Test
    void shouldOrderEventTimeWithEverySchoolFirstThenByOccurredAt() {
        // Given a school version appended last and events out of event-time order
        final RawRecord late = record(2, 0, 5, 500, 10L);
        final RawRecord early = record(1, 0, 1, 100, 20L);
        final RawRecord tie = record(4, 0, 0, 50, 20L);
        final RawRecord school = record(0, 0, 9, 900, null);
        final List<RawRecord> records = new ArrayList<>(List.of(late, early, tie, school));

        // When they are sorted for the event-time axis
        ReplayOrder.sort(records, Axis.EVENT_TIME);

        // Then the school comes first, then events by occurredAt, ties by topic order
        assertThat(records).containsExactly(school, late, early, tie);
    }

    @Test
    void shouldKeepSchoolsAndEventsThatHappenedByTheInstantOnTheEventTimeAxis() {
        // Given a school appended after the instant, an event that happened before it and one after
        final RawRecord school = record(0, 0, 0, 1_000, null);
        final RawRecord before = record(1, 0, 1, 2_000, 400L);
        final RawRecord atInstant = record(1, 0, 2, 2_000, 500L);
        final RawRecord after = record(1, 0, 3, 100, 501L);

        // When the event-time selection is made at 500 ms
        final List<RawRecord> kept = SourceReplay.happenedBy(List.of(school, before, atInstant, after),
                Instant.ofEpochMilli(500));

        // Then everything that happened by the instant is kept, whenever it was appended
        assertThat(kept).containsExactly(school, before, atInstant);
    }
}
