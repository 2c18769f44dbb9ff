package org.edupulse.platform;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
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
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.TransactionResult;
import org.apache.kafka.common.requests.WriteTxnMarkersRequest;
import org.apache.kafka.common.requests.WriteTxnMarkersResponse;

/**
 * Finds the transactions a broker still holds open on a partition although their coordinator has
 * finished with them, and finishes them as their coordinator decided, or aborts them where that is
 * what a crash before their commit would have left.
 *
 * <p>Kafka 4.3 and 4.4 leave such a <em>hanging</em> transaction when a transaction coordinator
 * completes a commit or abort while one of its partitions has no leader: the metadata cache answers
 * "no endpoint" for a leaderless partition, which the coordinator takes for a deleted topic, so it
 * drops that partition's marker and records the transaction complete (KAFKA-20734). The embedded
 * single node killed during a commit meets this when started again: it first leads its partitions at
 * the epoch its metadata log ends with and reloads the unfinished commit there, then the controller
 * fences its old incarnation and every partition is leaderless for a moment, while the markers wait.
 * A kill in the middle of writing the markers leaves some partitions committed and the rest dropped.
 * Nothing reads past a hanging transaction in {@code read_committed}: a restarted Streams application
 * waits for its committed offsets for ever.
 *
 * <p>While the coordinator still describes the transaction as completed (at the epoch it bumped when
 * it prepared the end, transactions v2), the missing markers are written as it would have written
 * them: WriteTxnMarkers to the partition's leader, with its result, its epoch and the partition's
 * coordinator epoch. The Admin API offers only aborts, which would undo half of a commit. When the
 * coordinator has forgotten the outcome (its producer started again), the transaction is aborted if
 * no marker reached any of its partitions and its producer went no further (no partition holds the
 * producer at a higher epoch): what a crash before the commit leaves, its records unread and its
 * input processed again. Otherwise it is reported and left, as it is on a broker without
 * transactions v2, whose markers keep the transaction's epoch and tell nothing.
 */
final class HangingTransactions {

    /** Coordinator states in which the coordinator itself will still finish the transaction. */
    private static final Set<TransactionState> OPEN_AT_COORDINATOR = EnumSet.of(TransactionState.ONGOING,
            TransactionState.PREPARE_COMMIT, TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private static final short TRANSACTIONS_V2 = 2;
    private static final int TIMEOUT_MS = 30_000;

    /** One producer's transaction left open on one partition. */
    record Open(TopicPartition partition, long producerId, short producerEpoch, int coordinatorEpoch, long startOffset) { }

    /** What {@link #resolve} did: the transactions it committed, aborted, and those it left with the reason. */
    record Outcome(List<Open> committed, List<Open> aborted, Map<Open, String> left) { }

    private final Admin admin;

    HangingTransactions(final Admin admin) {
        this.admin = admin;
    }

    /** Finds the hanging transactions on every partition of the cluster and finishes those it safely can. */
    Outcome resolve() throws ExecutionException, InterruptedException {
        // The coordinators first: one that has completed a transaction has written (or dropped) all its
        // markers before, so a partition seen open afterwards is not waiting for that coordinator.
        final Map<Long, TransactionDescription> coordinated = coordinatorView();
        final boolean transactionsV2 = transactionsV2();
        final Map<TopicPartition, Node> leaders = new HashMap<>();
        final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> leaders.put(new TopicPartition(topic, p.partition()), p.leader())));
        final List<Open> open = new ArrayList<>();
        final Map<Long, Short> highestEpoch = new HashMap<>();
        admin.describeProducers(leaders.keySet()).all().get().forEach((partition, state) -> state.activeProducers()
                .forEach(p -> {
                    highestEpoch.merge(p.producerId(), (short) p.producerEpoch(), (a, b) -> a >= b ? a : b);
                    open(partition, p).ifPresent(open::add);
                }));

        final List<Open> committed = new ArrayList<>();
        final List<Open> aborted = new ArrayList<>();
        final Map<Open, String> left = new HashMap<>();
        for (final Open transaction : open) {
            final TransactionDescription coordinator = coordinated.get(transaction.producerId());
            if (ownedByCoordinator(transaction, coordinator)) {
                continue; // not hanging: its coordinator will commit it, abort it or time it out
            }
            final Optional<TransactionResult> decided = decided(transaction, coordinator);
            final short highest = highestEpoch.get(transaction.producerId());
            if (!transactionsV2) {
                left.put(transaction, "the broker does not run transactions v2, so its outcome cannot be told");
            } else if (decided.isPresent()) {
                final Node leader = leaders.get(transaction.partition());
                if (leader == null || leader.isEmpty()) {
                    left.put(transaction, "its partition has no leader to write the " + decided.get() + " marker to");
                } else if (complete(transaction, decided.get(), (short) coordinator.producerEpoch(), leader)) {
                    (decided.get() == TransactionResult.COMMIT ? committed : aborted).add(transaction);
                }
            } else if (highest > transaction.producerEpoch()) {
                left.put(transaction, "its coordinator no longer knows its outcome, and producer " + transaction.producerId()
                        + " is at epoch " + highest + " on another partition: a marker may have reached it, or the"
                        + " producer went on");
            } else if (abort(transaction)) {
                aborted.add(transaction);
            }
        }
        return new Outcome(List.copyOf(committed), List.copyOf(aborted), Map.copyOf(left));
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
     * What the coordinator decided for this transaction, while it still says: completed at the epoch it
     * bumped to end this very transaction (transactions v2), and not yet started again.
     */
    static Optional<TransactionResult> decided(final Open transaction, final TransactionDescription coordinator) {
        if (coordinator == null || coordinator.producerEpoch() != transaction.producerEpoch() + 1) {
            return Optional.empty();
        }
        return switch (coordinator.state()) {
            case COMPLETE_COMMIT -> Optional.of(TransactionResult.COMMIT);
            case COMPLETE_ABORT -> Optional.of(TransactionResult.ABORT);
            default -> Optional.empty();
        };
    }

    /**
     * Writes the marker the coordinator dropped, as it would have written it, if the transaction is still
     * open there as it was seen; false when it was finished meanwhile.
     */
    private boolean complete(final Open transaction, final TransactionResult result, final short markerEpoch,
                             final Node leader) throws ExecutionException, InterruptedException {
        if (!stillOpen(transaction)) {
            return false;
        }
        final WriteTxnMarkersRequest request = new WriteTxnMarkersRequest.Builder(List.of(
                new WriteTxnMarkersRequest.TxnMarkerEntry(transaction.producerId(), markerEpoch,
                        transaction.coordinatorEpoch(), result, List.of(transaction.partition()), TRANSACTIONS_V2)))
                .build(ApiKeys.WRITE_TXN_MARKERS.latestVersion());
        final RequestHeader header = new RequestHeader(ApiKeys.WRITE_TXN_MARKERS, request.version(),
                "edupulse-hanging-transactions", 0);
        final Errors error;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(leader.host(), leader.port()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            final ByteBuffer serialized = request.serializeWithHeader(header);
            final byte[] sent = new byte[serialized.remaining()];
            serialized.get(sent);
            final DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(sent.length);
            out.write(sent);
            out.flush();
            final DataInputStream in = new DataInputStream(socket.getInputStream());
            final byte[] received = new byte[in.readInt()];
            in.readFully(received);
            final WriteTxnMarkersResponse response = (WriteTxnMarkersResponse) AbstractResponse.parseResponse(
                    ByteBuffer.wrap(received), header);
            error = response.errorsByProducerId().get(transaction.producerId()).get(transaction.partition());
        } catch (final IOException e) {
            throw new ExecutionException("Could not write the " + result + " marker of producer "
                    + transaction.producerId() + " to " + transaction.partition() + " on " + leader, e);
        }
        if (error == Errors.INVALID_PRODUCER_EPOCH) {
            return false;
        }
        if (error != Errors.NONE) {
            throw new ExecutionException(error.exception("Writing the " + result + " marker of producer "
                    + transaction.producerId() + " to " + transaction.partition() + " failed"));
        }
        return true;
    }

    /**
     * Aborts the transaction on its partition if it is still open there as it was seen; false when it
     * was finished meanwhile (its coordinator's marker came first, and the broker refuses a marker at an
     * epoch below the one it holds).
     */
    private boolean abort(final Open transaction) throws ExecutionException, InterruptedException {
        if (!stillOpen(transaction)) {
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

    private boolean stillOpen(final Open transaction) throws ExecutionException, InterruptedException {
        return admin.describeProducers(List.of(transaction.partition())).partitionResult(transaction.partition()).get()
                .activeProducers().stream()
                .flatMap(state -> open(transaction.partition(), state).stream())
                .anyMatch(transaction::equals);
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
