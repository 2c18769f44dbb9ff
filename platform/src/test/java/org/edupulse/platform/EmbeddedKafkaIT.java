package org.edupulse.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.startEphemeral();
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    @Test
    void shouldProvisionTheCatalogWithItsConfigurationAndNothingTwice() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            final TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1);

            final Set<String> created = provisioner.provision(Topics.ALL);
            final Set<String> createdAgain = provisioner.provision(Topics.ALL);

            assertThat(created).hasSize(Topics.ALL.size());
            assertThat(createdAgain).isEmpty();
            final ConfigResource raw = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DEVICE_EVENTS.name());
            final ConfigResource out = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DISTRICT_INDICATORS.name());
            final Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(raw, out)).all().get();
            assertThat(configs.get(raw).get("retention.ms").value()).isEqualTo("-1");
            assertThat(configs.get(raw).get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(configs.get(out).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(admin.describeTopics(List.of(Topics.DEVICE_EVENTS.name())).allTopicNames().get()
                    .get(Topics.DEVICE_EVENTS.name()).partitions()).hasSize(Topics.EVENT_PARTITIONS);
        }
    }

    @Test
    void shouldCommitTransactionsOnASingleNode() {
        final String topic = Topics.DEAD_LETTER.name();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(List.of(Topics.DEAD_LETTER));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-kafka-it"),
                new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, 0, "k", "committed"));
            producer.commitTransaction();
        }
        assertThat(CommittedReads.values(kafka.bootstrapServers(), new TopicPartition(topic, 0), 1))
                .containsExactly("committed");
    }

    @Test
    void shouldAcceptEveryFirstWriteOfAnIdempotentProducerRightAfterProvisioning() throws Exception {
        // Given a broker that has just started, and many new topics provisioned on it
        final List<Topic<String, String>> topics = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            topics.add(new Topic<>("first-writes-" + i, String.class, String.class, 3, Map.of()));
        }
        final List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (EmbeddedKafka fresh = EmbeddedKafka.startEphemeral()) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, fresh.bootstrapServers()))) {
                assertThat(new TopicProvisioner(admin, (short) 1).provision(topics)).hasSize(topics.size());
            }

            // When an idempotent producer writes to every partition at once, one record per batch and
            // five batches in flight per connection, with a short delivery timeout
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fresh.bootstrapServers(),
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.BATCH_SIZE_CONFIG, 1,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000),
                    new StringSerializer(), new StringSerializer())) {
                for (int record = 0; record < 5; record++) {
                    for (final Topic<String, String> topic : topics) {
                        for (int partition = 0; partition < topic.partitions(); partition++) {
                            sends.add(producer.send(new ProducerRecord<>(topic.name(), partition, "k", "v" + record)));
                        }
                    }
                }
                producer.flush();
            }
        }

        // Then every write is accepted (before provisioning waited for the leaders, some first batches
        // were refused as not yet led, then retried as out of order until they expired: KAFKA-15591)
        for (final Future<RecordMetadata> send : sends) {
            assertThat(send).succeedsWithin(Duration.ofSeconds(15));
        }
    }

    @Test
    void shouldSizeTheLogCleanersMapFromItsSystemPropertyOrKeepKafkasDefault() throws Exception {
        // The build sets the property for the tests' JVMs; a JVM without it keeps Kafka's 128 MiB
        final String expected = System.getProperty(KraftNode.DEDUPE_BUFFER_PROPERTY, "").isBlank()
                ? Integer.toString(128 * 1024 * 1024) : System.getProperty(KraftNode.DEDUPE_BUFFER_PROPERTY);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            final String nodeId = admin.describeCluster().nodes().get().iterator().next().idString();
            final ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodeId);
            assertThat(admin.describeConfigs(List.of(broker)).all().get().get(broker)
                    .get("log.cleaner.dedupe.buffer.size").value()).isEqualTo(expected);
        }
    }

    @Test
    void shouldCompactAKeyedTopicOnceItsSegmentsHaveRolled() throws Exception {
        // Given a compacted topic whose segments roll by the records' own timestamps
        final String topic = "compaction-it";
        final TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            new TopicProvisioner(admin, (short) 1).provision(List.of(new Topic<>(topic, String.class, String.class, 1,
                    Map.of("cleanup.policy", "compact", "segment.ms", "60000", "min.cleanable.dirty.ratio", "0.01"))));
        }

        // When every key is written twice, an hour apart, and one more record an hour later closes the second segment
        final int keys = 2_000;
        final long start = System.currentTimeMillis() - Duration.ofHours(3).toMillis();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int version = 1; version <= 2; version++) {
                final long timestamp = start + Duration.ofHours(version - 1).toMillis();
                for (int key = 0; key < keys; key++) {
                    producer.send(new ProducerRecord<>(topic, 0, timestamp, "school-" + key, "v" + version));
                }
                producer.flush();
            }
            producer.send(new ProducerRecord<>(topic, 0, start + Duration.ofHours(2).toMillis(), "last", "v1")).get();
        }

        // Then the broker's cleaner leaves each key's last value only, within a demo's length
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            final List<String> read = keysAndValues(partition);
            assertThat(read).hasSize(keys + 1).doesNotHaveDuplicates().allMatch(record -> record.endsWith("=v2")
                    || record.equals("last=v1"));
        });
    }

    /** Every record of {@code partition} up to its end, as {@code key=value}. */
    private static List<String> keysAndValues(final TopicPartition partition) {
        final List<String> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            final long end = consumer.endOffsets(List.of(partition)).get(partition);
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(partition + " not read to its end offset " + end + " within 30 s");
                }
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    read.add(record.key() + "=" + record.value());
                }
            }
        }
        return read;
    }
}
