package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hanging transaction made the way Kafka 4.3 makes one (KAFKA-20734): its coordinator completes a
 * commit while a partition of it has no leader, drops that partition's marker and records the
 * transaction complete. Two brokers make it happen on purpose: the partition lives on broker 2 alone,
 * broker 2 is stopped while the commit is completed, then started again.
 */
class HangingTransactionsIT {

    private static final TopicPartition ON_BROKER_2 = new TopicPartition("lives-on-broker-2", 0);
    private static final TopicPartition ON_BROKER_1 = new TopicPartition("lives-on-broker-1", 0);

    private EmbeddedKafkaCluster cluster;
    private Admin admin;

    @BeforeEach
    void startCluster() throws Exception {
        cluster = EmbeddedKafkaCluster.start(2);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        admin.createTopics(List.of(new NewTopic(ON_BROKER_2.topic(), Map.of(0, List.of(2))),
                new NewTopic(ON_BROKER_1.topic(), Map.of(0, List.of(1))))).all().get();
    }

    @AfterEach
    void stopCluster() {
        admin.close();
        cluster.close();
    }

    @Test
    void shouldCommitATransactionWhoseCoordinatorDroppedEveryMarkerOfItsCommit() throws Exception {
        // Given a committed transaction whose only partition was leaderless while its coordinator completed it
        commitWhileBroker2IsDown(List.of(ON_BROKER_2));
        assertThat(openTransactions(ON_BROKER_2)).as("hanging before").hasSize(1);
        assertThat(admin.listTransactions().all().get()).singleElement()
                .satisfies(listing -> assertThat(listing.state()).isEqualTo(TransactionState.COMPLETE_COMMIT));

        // When the hanging transactions are resolved
        final HangingTransactions.Outcome outcome = resolve();

        // Then it is committed, as its coordinator decided and told its producer, and reads go past it
        assertThat(outcome.committed()).singleElement()
                .satisfies(open -> assertThat(open.partition()).isEqualTo(ON_BROKER_2));
        assertThat(outcome.aborted()).isEmpty();
        assertThat(outcome.left()).isEmpty();
        assertThat(openTransactions(ON_BROKER_2)).isEmpty();
        write(ON_BROKER_2, "after");
        assertThat(readCommitted(ON_BROKER_2, 2)).containsExactly("in-transaction", "after");
    }

    @Test
    void shouldCommitTheRestOfATransactionWhoseCommitReachedAnotherPartition() throws Exception {
        // Given a committed transaction whose marker reached its partition on broker 1 but not the one on broker 2
        commitWhileBroker2IsDown(List.of(ON_BROKER_2, ON_BROKER_1));
        assertThat(readCommitted(ON_BROKER_1, 1)).containsExactly("in-transaction");
        assertThat(openTransactions(ON_BROKER_2)).as("hanging before").hasSize(1);

        // When the hanging transactions are resolved
        final HangingTransactions.Outcome outcome = resolve();

        // Then the rest of it is committed (an abort would undo half a commit)
        assertThat(outcome.committed()).singleElement()
                .satisfies(open -> assertThat(open.partition()).isEqualTo(ON_BROKER_2));
        assertThat(outcome.aborted()).isEmpty();
        assertThat(readCommitted(ON_BROKER_2, 1)).containsExactly("in-transaction");
    }

    @Test
    void shouldAbortAHangingTransactionWhoseOutcomeItsCoordinatorForgotIfNoMarkerReachedAnyPartition() throws Exception {
        // Given a hanging transaction, and its producer started again (the coordinator no longer knows the outcome)
        commitWhileBroker2IsDown(List.of(ON_BROKER_2));
        try (KafkaProducer<String, String> restarted = transactional("dropped-markers")) {
            restarted.initTransactions();
        }

        // When the hanging transactions are resolved
        final HangingTransactions.Outcome outcome = resolve();

        // Then it is aborted, as a kill before the commit would have left it, and reads go past it
        assertThat(outcome.aborted()).singleElement()
                .satisfies(open -> assertThat(open.partition()).isEqualTo(ON_BROKER_2));
        assertThat(outcome.committed()).isEmpty();
        assertThat(outcome.left()).isEmpty();
        write(ON_BROKER_2, "after");
        assertThat(readCommitted(ON_BROKER_2, 1)).containsExactly("after");
    }

    @Test
    void shouldLeaveAHangingTransactionWhoseOutcomeItsCoordinatorForgotOnceItsProducerWentOn() throws Exception {
        // Given a hanging transaction, and its producer started again and committed another one elsewhere
        commitWhileBroker2IsDown(List.of(ON_BROKER_2));
        try (KafkaProducer<String, String> restarted = transactional("dropped-markers")) {
            restarted.initTransactions();
            restarted.beginTransaction();
            restarted.send(new ProducerRecord<>(ON_BROKER_1.topic(), ON_BROKER_1.partition(), "k", "later")).get();
            restarted.commitTransaction();
        }

        // When the hanging transactions are resolved
        final HangingTransactions.Outcome outcome = resolve();

        // Then it is neither committed nor aborted but reported with the reason
        assertThat(outcome.committed()).isEmpty();
        assertThat(outcome.aborted()).isEmpty();
        assertThat(outcome.left()).hasSize(1);
        outcome.left().forEach((open, reason) -> {
            assertThat(open.partition()).isEqualTo(ON_BROKER_2);
            assertThat(reason).contains("no longer knows its outcome").contains("on another partition");
        });
        assertThat(openTransactions(ON_BROKER_2)).hasSize(1);
    }

    @Test
    void shouldLeaveATransactionItsCoordinatorStillOwns() throws Exception {
        // Given a transaction still going on
        try (KafkaProducer<String, String> producer = transactional("still-going")) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(ON_BROKER_1.topic(), ON_BROKER_1.partition(), "k", "open")).get();

            // When the hanging transactions are resolved
            final HangingTransactions.Outcome outcome = resolve();

            // Then it is neither finished nor reported, and its producer commits it
            assertThat(outcome.committed()).isEmpty();
            assertThat(outcome.aborted()).isEmpty();
            assertThat(outcome.left()).isEmpty();
            producer.commitTransaction();
        }
        assertThat(readCommitted(ON_BROKER_1, 1)).containsExactly("open");
    }

    /** Sends one record to each partition in one transaction, and commits it while broker 2 is stopped. */
    private void commitWhileBroker2IsDown(final List<TopicPartition> partitions) throws Exception {
        try (KafkaProducer<String, String> producer = transactional("dropped-markers")) {
            producer.initTransactions();
            producer.beginTransaction();
            for (final TopicPartition partition : partitions) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k", "in-transaction")).get();
            }
            cluster.stopBroker(2);
            producer.commitTransaction();
        }
        cluster.startBroker(2);
        await().atMost(Duration.ofMinutes(1)).until(() -> admin.describeTopics(List.of(ON_BROKER_2.topic()))
                .allTopicNames().get().get(ON_BROKER_2.topic()).partitions().get(0).leader() != null);
    }

    /**
     * Resolves, again while the admin client meets a coordinator still loading after broker 2's restart (a
     * listing of transactions then fails outright), as the embedded broker's start does.
     */
    private HangingTransactions.Outcome resolve() {
        final AtomicReference<HangingTransactions.Outcome> outcome = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(1)).ignoreExceptionsInstanceOf(ExecutionException.class).until(() -> {
            outcome.set(new HangingTransactions(admin).resolve());
            return true;
        });
        return outcome.get();
    }

    private List<ProducerState> openTransactions(final TopicPartition partition) throws Exception {
        final List<ProducerState> open = new ArrayList<>();
        admin.describeProducers(List.of(partition)).partitionResult(partition).get().activeProducers().forEach(state -> {
            if (state.currentTransactionStartOffset().isPresent()) {
                open.add(state);
            }
        });
        return open;
    }

    private KafkaProducer<String, String> transactional(final String transactionalId) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new StringSerializer(), new StringSerializer());
    }

    private void write(final TopicPartition partition, final String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k", value)).get();
        }
    }

    /** The values a {@code read_committed} consumer reads from the start of the partition, waiting for {@code expected}. */
    private List<String> readCommitted(final TopicPartition partition, final int expected) {
        return CommittedReads.values(cluster.bootstrapServers(), partition, expected);
    }
}
