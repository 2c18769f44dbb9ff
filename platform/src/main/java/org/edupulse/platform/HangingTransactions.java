package org.edupulse.platform;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FinalizedVersionRange;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;

/**
 * Finds the transactions a broker still holds open on a partition although their coordinator has
 * finished with them, and aborts those it can abort without breaking exactly-once.
 *
 * <p>Kafka 4.3 and 4.4 leave such a <em>hanging</em> transaction when a transaction coordinator
 * completes a commit or abort while one of its partitions has no leader: the metadata cache answers
 * "no endpoint" for a leaderless partition, which the coordinator takes for a deleted topic, so it
 * drops that partition's marker and records the transaction complete (KAFKA-20734). A single
 * combined node killed during a commit meets this on every restart: it first leads its partitions
 * at the epoch its metadata log ends with, reloads the unfinished commit there, then the controller
 * fences its old incarnation and every partition is leaderless for a moment, just as the coordinator
 * sends the markers. Nothing reads past a hanging transaction in {@code read_committed}: a restarted
 * Streams application waits for its committed offsets for ever.
 *
 * <p>Aborting all of a transaction's partitions is what a crash before the commit would have left:
 * nobody read its records (the last stable offset stopped before them), its offsets are not
 * committed, and Streams processes the same input again. It would not be safe once a commit marker
 * reached one of its partitions, or once its producer went on to a later transaction believing it
 * committed; with transactions v2 both show as the producer's epoch above the open transaction's on
 * some partition, so such a transaction is reported and left alone, as it is when the broker does not
 * run transactions v2 (there markers keep the transaction's epoch and a partial commit cannot be told).
 */
final class HangingTransactions {

    /** Coordinator states in which the coordinator itself will still finish the transaction. */
    private static final Set<TransactionState> OPEN_AT_COORDINATOR = EnumSet.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    /** One producer's transaction left open on one partition. */
    record Open(TopicPartition partition, long producerId, short producerEpoch, int coordinatorEpoch, long startOffset) { }

    /** What {@link #resolve} found: the transactions it aborted, and those it left with the reason. */
    record Outcome(List<Open> aborted, Map<Open, String> left) { }

    private final Admin admin;

    HangingTransactions(final Admin admin) {
        this.admin = admin;
    }

    /** Finds the hanging transactions on every partition of the cluster and aborts those it safely can. */
    Outcome resolve() throws ExecutionException, InterruptedException {
        // The coordinators first: one that has completed a transaction has written (or dropped) all its
        // markers before, so a partition seen open afterwards is not waiting for that coordinator.
        final Map<Long, TransactionDescription> coordinated = coordinatorView();
        final boolean transactionsV2 = transactionsV2();
        final List<TopicPartition> partitions = new ArrayList<>();
        final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        final List<Open> open = new ArrayList<>();
        final Map<Long, Short> highestEpoch = new HashMap<>();
        admin.describeProducers(partitions).all().get().forEach((partition, state) -> state.activeProducers().forEach(p -> {
            highestEpoch.merge(p.producerId(), (short) p.producerEpoch(), (a, b) -> a >= b ? a : b);
            open(partition, p).ifPresent(open::add);
        }));

        final List<Open> aborted = new ArrayList<>();
        final Map<Open, String> left = new HashMap<>();
        for (final Open transaction : open) {
            if (ownedByCoordinator(transaction, coordinated.get(transaction.producerId()))) {
                continue; // not hanging: its coordinator will commit it, abort it or time it out
            }
            final short highest = highestEpoch.get(transaction.producerId());
            if (!transactionsV2) {
                left.put(transaction, "the broker does not run transactions v2, so a partial commit cannot be ruled out");
            } else if (highest > transaction.producerEpoch()) {
                left.put(transaction, "producer " + transaction.producerId() + " is at epoch " + highest
                        + " on another partition: a commit marker may have reached it, or the producer went on");
            } else if (abort(transaction)) {
                aborted.add(transaction);
            }
        }
        return new Outcome(List.copyOf(aborted), Map.copyOf(left));
    }

    private static Optional<Open> open(final TopicPartition partition, final ProducerState state) {
        return state.currentTransactionStartOffset().isPresent()
                ? Optional.of(new Open(partition, state.producerId(), (short) state.producerEpoch(),
                        state.coordinatorEpoch().orElse(-1), state.currentTransactionStartOffset().getAsLong()))
                : Optional.empty();
    }

    /**
     * Whether the coordinator is still on this transaction: going on at its epoch, or being committed or
     * aborted (with transactions v2 the coordinator bumps the epoch when it prepares the end, so a prepared
     * transaction shows one above the epoch its records carry).
     */
    static boolean ownedByCoordinator(final Open transaction, final TransactionDescription coordinator) {
        if (coordinator == null || !OPEN_AT_COORDINATOR.contains(coordinator.state())) {
            return false;
        }
        final int epoch = coordinator.producerEpoch();
        return epoch == transaction.producerEpoch()
                || epoch == transaction.producerEpoch() + 1 && coordinator.state() != TransactionState.ONGOING;
    }

    /**
     * Aborts the transaction on its partition if it is still open there as it was seen; false when it
     * was finished meanwhile (its coordinator's marker came first, and the broker refuses a marker at an
     * epoch below the one it holds).
     */
    private boolean abort(final Open transaction) throws ExecutionException, InterruptedException {
        final boolean stillOpen = admin.describeProducers(List.of(transaction.partition())).partitionResult(
                transaction.partition()).get().activeProducers().stream()
                .flatMap(state -> open(transaction.partition(), state).stream())
                .anyMatch(transaction::equals);
        if (!stillOpen) {
            return false;
        }
        try {
            admin.abortTransaction(new AbortTransactionSpec(transaction.partition(), transaction.producerId(),
                    transaction.producerEpoch(), transaction.coordinatorEpoch())).all().get();
            return true;
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof InvalidProducerEpochException) {
                return false;
            }
            throw e;
        }
    }

    /** The coordinators' view of every transactional id, by producer id. */
    private Map<Long, TransactionDescription> coordinatorView() throws ExecutionException, InterruptedException {
        final List<String> ids = new ArrayList<>();
        for (final TransactionListing listing : admin.listTransactions().all().get()) {
            ids.add(listing.transactionalId());
        }
        final Map<Long, TransactionDescription> byProducer = new HashMap<>();
        if (!ids.isEmpty()) {
            admin.describeTransactions(ids).all().get().values()
                    .forEach(description -> byProducer.put(description.producerId(), description));
        }
        return byProducer;
    }

    private boolean transactionsV2() throws ExecutionException, InterruptedException {
        final FinalizedVersionRange version = admin.describeFeatures().featureMetadata().get()
                .finalizedFeatures().get("transaction.version");
        return version != null && version.maxVersionLevel() >= 2;
    }
}
