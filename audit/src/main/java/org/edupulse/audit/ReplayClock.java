package org.edupulse.audit;

/**
 * The record timestamps an event-time replay gives the topology (a known-at replay keeps each
 * record's append time, as the live task read it). On the event-time axis the log is replayed as if
 * every event had arrived when it occurred: each task merges its partitions by these timestamps, and
 * the ingest step's clocks run on them. So an event is stamped {@code min(append time, occurredAt)},
 * which keeps the ingest step's future-timestamp check exactly as it was live (it compares occurredAt
 * with the record timestamp plus the allowed skew), and a record that only carries reference data, or
 * that the check will reject, is stamped {@code min(append time, replay clock)} so it does not move
 * stream time.
 */
final class ReplayClock {

    private final long maxFutureSkewMillis;
    private long clock;

    ReplayClock(final long maxFutureSkewMillis) {
        this.maxFutureSkewMillis = maxFutureSkewMillis;
    }

    /** The timestamp to feed {@code record} at; advances the clock. */
    long timestampFor(final RawRecord record) {
        final Long occurredAt = record.decoded() == null ? null : record.decoded().occurredAt();
        final long append = record.timestamp();
        final long timestamp;
        if (occurredAt == null || occurredAt > append + maxFutureSkewMillis) {
            timestamp = Math.min(append, clock);
        } else {
            timestamp = Math.min(append, occurredAt);
        }
        clock = Math.max(clock, timestamp);
        return timestamp;
    }

    /** The greatest timestamp fed so far. */
    long now() {
        return clock;
    }
}
