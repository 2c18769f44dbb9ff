package org.edupulse.app;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.edupulse.platform.CommitProgress;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * When the demo may say it is ready: once every record its inputs held when asked is reflected in what
 * it serves. The history is in the raw topics, acknowledged, before this is asked; so, in this order:
 * <ol>
 *   <li>the end offsets of every partition of the application's inputs ({@link #INPUTS}) are taken;</li>
 *   <li>{@link CommitProgress} says caught up: no transaction of the application is open, each input
 *       partition's committed offset is at its end, and each repartition partition is consumed up to
 *       its last commit marker. Offsets commit in the transaction that writes the stores' changelogs and
 *       the output topics, so every state store the API answers from (units, districts, provinces) and
 *       every output topic then holds what those records make;</li>
 *   <li>every reader of the query server has read its topic to its end (the hierarchy, the history, the
 *       ledgers), see {@link Pipeline#syncReaders()}.</li>
 * </ol>
 * Not awaited: the per-period series, which the pipeline publishes in batches by a wall-clock
 * punctuation once a unit has been quiet for 5 s (at the latest 20 s after its first change).
 */
final class HistoryReflected {

    /** The topics the indicators application reads: the school reference records and the raw events. */
    static final List<Topic<String, ?>> INPUTS = Topics.INDICATOR_INPUTS;

    /** Kafka offers no notification of a commit: the progress is read again after this pause. */
    private static final Duration POLL = Duration.ofMillis(50);

    /** What a wait ended with: reflected, or the last progress seen. */
    record Outcome(boolean reflected, String detail) {
    }

    private HistoryReflected() {
    }

    /**
     * Waits until the history is reflected (see the class comment), for at most {@code timeout}; gives
     * up early when {@code stop} opens. {@code syncReaders} starts step 3 and returns its completion.
     */
    static Outcome await(final Admin admin, final String applicationId,
                         final Supplier<CompletableFuture<Void>> syncReaders,
                         final Duration timeout, final StopSignal stop) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final CommitProgress progress = CommitProgress.toEndsNow(admin, applicationId,
                INPUTS.stream().map(Topic::name).toList());
        CommitProgress.Snapshot last = null;
        while (true) {
            if (stop.isStopped()) {
                return new Outcome(false, "stopped");
            }
            last = progress.read();
            if (last.caughtUp()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                return new Outcome(false, "the application has not committed all of its input (" + last + ")");
            }
            stop.await(POLL);
        }
        try {
            syncReaders.get().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (final TimeoutException e) {
            return new Outcome(false, "the query server's readers have not read their topics to the end");
        } catch (final ExecutionException e) {
            return new Outcome(false, "a reader of the query server stopped: " + e.getCause().getMessage());
        }
        return new Outcome(true, last.toString());
    }
}
