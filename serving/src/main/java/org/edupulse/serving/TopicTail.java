package org.edupulse.serving;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a few topics on one thread, outside any consumer group (every serving instance needs every
 * partition, and nothing is committed), with {@code read_committed} so that records of aborted
 * exactly-once transactions never reach a client. Each topic starts at its own position: the
 * beginning, the end, or a look-back in record time. Topics that do not exist yet are waited for.
 */
final class TopicTail implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicTail.class);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final long ASSIGN_RETRY_MILLIS = 500;

    /** Where a subscription starts reading. */
    enum Start { BEGINNING, END, LOOK_BACK }

    /**
     * One topic and what to do with its records.
     *
     * @param topic    topic name
     * @param start    where to start
     * @param lookBack for {@link Start#LOOK_BACK}: how far before now, in record time
     * @param handler  called on the reader thread for each record, in offset order per partition
     */
    record Subscription(String topic, Start start, Duration lookBack, Consumer<ConsumerRecord<String, byte[]>> handler) {

        Subscription {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(handler, "handler");
        }

        static Subscription fromBeginning(final String topic, final Consumer<ConsumerRecord<String, byte[]>> handler) {
            return new Subscription(topic, Start.BEGINNING, null, handler);
        }

        static Subscription fromEnd(final String topic, final Consumer<ConsumerRecord<String, byte[]>> handler) {
            return new Subscription(topic, Start.END, null, handler);
        }

        static Subscription lookingBack(final String topic, final Duration lookBack,
                                        final Consumer<ConsumerRecord<String, byte[]>> handler) {
            return new Subscription(topic, Start.LOOK_BACK, Objects.requireNonNull(lookBack, "lookBack"), handler);
        }
    }

    private final String name;
    private final Map<String, Object> consumerProperties;
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    /** Whether the last attempt was refused by the brokers' authorizer (read on the tail's own thread only). */
    private boolean refused;

    TopicTail(final String name, final String bootstrapServers, final Map<String, ?> clientSettings,
              final List<Subscription> subscriptions) {
        this.name = name;
        final Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumerProperties = Map.copyOf(props);
        for (final Subscription subscription : subscriptions) {
            this.subscriptions.put(subscription.topic(), subscription);
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Waits until every topic is assigned and positioned; records published afterwards are seen. */
    boolean awaitPositioned(final Duration timeout) throws InterruptedException {
        return positioned.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProperties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!running) {
                return;
            }
            while (running && !assign(kafka)) {
                sleepBeforeRetry();
            }
            positioned.countDown();
            while (running) {
                try {
                    for (final ConsumerRecord<String, byte[]> record : kafka.poll(POLL)) {
                        dispatch(record);
                    }
                    refused = false;
                } catch (final AuthorizationException e) {
                    // ACLs can be granted or restored while we run: keep the position and try again.
                    warnRefusedOnce(e);
                    sleepBeforeRetry();
                }
            }
        } catch (final WakeupException e) {
            LOG.debug("{} woken up to stop", name);
        } catch (final RuntimeException e) {
            LOG.error("{} stopped reading: {}", name, e.toString(), e);
        }
    }

    private boolean assign(final KafkaConsumer<String, byte[]> kafka) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : subscriptions.keySet()) {
            final List<PartitionInfo> infos;
            try {
                infos = kafka.partitionsFor(topic);
            } catch (final AuthorizationException e) {
                // Typical while new ACLs propagate to the brokers: wait rather than give up for good.
                warnRefusedOnce(e);
                return false;
            }
            if (infos == null || infos.isEmpty()) {
                LOG.info("{} waits for topic {} to exist", name, topic);
                return false;
            }
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        kafka.assign(partitions);
        final Map<TopicPartition, Long> lookBack = new HashMap<>();
        for (final TopicPartition partition : partitions) {
            final Subscription subscription = subscriptions.get(partition.topic());
            switch (subscription.start()) {
                case BEGINNING -> kafka.seekToBeginning(List.of(partition));
                case END -> kafka.seekToEnd(List.of(partition));
                case LOOK_BACK -> lookBack.put(partition,
                        Instant.now().minus(subscription.lookBack()).toEpochMilli());
                default -> throw new IllegalStateException("unknown start " + subscription.start());
            }
        }
        if (!lookBack.isEmpty()) {
            final Map<TopicPartition, OffsetAndTimestamp> offsets = kafka.offsetsForTimes(lookBack);
            final Map<TopicPartition, Long> ends = kafka.endOffsets(lookBack.keySet());
            for (final TopicPartition partition : lookBack.keySet()) {
                final OffsetAndTimestamp found = offsets.get(partition);
                kafka.seek(partition, found == null ? ends.get(partition) : found.offset());
            }
        }
        // Resolve the lazy seeks now, so that "positioned" means what it says.
        partitions.forEach(kafka::position);
        return true;
    }

    private void dispatch(final ConsumerRecord<String, byte[]> record) {
        try {
            subscriptions.get(record.topic()).handler().accept(record);
        } catch (final RuntimeException e) {
            LOG.warn("{} skipped {}-{}@{}: {}", name, record.topic(), record.partition(), record.offset(), e.toString());
        }
    }

    /** One warning per spell of refusals, not one per retry. */
    private void warnRefusedOnce(final AuthorizationException e) {
        if (!refused) {
            LOG.warn("{} is not authorized to read ({}); retrying every {} ms", name, e.getMessage(), ASSIGN_RETRY_MILLIS);
            refused = true;
        }
    }

    private void sleepBeforeRetry() {
        try {
            Thread.sleep(ASSIGN_RETRY_MILLIS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        final KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
