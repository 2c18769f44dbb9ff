package org.edupulse.bench;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Attributes published IndicatorSets to the events that caused them. Every event sent carries a
 * unique, increasing occurredAt (one millisecond apart at least), and a district's IndicatorSet
 * carries {@code asOf}, the latest occurredAt that contributed to it. So an event of district D
 * sent at occurredAt T is readable from the first IndicatorSet of D read with {@code asOf ≥ T}:
 * its latency is that read time minus its send time. Several events share one IndicatorSet when
 * the record cache folds them into one commit; each gets its own latency.
 */
public final class LatencyTracker {

    private record Pending(long occurredAtMillis, long sentNanos) {
    }

    private final Map<String, Deque<Pending>> pending = new HashMap<>();
    private final List<Double> latenciesMs = new ArrayList<>();

    /** An event of {@code unitId} with this occurredAt was handed to the producer at {@code sentNanos}. */
    public synchronized void sent(final String unitId, final long occurredAtMillis, final long sentNanos) {
        pending.computeIfAbsent(unitId, id -> new ArrayDeque<>()).addLast(new Pending(occurredAtMillis, sentNanos));
    }

    /** An IndicatorSet of {@code unitId} with {@code asOfMillis} became readable at {@code readNanos}. */
    public synchronized void read(final String unitId, final long asOfMillis, final long readNanos) {
        final Deque<Pending> queue = pending.get(unitId);
        while (queue != null && !queue.isEmpty() && queue.peekFirst().occurredAtMillis() <= asOfMillis) {
            latenciesMs.add((readNanos - queue.pollFirst().sentNanos()) / 1e6);
        }
    }

    /** Events sent whose IndicatorSet has not been read yet. */
    public synchronized int pendingCount() {
        return pending.values().stream().mapToInt(Deque::size).sum();
    }

    /** Latencies of the events attributed so far, ms, and forgets them (one repetition's worth). */
    public synchronized List<Double> drainLatencies() {
        final List<Double> drained = new ArrayList<>(latenciesMs);
        latenciesMs.clear();
        return drained;
    }

    /** Drops the still-pending events, counting them as taking {@code timeoutMs}; returns how many. */
    public synchronized int expire(final double timeoutMs) {
        final int count = pendingCount();
        for (int i = 0; i < count; i++) {
            latenciesMs.add(timeoutMs);
        }
        pending.clear();
        return count;
    }
}
