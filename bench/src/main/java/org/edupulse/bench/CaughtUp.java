package org.edupulse.bench;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.platform.CommitProgress;

/**
 * Decides, from the outside, that an exactly-once Streams application has committed everything its
 * inputs imply (see {@link CommitProgress}): every output committed.
 */
final class CaughtUp {

    private final CommitProgress progress;
    /** The inputs' records, when the application has no repartition topic; else -1. */
    private final long inputsAlone;

    /** @param inputEnds end offsets of the (non-transactional) input partitions */
    CaughtUp(final BenchBroker broker, final String applicationId, final Map<TopicPartition, Long> inputEnds) {
        this(broker, applicationId, inputEnds, -1);
    }

    private CaughtUp(final BenchBroker broker, final String applicationId, final Map<TopicPartition, Long> inputEnds,
                     final long inputsAlone) {
        this.progress = new CommitProgress(broker.admin(), applicationId, inputEnds);
        this.inputsAlone = inputsAlone;
    }

    /**
     * For an application without repartition topics, which {@link CommitProgress} waits for: caught up once the
     * inputs' offsets are committed, since they commit in the transaction of the outputs they led to.
     */
    static CaughtUp withoutRepartitions(final BenchBroker broker, final String applicationId,
                                        final Map<TopicPartition, Long> inputEnds) {
        return new CaughtUp(broker, applicationId, inputEnds,
                inputEnds.values().stream().mapToLong(Long::longValue).sum());
    }

    /**
     * Starts an application on the loaded raw topics and returns the seconds until every output of their
     * {@code events} is committed; throws, naming its {@code state}, when that takes longer than {@code events} /
     * 200 seconds (at least 120: on a shared machine under load 10 a catch-up fell below 1,000 events/s).
     *
     * @param repartitions whether the application has repartition topics (see {@link #withoutRepartitions})
     */
    static double secondsToCatchUp(final BenchBroker broker, final String applicationId, final boolean repartitions,
                                   final long events, final Runnable start, final Supplier<?> state) {
        final Map<TopicPartition, Long> ends = broker.endOffsets(broker.partitions(BenchBroker.INPUT_NAMES), false);
        final CaughtUp caughtUp = repartitions ? new CaughtUp(broker, applicationId, ends)
                : withoutRepartitions(broker, applicationId, ends);
        final long started = System.nanoTime();
        start.run();
        final Duration timeout = Duration.ofSeconds(Math.max(120, events / 200));
        if (!caughtUp.await(timeout)) {
            throw new IllegalStateException(applicationId + " not caught up within " + timeout + " (state "
                    + state.get() + ")");
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Polls every 50 ms until caught up; returns false when {@code timeout} passes first. */
    boolean await(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (isCaughtUp()) {
                return true;
            }
            BenchBroker.pause(50);
        }
        return false;
    }

    boolean isCaughtUp() {
        final CommitProgress.Snapshot snapshot = progress.read();
        return inputsAlone < 0 ? snapshot.caughtUp() : snapshot.inputCommitted() >= inputsAlone;
    }
}
