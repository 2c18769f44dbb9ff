package org.edupulse.deploy;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
import org.awaitility.core.ConditionTimeoutException;
import org.edupulse.platform.CommitProgress;
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

    /** Waits until {@code count} events of a {@link #publish} running beside have been acknowledged. */
    static void awaitAcknowledged(final AtomicLong acknowledged, final long count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> acknowledged.get() >= count);
    }

    /**
     * Waits until the application's group has committed every offset of every topic it reads: the
     * raw topics, the school reference and its own repartition topics, including partitions it has
     * not committed anything for yet (those count as wholly unread).
     */
    static void awaitNoLag(final String bootstrap, final String applicationId, final Duration atMost) {
        // What the last look found, for the failure's message: which partitions lag, by how much, and the
        // application's transactions that are not complete (one left hanging stops every read at it).
        final AtomicReference<String> lastLook = new AtomicReference<>("nothing read yet");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            await().atMost(atMost).pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                    .alias("no lag; last look: the lagging partitions and open transactions below").until(() -> {
                        final Map<TopicPartition, OffsetAndMetadata> committed =
                                admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                        final List<String> read = admin.listTopics().names().get().stream()
                                .filter(topic -> Topics.RAW_EVENTS.stream().anyMatch(raw -> raw.name().equals(topic))
                                        || topic.equals(Topics.SCHOOLS.name())
                                        || topic.startsWith(applicationId + "-") && topic.endsWith("-repartition"))
                                .toList();
                        final Map<TopicPartition, Long> lagging =
                                new TreeMap<>(Comparator.comparing(TopicPartition::toString));
                        committedEnds(admin, read).forEach((partition, end) -> {
                            final OffsetAndMetadata at = committed.get(partition);
                            final long lag = end - (at == null ? 0L : at.offset());
                            if (lag != 0) {
                                lagging.put(partition, lag);
                            }
                        });
                        lastLook.set("lag by partition " + lagging + ", transactions not complete "
                                + CommitProgress.openTransactions(admin, applicationId));
                        return lagging.isEmpty();
                    });
        } catch (final ConditionTimeoutException e) {
            throw new AssertionError(applicationId + " still lags after " + atMost + ": " + lastLook.get(), e);
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
