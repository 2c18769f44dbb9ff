package org.edupulse.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the indicators application does when one of its stream threads dies: replace the thread
 * when a new one can succeed, end this client (state ERROR, so that liveness fails and the
 * {@code pipeline} command exits for its supervisor to restart it) when it cannot.
 *
 * <p><b>Fatal</b> (the client shuts down at once), because a new thread would fail the same way
 * for a reason outside the data, and only an operator or a fresh process can fix it:
 * <ul>
 *   <li>an {@link Error} (out of memory, a class missing from the jar): the JVM itself is unsound;</li>
 *   <li>{@link MissingSourceTopicException}: a catalog topic is gone, or not created yet at start-up
 *       (run {@code topics create}; the supervisor's restart then finds it);</li>
 *   <li>{@link AuthenticationException}, {@link AuthorizationException}: credentials or ACLs;</li>
 *   <li>{@link ConfigException}, {@link InvalidConfigurationException},
 *       {@link UnsupportedVersionException}: settings or a broker this client cannot work with.</li>
 * </ul>
 * <b>Transient</b> (the thread is replaced; its tasks restart from the last committed transaction,
 * so exactly-once holds): everything else, e.g. a broker timeout, a failed commit or a fenced
 * producer surfaced as an exception. A deterministic failure on one record (a poison record) also
 * lands here and would kill every new thread: so at most {@code maxReplacements} threads are
 * replaced within any {@code window}; the next death in that window shuts the client down instead
 * of looping for ever.
 */
final class StreamThreadFailures implements StreamsUncaughtExceptionHandler {

    /** Thread replacements allowed within {@link #DEFAULT_WINDOW}; one more death ends the client. */
    static final int DEFAULT_MAX_REPLACEMENTS = 5;
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailures.class);
    /** Deep enough for StreamsException(TaskException(KafkaException(cause))) chains, bounded against cycles. */
    private static final int MAX_CAUSE_DEPTH = 16;

    private final int maxReplacements;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    /** {@link #nanoTime} of each replacement still within the window, oldest first. */
    private final Deque<Long> replacements = new ArrayDeque<>();

    StreamThreadFailures(final int maxReplacements, final Duration window, final LongSupplier nanoTime) {
        if (maxReplacements < 0) {
            throw new IllegalArgumentException("maxReplacements must be 0 or more, was " + maxReplacements);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.maxReplacements = maxReplacements;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    StreamThreadFailures() {
        this(DEFAULT_MAX_REPLACEMENTS, DEFAULT_WINDOW, System::nanoTime);
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(final Throwable exception) {
        final Throwable fatal = fatalCause(exception);
        if (fatal != null) {
            LOG.error("A stream thread died of {}: a new thread would fail the same way, shutting this Streams client"
                    + " down", fatal.getClass().getSimpleName(), exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        final long now = nanoTime.getAsLong();
        while (!replacements.isEmpty() && now - replacements.peekFirst() >= windowNanos) {
            replacements.removeFirst();
        }
        if (replacements.size() >= maxReplacements) {
            LOG.error("A stream thread died again after {} replacements within {}: shutting this Streams client down"
                    + " rather than replacing threads for ever", replacements.size(), Duration.ofNanos(windowNanos),
                    exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacements.addLast(now);
        LOG.error("A stream thread died ({} of {} replacements within {}): replacing it", replacements.size(),
                maxReplacements, Duration.ofNanos(windowNanos), exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** The first fatal throwable in {@code exception}'s cause chain, or null when none is. */
    static Throwable fatalCause(final Throwable exception) {
        Throwable current = exception;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (current instanceof Error
                    || current instanceof MissingSourceTopicException
                    || current instanceof AuthenticationException
                    || current instanceof AuthorizationException
                    || current instanceof ConfigException
                    || current instanceof InvalidConfigurationException
                    || current instanceof UnsupportedVersionException) {
                return current;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return null;
    }
}
