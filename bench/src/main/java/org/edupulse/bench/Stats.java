package org.edupulse.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Order statistics of a sample, the only summaries the benchmark reports: medians over
 * repetitions (robust to one repetition hit by a neighbour's build) and percentiles of latencies.
 */
public final class Stats {

    private Stats() {
    }

    /** The median; the mean of the two middle values for an even count. */
    public static double median(final Collection<? extends Number> values) {
        final double[] sorted = sorted(values);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * The nearest-rank percentile: the smallest value with at least {@code p} percent of the sample
     * at or below it, so p99 of 1,000 latencies is the 990th smallest and p100 the maximum.
     */
    public static double percentile(final Collection<? extends Number> values, final double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        final double[] sorted = sorted(values);
        final int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    private static double[] sorted(final Collection<? extends Number> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        final double[] sorted = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }
}
