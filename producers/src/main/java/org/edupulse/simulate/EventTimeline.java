package org.edupulse.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Collects a history's events with their event times and turns them into publish order: mostly
 * by event time, with some events published late (minutes to days after they happened) and a few
 * sent twice (the very same record, as a publisher retrying a send would), as field offices do. Also hands out the globally unique event ids.
 */
final class EventTimeline {

    private final List<Entry> entries = new ArrayList<>();
    /** Events published at their event time, never late nor resent, and outside the draws of the others. */
    private final List<Entry> onTime = new ArrayList<>();
    private final String eventIdPrefix;
    private long eventNumber;

    EventTimeline(final String eventIdPrefix) {
        this.eventIdPrefix = eventIdPrefix;
    }

    String nextEventId() {
        eventNumber++;
        return String.format("%s%09d", eventIdPrefix, eventNumber);
    }

    void add(final Instant occurredAt, final SimulatedEvent event) {
        entries.add(new Entry(occurredAt.toEpochMilli(), occurredAt.toEpochMilli(), entries.size(), event));
    }

    /**
     * Adds an event that is published when it happens, neither late nor twice. The draws that make
     * the other events late or resent do not see it, so adding such events changes no other event's
     * place in publish order.
     */
    void addOnTime(final Instant occurredAt, final SimulatedEvent event) {
        onTime.add(new Entry(occurredAt.toEpochMilli(), occurredAt.toEpochMilli(), Long.MAX_VALUE / 2 + onTime.size(),
                event));
    }

    int size() {
        return entries.size() + onTime.size();
    }

    /** The events in publish order, with late and duplicated events mixed in. */
    List<SimulatedEvent> inPublishOrder(final SplittableRandom random, final double lateShare,
                                        final double duplicateShare) {
        final List<Entry> published = new ArrayList<>(entries);
        final int n = published.size();
        if (n > 0) {
            for (final int i : distinctIndices(random, n, share(n, lateShare))) {
                final Entry e = published.get(i);
                published.set(i, new Entry(e.occurredAt(), e.occurredAt() + lateness(random), e.seq(), e.event()));
            }
            for (final int i : distinctIndices(random, n, share(n, duplicateShare))) {
                final Entry e = published.get(i);
                final long resentAfter = Duration.ofSeconds(1 + random.nextLong(6 * 3600)).toMillis();
                published.add(new Entry(e.occurredAt(), e.publishAt() + resentAfter, n + published.size(),
                        e.event()));
            }
        }
        published.addAll(onTime);
        published.sort(Comparator.comparingLong(Entry::publishAt).thenComparingLong(Entry::seq));
        final List<SimulatedEvent> events = new ArrayList<>(published.size());
        published.forEach(e -> events.add(e.event()));
        return events;
    }

    private static int share(final int n, final double share) {
        return Math.min(n, Math.max(1, (int) Math.round(n * share)));
    }

    /** Mostly minutes to hours; a third of late events arrive hours to four days late. */
    private static long lateness(final SplittableRandom random) {
        if (random.nextDouble() < 0.67) {
            return Duration.ofMinutes(5 + random.nextLong(235)).toMillis();
        }
        return Duration.ofHours(4).toMillis() + random.nextLong(Duration.ofHours(92).toMillis());
    }

    private static List<Integer> distinctIndices(final SplittableRandom random, final int n, final int count) {
        final boolean[] taken = new boolean[n];
        final List<Integer> indices = new ArrayList<>(count);
        while (indices.size() < count) {
            final int i = random.nextInt(n);
            if (!taken[i]) {
                taken[i] = true;
                indices.add(i);
            }
        }
        return indices;
    }

    private record Entry(long occurredAt, long publishAt, long seq, SimulatedEvent event) {
    }
}
