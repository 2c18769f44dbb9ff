package org.edupulse.tail;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link CompactedTail} behaves when reading fails, and when it calls itself stale. A tail
 * never stops on an error: it waits {@code initialBackoff}, doubling up to {@code maxBackoff}
 * while failures go on, and starts again at {@code initialBackoff} after a good poll.
 *
 * @param initialBackoff first wait after a failure
 * @param maxBackoff     longest wait between attempts
 * @param staleAfter     a tail whose last successful poll is older than this is not healthy
 */
public record TailPolicy(Duration initialBackoff, Duration maxBackoff, Duration staleAfter) {

    /** 100 ms doubling to 5 s; stale after 30 s without a successful poll. */
    public static final TailPolicy DEFAULT = new TailPolicy(Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    public TailPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("initialBackoff must be positive, was " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
        }
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, was " + staleAfter);
        }
    }

    /** The wait after {@code current}: doubled, at most {@link #maxBackoff()}. */
    Duration next(final Duration current) {
        final Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
    }
}
