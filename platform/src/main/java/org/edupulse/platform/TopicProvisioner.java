package org.edupulse.platform;

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
import org.apache.kafka.common.errors.TopicExistsException;
import org.edupulse.topics.Topic;

/**
 * Creates the catalog's topics that do not exist yet, with their partitions and configuration.
 * Idempotent: topics that already exist are left as they are.
 */
public final class TopicProvisioner {

    /** Replication factor meaning "the broker's {@code default.replication.factor}". */
    public static final short BROKER_DEFAULT = -1;

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
            return missing.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableSet());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not list topics: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private Map<String, String> configOf(final Topic<?, ?> topic) {
        final Map<String, String> config = new HashMap<>(extraConfig);
        config.putAll(topic.config());
        return config;
    }
}
