package org.edupulse.tail;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a {@link CompactedTail} starts reading each partition of its topic: from the beginning (a
 * whole topic into memory), from the end (a live feed that only wants what is published from now
 * on), or from the first record at most {@code lookBack} old in record time (a window of history).
 *
 * @param kind     which of the three
 * @param lookBack for {@link Kind#LOOK_BACK}: how far before the start, in record time; null otherwise
 */
public record TailStart(Kind kind, Duration lookBack) {

    /** Where to start. */
    public enum Kind { BEGINNING, END, LOOK_BACK }

    private static final TailStart BEGINNING = new TailStart(Kind.BEGINNING, null);
    private static final TailStart END = new TailStart(Kind.END, null);

    public TailStart {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.LOOK_BACK) {
            Objects.requireNonNull(lookBack, "lookBack");
            if (lookBack.isNegative()) {
                throw new IllegalArgumentException("lookBack must not be negative, was " + lookBack);
            }
        } else if (lookBack != null) {
            throw new IllegalArgumentException("lookBack is for " + Kind.LOOK_BACK + " only, not " + kind);
        }
    }

    /** Every record the topic holds, then what follows: the default. */
    public static TailStart beginning() {
        return BEGINNING;
    }

    /** Only what is written after the tail has positioned itself. */
    public static TailStart end() {
        return END;
    }

    /** Records whose timestamp is at most {@code window} before the start, then what follows. */
    public static TailStart lookBack(final Duration window) {
        return new TailStart(Kind.LOOK_BACK, window);
    }
}
