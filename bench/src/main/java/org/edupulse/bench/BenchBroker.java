package org.edupulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * A fresh embedded broker and schema registry with the catalog's topics, as {@code demo} starts
 * them, plus the admin calls the scenarios need: reset the raw topics between scenarios, create the
 * reference tools' topic, read end offsets.
 */
final class BenchBroker implements AutoCloseable {

    /** The topics a Streams application reads and the replay re-reads: school reference and raw events. */
    static final List<Topic<String, ?>> INPUTS = Topics.INDICATOR_INPUTS;
    /** Their names. */
    static final List<String> INPUT_NAMES = INPUTS.stream().map(Topic::name).toList();

    private final EmbeddedKafka kafka;
    private final SchemaRegistryServer registry;
    private final Admin admin;

    /** The raw topics as this broker has them: the catalog's, with the partitions the run asks for. */
    private final List<Topic<String, ?>> inputs;

    private BenchBroker(final EmbeddedKafka kafka, final SchemaRegistryServer registry, final Admin admin,
                        final List<Topic<String, ?>> inputs) {
        this.kafka = kafka;
        this.registry = registry;
        this.admin = admin;
        this.inputs = inputs;
    }

    static BenchBroker start() {
        return start(Topics.EVENT_PARTITIONS);
    }

    /** A broker whose raw topics have {@code partitions} partitions each; every other topic as the catalog has it. */
    static BenchBroker start(final int partitions) {
        final EmbeddedKafka kafka = EmbeddedKafka.start(0, null, Map.of());
        try {
            final SchemaRegistryServer registry = SchemaRegistryServer.start(
                    RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
            final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
            final List<Topic<String, ?>> inputs = INPUTS.stream().<Topic<String, ?>>map(topic -> topic.withPartitions(partitions))
                    .toList();
            final TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1);
            provisioner.provision(inputs);
            provisioner.provision(Topics.ALL);
            return new BenchBroker(kafka, registry, admin, inputs);
        } catch (final RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String schemaRegistryUrl() {
        return registry.url();
    }

    Admin admin() {
        return admin;
    }

    /** Deletes and re-creates the input topics so that the next scenario starts from empty logs. */
    void resetInputs() {
        final Set<String> names = Set.copyOf(INPUT_NAMES);
        get(admin.deleteTopics(names).all());
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            final Set<String> existing = get(admin.listTopics().names());
            if (existing.stream().noneMatch(names::contains)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Input topics still listed 60 s after deletion: " + existing);
            }
            pause(100);
        }
        // Deleted topics may linger briefly in metadata: retry creation until the catalog is whole.
        for (int attempt = 0; ; attempt++) {
            try {
                new TopicProvisioner(admin, (short) 1).provision(inputs);
                break;
            } catch (final IllegalStateException e) {
                if (attempt > 100) {
                    throw e;
                }
                pause(200);
            }
        }
    }

    /** Creates a plain topic with {@code partitions} partitions (the reference tools' own topic). */
    void createTopic(final String name, final int partitions) {
        createTopic(name, partitions, Map.of());
    }

    /** Creates a topic with the given topic-level configuration and waits for its leaders. */
    void createTopic(final String name, final int partitions, final Map<String, String> configs) {
        get(admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.of((short) 1))
                .configs(configs))).all());
        TopicProvisioner.awaitServed(admin, Set.of(name));
    }

    /** Partitions of the given topics. */
    List<TopicPartition> partitions(final Collection<String> topics) {
        final Map<String, TopicDescription> described = get(admin.describeTopics(topics).allTopicNames());
        final List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
        return partitions;
    }

    /** High-water marks ({@code committed = false}) or last stable offsets of the given partitions. */
    Map<TopicPartition, Long> endOffsets(final Collection<TopicPartition> partitions, final boolean committed) {
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        final ListOffsetsOptions options = new ListOffsetsOptions(committed ? IsolationLevel.READ_COMMITTED
                : IsolationLevel.READ_UNCOMMITTED);
        final Map<TopicPartition, Long> ends = new HashMap<>();
        get(admin.listOffsets(latest, options).all()).forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /** Records in the given topics (high-water marks; the inputs are written without transactions). */
    long records(final Collection<String> topics) {
        return endOffsets(partitions(topics), false).values().stream().mapToLong(Long::longValue).sum();
    }

    static <T> T get(final org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        registry.close();
        kafka.close();
    }
}
