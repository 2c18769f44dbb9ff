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
    void shouldOrderKnownAtByAppendTimeThenSchoolsFirstThenTopicPartitionOffset() {
        // Given records appended in the same millisecond on several topics and partitions, and one earlier
        final RawRecord staffP0 = record(4, 0, 7, 100, 50L);
        final RawRecord trainingP1 = record(1, 1, 3, 100, 10L);
        final RawRecord trainingP0Late = record(1, 0, 9, 100, 90L);
        final RawRecord trainingP0 = record(1, 0, 8, 100, 95L);
        final RawRecord school = record(0, 2, 1, 100, null);
        final RawRecord earliest = record(3, 2, 0, 99, 99L);
        final List<RawRecord> records = new ArrayList<>(List.of(staffP0, trainingP1, trainingP0Late, trainingP0,
                school, earliest));

        // When they are sorted for the known-at axis
        ReplayOrder.sort(records, Axis.KNOWN_AT);

        // Then append time decides first, then the school, the topic order, the partition and the offset
        assertThat(records).containsExactly(earliest, school, trainingP0, trainingP0Late, trainingP1, staffP0);
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
