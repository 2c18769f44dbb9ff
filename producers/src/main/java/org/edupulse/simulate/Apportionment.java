package org.edupulse.simulate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits a whole number over weighted parts so that the parts sum to it exactly (the largest
 * remainder method). This is how a province-wide target becomes exact district and school counts.
 */
final class Apportionment {

    private Apportionment() {
    }

    /** Parts proportional to the weights, summing to {@code total}; ties go to the lower index. */
    static int[] largestRemainder(final int total, final double[] weights) {
        final double sum = Arrays.stream(weights).sum();
        if (total < 0 || weights.length == 0 || (total > 0 && sum <= 0)) {
            throw new IllegalArgumentException("cannot apportion " + total + " over " + weights.length + " parts");
        }
        final int[] parts = new int[weights.length];
        final double[] remainders = new double[weights.length];
        int given = 0;
        for (int i = 0; i < weights.length; i++) {
            final double exact = sum == 0 ? 0 : total * weights[i] / sum;
            parts[i] = (int) Math.floor(exact);
            remainders[i] = exact - parts[i];
            given += parts[i];
        }
        final int[] byRemainder = IntStream.range(0, weights.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -remainders[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; given < total; k++, given++) {
            parts[byRemainder[k % byRemainder.length]]++;
        }
        return parts;
    }
}
