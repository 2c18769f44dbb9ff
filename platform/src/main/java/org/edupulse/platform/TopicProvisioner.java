package org.edupulse.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.edupulse.topics.Topic;

/**
 * Creates the catalog's topics that do not exist yet, with their partitions and configuration, and
 * returns once every partition of the requested topics is served by its leader. Idempotent: topics
 * that already exist are left as they are.
 *
 * <p>Why it waits: the controller answers CreateTopics before the leaders have applied the new
 * partitions. An idempotent producer that writes at once can then have its first batch refused
 * (NOT_LEADER_OR_FOLLOWER) while its second is accepted, and the first is retried as out of order
 * until its delivery timeout fails the send (KAFKA-15591: fixed in the broker by apache/kafka#23234,
 * which Kafka 4.3.1 and 4.4.0 do not have).
 */
public final class TopicProvisioner {

    /** Replication factor meaning "the broker's {@code default.replication.factor}". */
    public static final short BROKER_DEFAULT = -1;
    /** How long {@link #awaitServed} waits for the leaders of new partitions. */
    public static final Duration SERVE_TIMEOUT = Duration.ofSeconds(60);

    private final Admin admin;
    private final short replicationFactor;
    private final Map<String, String> extraConfig;

    public TopicProvisioner(final Admin admin, final short replicationFactor) {
        this(admin, replicationFactor, Map.of());
    }

    /**
     * @param extraConfig topic settings added to every created topic, e.g. {@code min.insync.replicas};
     *                    a topic's own catalog setting wins over these
     */
    public TopicProvisioner(final Admin admin, final short replicationFactor, final Map<String, String> extraConfig) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.extraConfig = Map.copyOf(extraConfig);
    }

    /** Creates the missing topics and returns the names of those it created. */
    public Set<String> provision(final Collection<? extends Topic<?, ?>> topics) {
        try {
            final Set<String> existing = admin.listTopics().names().get();
            final List<NewTopic> missing = topics.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()),
                            replicationFactor == BROKER_DEFAULT ? Optional.empty() : Optional.of(replicationFactor))
                            .configs(configOf(topic)))
                    .toList();
            for (final var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + entry.getKey()
                                + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            // Every requested topic, not only those created here: an earlier attempt, or another
            // process provisioning at the same time, may have created one a moment ago.
            awaitServed(admin, topics.stream().map(Topic::name).toList());
            return missing.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableSet());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Returns once the leader of every partition of {@code topics} answers for it: a ListOffsets
     * request goes to the leader itself, which refuses it until it has applied the partition. The
     * admin client retries some refusals itself (NOT_LEADER_OR_FOLLOWER) and gives up on others (a
     * broker that does not host the partition yet); those are asked again here, with a short
     * back-off, for up to {@link #SERVE_TIMEOUT}.
     */
    public static void awaitServed(final Admin admin, final Collection<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        final long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
        long backoffMillis = 10;
        while (true) {
            try {
                try {
                    final Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                    admin.describeTopics(topics).allTopicNames().get().values().forEach(description ->
                            description.partitions().forEach(p -> partitions.put(
                                    new TopicPartition(description.name(), p.partition()), OffsetSpec.latest())));
                    admin.listOffsets(partitions).all().get();
                    return;
                } catch (final ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("The leaders of " + topics + " did not serve them within "
                                + SERVE_TIMEOUT.toSeconds() + " s: " + e.getCause().getMessage(), e.getCause());
                    }
                }
                // Kafka has no callback for "partition applied": ask again shortly.
                Thread.sleep(backoffMillis);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the leaders of " + topics, e);
            }
            backoffMillis = Math.min(backoffMillis * 2, 200);
        }
    }

    private Map<String, String> configOf(final Topic<?, ?> topic) {
        final Map<String, String> config = new HashMap<>(extraConfig);
        config.putAll(topic.config());
        return config;
    }
}
