package org.edupulse.simulate;

import java.util.SplittableRandom;

/** Seeded draws the history writers share: which entities get noise, and how many. */
final class Draws {

    private Draws() {
    }

    /** A seeded random permutation of {@code 0..n-1}. */
    static int[] permutation(final SplittableRandom random, final int n) {
        final int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** A rounded count of noisy entities, never zero, so every kind of noise is present. */
    static int atLeastOne(final double amount) {
        return Math.max(1, (int) Math.round(amount));
    }
}
