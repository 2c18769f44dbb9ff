package org.edupulse.platform;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads from the outside how far an exactly-once Streams application has committed what its inputs
 * imply: caught up when no transaction of it is open, every input partition's committed offset is at
 * the end given for it, and every repartition partition is consumed up to its last commit marker
 * (which the consumer may not have stepped over yet). Offsets commit in the same transaction as the
 * outputs, so caught up means every output committed. Used by the replay and the benchmarks.
 */
public final class CommitProgress {

    private static final Set<TransactionState> CLOSED = EnumSet.of(TransactionState.COMPLETE_COMMIT,
            TransactionState.COMPLETE_ABORT, TransactionState.EMPTY);

    private final Admin admin;
    private final String applicationId;
    private final Map<TopicPartition, Long> inputEnds;

    /** @param inputEnds end offsets of the application's (non-transactional) input partitions */
    public CommitProgress(final Admin admin, final String applicationId, final Map<TopicPartition, Long> inputEnds) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.inputEnds = Map.copyOf(inputEnds);
    }

    /**
     * The progress towards the end every partition of {@code inputTopics} has now: caught up once the application
     * has committed all that those topics hold at this call.
     */
    public static CommitProgress toEndsNow(final Admin admin, final String applicationId,
                                           final Collection<String> inputTopics) throws InterruptedException {
        try {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(inputTopics).allTopicNames().get().values().forEach(d -> d.partitions().forEach(p ->
                    latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            final Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            return new CommitProgress(admin, applicationId, ends);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not read the end offsets of " + inputTopics + ": "
                    + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The transactions of application {@code applicationId} that are not complete, as "transactionalId=STATE". */
    public static List<String> openTransactions(final Admin admin, final String applicationId) {
        return get(admin.listTransactions().all()).stream()
                .filter(t -> t.transactionalId().startsWith(applicationId + "-"))
                .filter(t -> !CLOSED.contains(t.state()))
                .map(t -> t.transactionalId() + "=" + t.state())
                .toList();
    }

    /**
     * @param caughtUp       whether everything the inputs imply is committed
     * @param inputCommitted committed offsets summed over the input partitions
     * @param committed      committed offsets summed over the input and repartition partitions (it moves
     *                       while the application makes progress)
     */
    public record Snapshot(boolean caughtUp, long inputCommitted, long committed) {
    }

    public Snapshot read() {
        // Transactions first: one opening after this check processes input whose offsets are then
        // still uncommitted, which the offset checks below see.
        boolean caughtUp = openTransactions(admin, applicationId).isEmpty();
        final Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata());
        long inputCommitted = 0;
        for (final Map.Entry<TopicPartition, Long> input : inputEnds.entrySet()) {
            final long position = offset(committed, input.getKey());
            caughtUp &= input.getValue() == 0 || position >= input.getValue();
            inputCommitted += position;
        }
        final List<String> repartitions = get(admin.listTopics().names()).stream()
                .filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition"))
                .toList();
        caughtUp &= !repartitions.isEmpty();
        final List<TopicPartition> partitions = new ArrayList<>();
        get(admin.describeTopics(repartitions).allTopicNames()).values().forEach(d ->
                d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        long total = inputCommitted;
        for (final var end : get(admin.listOffsets(latest).all()).entrySet()) {
            final long position = offset(committed, end.getKey());
            caughtUp &= position >= end.getValue().offset() - 1;
            total += position;
        }
        return new Snapshot(caughtUp, inputCommitted, total);
    }

    private static long offset(final Map<TopicPartition, OffsetAndMetadata> committed, final TopicPartition tp) {
        final OffsetAndMetadata o = committed.get(tp);
        return o == null ? 0 : o.offset();
    }

    private static <T> T get(final KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the progress of an application", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not read the progress of an application: "
                    + e.getCause().getMessage(), e.getCause());
        }
    }
}
