package org.edupulse.streams;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.streams.state.MonthCount;

/**
 * Counters per owner (a school, or a unit keyed {@code LEVEL:unitId}) and calendar month, one store
 * entry each, keyed {@code owner|month}: a change reads and writes the counters of its one month, not
 * the owner's whole list of months. The month is written as eight hex digits with the sign bit flipped,
 * so the store's byte order is month order and a prefix scan gives an owner's months sorted.
 */
final class MonthCounts {

    private static final int MONTH_WIDTH = 8;
    private static final StringSerializer KEYS = new StringSerializer();

    private MonthCounts() {
    }

    static String key(final String owner, final int month) {
        final String hex = Integer.toHexString(month ^ Integer.MIN_VALUE);
        return owner + "|" + "00000000".substring(hex.length()) + hex;
    }

    /** Adds {@code counts} to the owner's counters of {@code month}. */
    static void add(final KeyValueStore<String, MonthCount> store, final String owner, final int month,
                    final List<Long> counts) {
        final String key = key(owner, month);
        final MonthCount stored = store.get(key);
        if (stored == null) {
            store.put(key, new MonthCount(month, new ArrayList<>(counts)));
            return;
        }
        store.put(key, new MonthCount(month, sum(stored.getCounts(), counts)));
    }

    /**
     * The owner's months, in month order. Only keys of exactly the owner's length plus one month are
     * the owner's: an id may itself contain {@code |}, so the prefix alone could also match another owner.
     */
    static List<MonthCount> of(final KeyValueStore<String, MonthCount> store, final String owner) {
        final String prefix = owner + "|";
        final int length = prefix.length() + MONTH_WIDTH;
        final List<MonthCount> months = new ArrayList<>();
        try (KeyValueIterator<String, MonthCount> it = store.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(entry -> {
                if (entry.key.length() == length) {
                    months.add(entry.value);
                }
            });
        }
        return months;
    }

    /** {@code months} (sorted) with {@code counts} added to {@code month}. */
    static List<MonthCount> withChange(final List<MonthCount> months, final int month, final List<Long> counts) {
        final List<MonthCount> result = new ArrayList<>(months.size() + 1);
        boolean added = false;
        for (final MonthCount bucket : months) {
            if (!added && bucket.getMonth() >= month) {
                if (bucket.getMonth() == month) {
                    result.add(new MonthCount(month, sum(bucket.getCounts(), counts)));
                    added = true;
                    continue;
                }
                result.add(new MonthCount(month, new ArrayList<>(counts)));
                added = true;
            }
            result.add(bucket);
        }
        if (!added) {
            result.add(new MonthCount(month, new ArrayList<>(counts)));
        }
        return result;
    }

    /** Two counter lists added up by index (the longer one's extra counters kept). */
    static List<Long> sum(final List<Long> a, final List<Long> b) {
        final List<Long> sum = new ArrayList<>(a.size() >= b.size() ? a : b);
        final List<Long> other = a.size() >= b.size() ? b : a;
        for (int i = 0; i < other.size(); i++) {
            sum.set(i, sum.get(i) + other.get(i));
        }
        return sum;
    }
}
