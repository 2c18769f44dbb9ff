package org.edupulse.audit;

import java.util.Comparator;
import java.util.List;

/**
 * The order records are copied to the replay's broker; what counts is the order within each
 * partition, since Kafka Streams then merges a task's partitions by record timestamp as it did live.
 * Known-at: the log as it is, every partition in offset order. Event-time: every school version
 * first (reference data must be loaded before the events that name it; effective dates then take
 * over inside the topology), then events by occurredAt. Ties break on a fixed topic order, the
 * partition and the offset, so the order, and with it every result, is a function of the log alone.
 */
final class ReplayOrder {

    /** The log's own order; across topics, school reference first, then the raw event topics in catalog order. */
    static final Comparator<RawRecord> COORDINATES = Comparator.comparingInt(RawRecord::topicRank)
            .thenComparingInt(RawRecord::partition)
            .thenComparingLong(RawRecord::offset);

    static final Comparator<RawRecord> EVENT_TIME = Comparator.comparing((RawRecord r) -> !r.isSchool())
            .thenComparingLong(r -> r.isSchool() ? r.timestamp() : r.eventTimeOr(r.timestamp()))
            .thenComparing(COORDINATES);

    private ReplayOrder() {
    }

    static Comparator<RawRecord> of(final Axis axis) {
        return axis == Axis.KNOWN_AT ? COORDINATES : EVENT_TIME;
    }

    static void sort(final List<RawRecord> records, final Axis axis) {
        records.sort(of(axis));
    }
}
