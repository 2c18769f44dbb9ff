package org.edupulse.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * What a start-up has started so far. When a later step fails, {@link #closeAfter} closes all of it,
 * the last started first, so that a failed start leaves no thread, port or state-directory lock
 * behind, and the step's own exception still says why it failed (each failure to close is added to
 * it as suppressed, as try-with-resources does).
 */
final class StartedParts {

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();

    /** Records {@code part} as started, to be closed if a later step fails; returns it. */
    <T extends AutoCloseable> T add(final T part) {
        parts.push(Objects.requireNonNull(part, "part"));
        return part;
    }

    /**
     * Closes every part, the last added first, each even if an earlier one failed to close; each
     * failure to close is added to {@code failure} as suppressed. The caller rethrows {@code failure}.
     */
    void closeAfter(final Throwable failure) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (final Throwable closeFailed) {
                if (closeFailed instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                failure.addSuppressed(closeFailed);
            }
        }
    }
}
