package org.edupulse.audit;

/**
 * The record timestamps a replay gives the topology. The driver runs every sub-topology in one
 * task, so one stream time drives everything, including the training windows; the live
 * application's flow task sees only the event times the ingest step stamps. Feeding broker append
 * times (the wall clock of an import, perhaps years after the events) would move the replayed
 * windows to that day. So an event is fed at {@code min(append time, occurredAt)}, which keeps the
 * ingest step's future-timestamp check exactly as it was live (it compares occurredAt with the record
 * timestamp plus the allowed skew), and a record that only carries reference data, or that the check
 * will reject, is fed at {@code min(append time, replay clock)} so it does not move stream time.
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
