package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.requests.TransactionResult;
import org.junit.jupiter.api.Test;

/** Which open transactions are still their coordinator's to finish, and what it decided for the others. */
class HangingTransactionsTest {

    private static final HangingTransactions.Open OPEN_AT_EPOCH_7 =
            new HangingTransactions.Open(new TopicPartition("t", 0), 42L, (short) 7, 0, 100L);

    @Test
    void shouldLeaveToItsCoordinatorATransactionGoingOnOrBeingEnded() {
        assertThat(owned(TransactionState.ONGOING, 7)).isTrue();
        // transactions v2: preparing the end bumps the epoch above the one the records carry
        assertThat(owned(TransactionState.PREPARE_COMMIT, 8)).isTrue();
        assertThat(owned(TransactionState.PREPARE_ABORT, 8)).isTrue();
        assertThat(owned(TransactionState.PREPARE_COMMIT, 7)).isTrue();
    }

    @Test
    void shouldTakeForHangingATransactionItsCoordinatorIsDoneWith() {
        assertThat(owned(TransactionState.COMPLETE_COMMIT, 8)).isFalse();
        assertThat(owned(TransactionState.COMPLETE_ABORT, 8)).isFalse();
        assertThat(owned(TransactionState.EMPTY, 9)).isFalse();
        // a later transaction of the same producer going on
        assertThat(owned(TransactionState.ONGOING, 8)).isFalse();
        assertThat(owned(TransactionState.PREPARE_COMMIT, 9)).isFalse();
        // a producer id no coordinator knows any more
        assertThat(HangingTransactions.ownedByCoordinator(OPEN_AT_EPOCH_7, null)).isFalse();
    }

    @Test
    void shouldTakeTheOutcomeFromACoordinatorThatCompletedThisVeryTransaction() {
        assertThat(decided(TransactionState.COMPLETE_COMMIT, 8)).contains(TransactionResult.COMMIT);
        assertThat(decided(TransactionState.COMPLETE_ABORT, 8)).contains(TransactionResult.ABORT);
        // started again, or completed a later transaction: this one's outcome is no longer known
        assertThat(decided(TransactionState.EMPTY, 9)).isEmpty();
        assertThat(decided(TransactionState.COMPLETE_COMMIT, 10)).isEmpty();
        assertThat(decided(TransactionState.PREPARE_COMMIT, 8)).isEmpty();
        assertThat(HangingTransactions.decided(OPEN_AT_EPOCH_7, null)).isEmpty();
    }

    private static Optional<TransactionResult> decided(final TransactionState state, final int epoch) {
        return HangingTransactions.decided(OPEN_AT_EPOCH_7, description(state, epoch));
    }

    private static TransactionDescription description(final TransactionState state, final int epoch) {
        return new TransactionDescription(1, state, 42L, epoch, 10_000L, OptionalLong.empty(), Set.of());
    }

    private static boolean owned(final TransactionState state, final int coordinatorEpochOfProducer) {
        return HangingTransactions.ownedByCoordinator(OPEN_AT_EPOCH_7, description(state, coordinatorEpochOfProducer));
    }
}
