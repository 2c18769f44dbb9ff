package org.edupulse.bench;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides, from the outside, that an exactly-once Streams application has committed everything its
 * inputs imply: no transaction of the application is open, every input partition's committed offset
 * is at its end, and every repartition partition is consumed up to its last commit marker. Offsets
 * commit in the same transaction as the outputs, so this is "every output committed".
 */
final class CaughtUp {

    private static final Set<TransactionState> CLOSED = EnumSet.of(TransactionState.COMPLETE_COMMIT,
            TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);

    private final BenchBroker broker;
    private final String applicationId;
    private final Map<TopicPartition, Long> inputEnds;

    /** @param inputEnds end offsets of the (non-transactional) input partitions */
    CaughtUp(final BenchBroker broker, final String applicationId, final Map<TopicPartition, Long> inputEnds) {
        this.broker = broker;
        this.applicationId = applicationId;
        this.inputEnds = Map.copyOf(inputEnds);
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
        // Transactions first: a transaction opening after this check would have to process input
        // whose offsets are then still uncommitted, which the offset check below sees.
        final Collection<TransactionListing> transactions = BenchBroker.get(broker.admin().listTransactions().all());
        for (final TransactionListing t : transactions) {
            if (t.transactionalId().startsWith(applicationId + "-") && !CLOSED.contains(t.state())) {
                return false;
            }
        }
        final Map<TopicPartition, OffsetAndMetadata> committed = BenchBroker.get(
                broker.admin().listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata());
        for (final Map.Entry<TopicPartition, Long> input : inputEnds.entrySet()) {
            if (input.getValue() > 0 && offset(committed, input.getKey()) < input.getValue()) {
                return false;
            }
        }
        final Set<String> repartitions = BenchBroker.get(broker.admin().listTopics().names()).stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition"))
                .collect(java.util.stream.Collectors.toSet());
        if (repartitions.isEmpty()) {
            return false;
        }
        final List<TopicPartition> partitions = broker.partitions(repartitions);
        final Map<TopicPartition, Long> ends = broker.endOffsets(partitions, false);
        for (final TopicPartition tp : partitions) {
            // With no transaction open, the last offset of a transactional partition is a commit
            // marker, which the consumer may not have stepped over yet.
            if (offset(committed, tp) < ends.get(tp) - 1) {
                return false;
            }
        }
        return true;
    }

    private static long offset(final Map<TopicPartition, OffsetAndMetadata> committed, final TopicPartition tp) {
        final OffsetAndMetadata o = committed.get(tp);
        return o == null ? 0 : o.offset();
    }
}
