package org.edupulse.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.tail.CompactedTail;
import org.edupulse.tail.TailHealth;
import org.edupulse.tail.TailPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store topic seen as a replicated log: appends go through an idempotent {@code acks=all}
 * producer, and a {@link CompactedTail} reads the single partition from the beginning, folding every
 * record into {@link RegistryState}, with the retry policy, barriers and health every EduPulse reader
 * shares: a broker away is retried for ever, a record that is not JSON is skipped and counted.
 * Writers wait until the tail has passed their own record, so an answer always comes from state
 * derived from the log, never from the request itself.
 */
final class KafkaStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStore.class);
    /** Writers wait on the tail between polls: keep a poll short. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final TopicPartition partition;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> producer;
    private final CompactedTail<String, byte[]> tail;

    private KafkaStore(final RegistryConfig config, final Duration timeout, final StoreRecordCodec codec,
                       final RegistryState state, final TailPolicy policy) {
        this.partition = new TopicPartition(config.topic(), 0);
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(clientProperties(config, Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.CLIENT_ID_CONFIG, "edupulse-registry-writer-" + config.topic())),
                new StringSerializer(), new ByteArraySerializer());
        final KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(clientProperties(config, Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // close() waits out an in-flight long-poll fetch; keep that short (milliseconds).
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.CLIENT_ID_CONFIG, "edupulse-registry-reader-" + config.topic())),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.tail = CompactedTail.reading("schema-store", config.topic(), consumer).policy(policy).pollTimeout(POLL)
                .start(record -> codec.decode(record.key(), record.value()).ifPresent(state::apply));
    }

    /** The cluster address and the configured client settings, then the client's own settings. */
    private static Map<String, Object> clientProperties(final RegistryConfig config, final Map<String, Object> own) {
        final Map<String, Object> props = new HashMap<>(config.clientSettings());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.putAll(own);
        return props;
    }

    /**
     * Creates the topic if missing, starts tailing it and returns once the whole log is applied: the
     * registry answers nothing before. Fails if that takes longer than {@code timeout}.
     */
    static KafkaStore start(final RegistryConfig config, final StoreRecordCodec codec, final RegistryState state,
                            final Duration timeout, final TailPolicy policy) {
        try (Admin admin = Admin.create(clientProperties(config, Map.of()))) {
            ensureTopic(admin, config, timeout);
        }
        final KafkaStore store = new KafkaStore(config, timeout, codec, state, policy);
        try {
            store.catchUp();
        } catch (final RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static void ensureTopic(final Admin admin, final RegistryConfig config, final Duration timeout) {
        final String topic = config.topic();
        try {
            final Optional<TopicDescription> existing = describe(admin, topic, timeout);
            if (existing.isEmpty()) {
                final NewTopic newTopic = new NewTopic(topic, 1, config.replicationFactor())
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    LOG.info("Created schema store topic {} (compacted, replication factor {})",
                            topic, config.replicationFactor());
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            } else if (existing.get().partitions().size() != 1) {
                throw new IllegalStateException("The schema store topic " + topic + " must have exactly one partition,"
                        + " it has " + existing.get().partitions().size());
            }
            awaitLeader(admin, topic, timeout);
        } catch (final ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not prepare the schema store topic " + topic, e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while preparing the schema store topic " + topic, e);
        }
    }

    /**
     * A topic just created is not yet known to every broker's metadata: reading its end offset
     * then fails. Wait, within the timeout, until its partition has a leader.
     */
    private static void awaitLeader(final Admin admin, final String topic, final Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        long backoffMs = 20;
        while (true) {
            final Optional<TopicDescription> description = describe(admin, topic, timeout);
            if (description.isPresent() && description.get().partitions().get(0).leader() != null) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("The schema store topic " + topic + " has no leader after " + timeout);
            }
            // Metadata propagation after topic creation: poll with a short, growing back-off.
            TimeUnit.MILLISECONDS.sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 500);
        }
    }

    private static Optional<TopicDescription> describe(final Admin admin, final String topic, final Duration timeout)
            throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic));
        } catch (final ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Appends a record and returns its offset once the broker has acknowledged it. */
    long append(final String key, final byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).offset();
        } catch (final ExecutionException e) {
            throw RegistryException.storeError("Could not write to the schema store: " + e.getCause().getMessage());
        } catch (final TimeoutException e) {
            throw RegistryException.timeout("Timed out writing to the schema store");
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("Interrupted while writing to the schema store");
        }
    }

    /** Blocks until every record written before this call is applied to the state. */
    void catchUp() {
        await(tail.sync(), "the end of the schema store");
    }

    /** Blocks until the record at {@code offset} is applied to the state. */
    void awaitApplied(final long offset) {
        await(tail.reached(partition, offset), "offset " + offset + " of the schema store");
    }

    /** The store reader's health: whether it has read the store once and still reads it. */
    TailHealth health() {
        return tail.health();
    }

    private void await(final CompletableFuture<Void> barrier, final String what) {
        try {
            barrier.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final TimeoutException e) {
            final TailHealth health = tail.health();
            throw RegistryException.timeout("Timed out after " + timeout.toMillis() + " ms reading up to " + what
                    + (health.healthy() ? "" : ": the store reader " + health.problem()));
        } catch (final ExecutionException e) {
            throw RegistryException.storeError("Could not read up to " + what + ": " + e.getCause().getMessage());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.timeout("Interrupted while reading up to " + what);
        }
    }

    @Override
    public void close() {
        tail.close();
        producer.close(Duration.ofSeconds(5));
    }
}
