package org.edupulse.deploy;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.topics.Topics;

/** Feeding a running pipeline and waiting until it has read everything: shared by the fault tests. */
final class PipelineFeed {

    private PipelineFeed() {
    }

    /** Sends every event through one publisher, counting acknowledgements; fails on the first error. */
    static Void publish(final String bootstrap, final String registryUrl, final List<SimulatedEvent> history,
                                final AtomicLong acknowledged) throws Exception {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (EventPublisher publisher = new EventPublisher(PublisherConfig.of(bootstrap, registryUrl))) {
            CompletableFuture<?> last = CompletableFuture.completedFuture(null);
            for (final SimulatedEvent event : history) {
                last = publisher.send(event.value()).whenComplete((metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            publisher.flush();
            last.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("publishing failed", failure.get());
        }
        return null;
    }

    /**
     * Waits until the application's group has committed every offset of every topic it reads: the
     * raw topics, the school reference and its own repartition topics, including partitions it has
     * not committed anything for yet (those count as wholly unread).
     */
    static void awaitNoLag(final String bootstrap, final String applicationId, final Duration atMost) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().until(() -> {
                final Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                final List<String> read = admin.listTopics().names().get().stream()
                        .filter(topic -> Topics.RAW_EVENTS.stream().anyMatch(raw -> raw.name().equals(topic))
                                || topic.equals(Topics.SCHOOLS.name())
                                || topic.startsWith(applicationId + "-") && topic.endsWith("-repartition"))
                        .toList();
                final long lag = committedEnds(admin, read).entrySet().stream().mapToLong(e -> e.getValue()
                        - (committed.containsKey(e.getKey()) ? committed.get(e.getKey()).offset() : 0L)).sum();
                return lag == 0;
            });
        }
    }

    /**
     * Waits until nothing more has been committed to {@code topic} for {@code quietFor}, and returns
     * its read_committed end offsets, summed over its partitions.
     */
    static long awaitQuiet(final String bootstrap, final String topic, final Duration quietFor, final Duration atMost) {
        final AtomicLong end = new AtomicLong(-1);
        final AtomicLong changed = new AtomicLong(System.nanoTime());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> {
                final long now = committedEnd(admin, topic);
                if (end.getAndSet(now) != now) {
                    changed.set(System.nanoTime());
                }
                return System.nanoTime() - changed.get() >= quietFor.toNanos();
            });
        }
        return end.get();
    }

    /** The read_committed end offsets of {@code topic}, summed over its partitions. */
    static long committedEnd(final Admin admin, final String topic) throws Exception {
        return committedEnds(admin, List.of(topic)).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The read_committed end offset of every partition of {@code topics}. */
    private static Map<TopicPartition, Long> committedEnds(final Admin admin, final List<String> topics) throws Exception {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(description ->
                description.partitions().forEach(p -> latest.put(
                        new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
        final Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }
}
