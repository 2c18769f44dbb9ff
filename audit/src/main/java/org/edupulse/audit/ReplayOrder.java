package org.edupulse.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The order records are fed to the topology. Known-at: each live task's input (partition p of
 * every co-partitioned raw topic) in broker append order, as that task met it, and the tasks merged
 * by the event time of their next record, because the driver keeps one clock and one id store where
 * the live application keeps one per task; merging by append time alone would let one partition's
 * whole import batch (one append timestamp) run years ahead of another's and expire the other's ids
 * from the 400-day de-duplication store. Event-time: every school version first (reference data must
 * be loaded before the events that name it; effective dates then take over inside the topology),
 * then events by occurredAt. Ties break on a fixed topic order, the partition and the offset, so the
 * order, and with it every result, is a function of the log alone.
 */
final class ReplayOrder {

    /** Ties after time: school reference first, then the raw event topics in catalog order. */
    static final Comparator<RawRecord> COORDINATES = Comparator.comparingInt(RawRecord::topicRank)
            .thenComparingInt(RawRecord::partition)
            .thenComparingLong(RawRecord::offset);

    static final Comparator<RawRecord> KNOWN_AT = Comparator.comparingLong(RawRecord::timestamp).thenComparing(COORDINATES);

    static final Comparator<RawRecord> EVENT_TIME = Comparator.comparing((RawRecord r) -> !r.isSchool())
            .thenComparingLong(r -> r.isSchool() ? r.timestamp() : r.eventTimeOr(r.timestamp()))
            .thenComparing(COORDINATES);

    private ReplayOrder() {
    }

    static Comparator<RawRecord> of(final Axis axis) {
        return axis == Axis.KNOWN_AT ? KNOWN_AT : EVENT_TIME;
    }

    static void sort(final List<RawRecord> records, final Axis axis) {
        if (axis == Axis.EVENT_TIME) {
            records.sort(EVENT_TIME);
            return;
        }
        final Map<Integer, List<RawRecord>> byTask = new TreeMap<>();
        records.forEach(r -> byTask.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r));
        byTask.values().forEach(task -> task.sort(KNOWN_AT));
        final List<Iterator<RawRecord>> tasks = byTask.values().stream().map(List::iterator).toList();
        final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingLong(Head::key)
                .thenComparingInt(h -> h.record().partition()));
        for (final Iterator<RawRecord> task : tasks) {
            heads.add(Head.of(task.next(), task));
        }
        records.clear();
        while (!heads.isEmpty()) {
            final Head head = heads.poll();
            records.add(head.record());
            if (head.rest().hasNext()) {
                heads.add(Head.of(head.rest().next(), head.rest()));
            }
        }
    }

    /** A task's next record; reference data goes first, since it moves no clock. */
    private record Head(long key, RawRecord record, Iterator<RawRecord> rest) {
        static Head of(final RawRecord record, final Iterator<RawRecord> rest) {
            return new Head(record.isSchool() ? Long.MIN_VALUE : record.eventTimeOr(record.timestamp()), record, rest);
        }
    }
}
