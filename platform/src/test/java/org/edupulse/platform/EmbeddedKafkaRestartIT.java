package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker on a data directory of its own survives a restart: its storage is formatted
 * once, and a second start on the same directory serves the same cluster with the same records.
 */
class EmbeddedKafkaRestartIT {

    @TempDir
    Path dir;

    @Test
    void shouldKeepItsClusterAndRecordsWhenStartedAgainOnTheSameDataDir() throws Exception {
        // Given a broker on a data directory, with the catalog provisioned and two records written
        final String topic = Topics.DEAD_LETTER.name();
        final String clusterId;
        try (EmbeddedKafka first = EmbeddedKafka.start(0, dir, Map.of());
             Admin admin = admin(first)) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            write(first, topic, "before-1", "before-2");
            clusterId = admin.describeCluster().clusterId().get();
        }
        final Properties meta = metaProperties();
        assertThat(meta.getProperty("cluster.id")).isEqualTo(clusterId);

        // When it is started again on the same directory
        try (EmbeddedKafka second = EmbeddedKafka.start(0, dir, Map.of());
             Admin admin = admin(second)) {

            // Then it is the same cluster, the catalog is there and nothing needs creating again
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            assertThat(new TopicProvisioner(admin, (short) 1).provision(Topics.ALL)).isEmpty();

            // ... the records written before are there, and new ones can be written after them
            write(second, topic, "after-1");
            assertThat(readAll(second, topic, 3)).containsExactly("before-1", "before-2", "after-1");
        }
        assertThat(metaProperties()).isEqualTo(meta);
    }

    @Test
    void shouldFinishATransactionLeftOpenByACrashAfterARestartOnTheSameDataDir() throws Exception {
        // Given a broker on a data directory, and a transaction left open on it, as a producer
        // killed mid-transaction (SIGKILL of a Streams process) leaves it
        final String topic = Topics.DEAD_LETTER.name();
        final String before;
        KafkaProducer<String, String> crashed = null;
        try (EmbeddedKafka first = EmbeddedKafka.start(0, dir, Map.of());
             Admin admin = admin(first)) {
            before = first.bootstrapServers();
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            crashed = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "crashed-instance",
                    ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "2000"), new StringSerializer(), new StringSerializer());
            crashed.initTransactions();
            crashed.beginTransaction();
            crashed.send(new ProducerRecord<>(topic, 0, "k", "never-committed")).get();
        } finally {
            if (crashed != null) {
                crashed.close(Duration.ZERO);
            }
        }

        // When it is started again on the same directory, the way the demo starts it (port 0)
        try (EmbeddedKafka second = EmbeddedKafka.start(0, dir, Map.of())) {

            // Then it listens where it listened before (the endpoints in its metadata log, which
            // the transaction coordinator sends its markers to, stay true) ...
            assertThat(second.bootstrapServers()).isEqualTo(before);

            // ... and it returns only once every partition is led again (after a crash the controller
            // takes its leaderships away and gives them back at a new epoch, in the first seconds)
            try (Admin admin = admin(second)) {
                final var topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
                assertThat(topics).contains("__transaction_state");
                admin.describeTopics(topics).allTopicNames().get().values().forEach(described ->
                        described.partitions().forEach(partition -> assertThat(partition.leader())
                                .as("leader of %s-%d", described.name(), partition.partition()).isNotNull()));
            }

            // ... and the open transaction is aborted, so committed reads go on past it
            write(second, topic, "after-1");
            assertThat(readAll(second, topic, 1)).containsExactly("after-1");
        }
    }

    @Test
    void shouldReturnOnlyOnceItsCoordinatorsHaveLoadedWhatTheyKnewBeforeTheRestart() throws Exception {
        // Given a broker on a data directory, a transaction committed on it and a group's offset
        final String topic = Topics.DEAD_LETTER.name();
        try (EmbeddedKafka first = EmbeddedKafka.start(0, dir, Map.of());
             Admin admin = admin(first);
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers(),
                     ProducerConfig.TRANSACTIONAL_ID_CONFIG, "committed-before"),
                     new StringSerializer(), new StringSerializer())) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "committed")).get();
            producer.commitTransaction();
            admin.alterConsumerGroupOffsets("group-before", Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(1))).all().get();
        }

        // When it is started again on the same directory
        try (EmbeddedKafka second = EmbeddedKafka.start(0, dir, Map.of());
             Admin admin = admin(second)) {

            // Then, as soon as the start returns, its coordinators answer with what they knew: the broker's
            // clients and its own repair of hanging transactions (which takes a transaction its coordinator
            // does not know for one whose outcome is forgotten) see each coordinator's whole view, never the
            // empty one it has between the new leadership of its log and the load of it
            assertThat(admin.listTransactions().all().get()).as("transactions listed at once")
                    .extracting(TransactionListing::transactionalId).contains("committed-before");
            assertThat(admin.describeTransactions(List.of("committed-before")).description("committed-before").get()
                    .state()).isEqualTo(TransactionState.COMPLETE_COMMIT);
            assertThat(admin.listGroups().all().get()).as("groups listed at once")
                    .extracting(GroupListing::groupId).contains("group-before");
        }
    }

    private Properties metaProperties() throws Exception {
        final Properties meta = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve("kraft-logs").resolve("meta.properties"))) {
            meta.load(reader);
        }
        return meta;
    }

    private static Admin admin(final EmbeddedKafka kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static void write(final EmbeddedKafka kafka, final String topic, final String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (final String value : values) {
                // One partition so that the order read back is the order written.
                producer.send(new ProducerRecord<>(topic, 0, "k", value)).get();
            }
        }
    }

    private static List<String> readAll(final EmbeddedKafka kafka, final String topic, final int expected) {
        return CommittedReads.values(kafka.bootstrapServers(), new TopicPartition(topic, 0), expected);
    }
}
