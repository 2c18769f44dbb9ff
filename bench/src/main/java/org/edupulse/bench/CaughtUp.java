package org.edupulse.bench;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.platform.CommitProgress;

/**
 * Decides, from the outside, that an exactly-once Streams application has committed everything its
 * inputs imply (see {@link CommitProgress}): every output committed.
 */
final class CaughtUp {

    private final CommitProgress progress;

    /** @param inputEnds end offsets of the (non-transactional) input partitions */
    CaughtUp(final BenchBroker broker, final String applicationId, final Map<TopicPartition, Long> inputEnds) {
        this.progress = new CommitProgress(broker.admin(), applicationId, inputEnds);
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
        return progress.read().caughtUp();
    }
}
