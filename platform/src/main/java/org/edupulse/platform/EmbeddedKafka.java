package org.edupulse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTransactionsOptions;
import org.apache.kafka.clients.admin.DescribeTransactionsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft broker (combined broker and controller) running in this JVM, built
 * from Kafka's own server classes. It is the one-command default for the demo and the broker the
 * integration tests run against; nothing about it is simulated.
 *
 * <p>Single-node settings force replication factor 1 for the internal offsets, transaction and
 * share-state topics: with the defaults (3) exactly-once Streams would wait forever.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
    private static final int NODE_ID = 1;
    /** How long a restart on existing storage waits for the broker's partitions and coordinators. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SETTLE_POLL = Duration.ofMillis(200);
    /** How long a coordinator's probe is tried again (the admin client retries "not the coordinator" in it). */
    private static final int PROBE_TIMEOUT_MS = 2_000;

    private final Path dataDir;
    private final boolean deleteOnClose;
    private final int port;
    private final KraftNode node;
    private boolean closed;

    private EmbeddedKafka(final Path dataDir, final boolean deleteOnClose, final int port, final KraftNode node) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.node = node;
    }

    /**
     * Formats the storage if it is new, then starts the broker and returns once it is serving. A
     * data directory that already holds a broker's storage is started with its cluster, topics and
     * records as they are, so the same directory can be used again after a stop or a crash.
     *
     * @param port      listener port on 127.0.0.1; 0 keeps the port of the previous start on this
     *                  data directory, or picks a free one for a new directory
     * @param dataDir   where the logs live; null for a fresh temporary directory removed on close
     * @param overrides broker settings that replace the defaults
     */
    public static EmbeddedKafka start(final int port, final Path dataDir, final Map<String, String> overrides) {
        final boolean temporary = dataDir == null;
        final Path dir;
        try {
            dir = temporary ? Files.createTempDirectory("edupulse-kafka-") : Files.createDirectories(dataDir);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not prepare the embedded broker's data directory", e);
        }
        // A restarted broker listens where it listened before, as one started from the same
        // server.properties would: its metadata log holds its registered endpoint, and after a
        // crash the transaction coordinator may resolve that endpoint before the broker registers
        // again, then send its commit and abort markers to a dead port for ever.
        final Optional<KraftNode.Ports> previous = KraftNode.previousPorts(dir);
        final int brokerPort = port != 0 ? port : previous.map(KraftNode.Ports::broker).orElseGet(KraftNode::freePort);
        final int controllerPort = previous.map(KraftNode.Ports::controller).orElseGet(KraftNode::freePort);
        final Properties props = KraftNode.common(NODE_ID, "broker,controller", NODE_ID + "@127.0.0.1:" + controllerPort,
                dir.resolve("kraft-logs"));
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "5");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "5");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        overrides.forEach(props::setProperty);
        final KraftNode node = new KraftNode(props, dir);
        // As an operator would with kafka-storage: a formatted log directory is started as it is,
        // under the cluster id its meta.properties holds; only a new one gets a new cluster id.
        final Optional<String> existing = node.formattedClusterId();
        final String clusterId = existing.orElseGet(() -> Uuid.randomUuid().toString());
        node.format(clusterId);
        node.start();
        if (existing.isPresent()) {
            settleAfterRestart(brokerPort);
        }
        LOG.info("Embedded Kafka broker listening on 127.0.0.1:{}, data in {} ({} cluster {})", brokerPort, dir,
                existing.isPresent() ? "existing" : "new", clusterId);
        return new EmbeddedKafka(dir, temporary, brokerPort, node);
    }

    /**
     * Waits, after a restart on existing storage, until every partition has a leader again and both
     * coordinators answer. A single combined node that was killed re-registers as after an unclean
     * shutdown: it first leads its partitions at the epoch its metadata log ends with (its group and
     * transaction coordinators load there), then the controller takes every leadership away and gives
     * it back at a new epoch, and the coordinators load again. Kafka's start returns before that second
     * load (after a clean stop too), so this waits for it ({@link #settled}): clients that started sooner
     * (Streams committing offsets in a transaction, the transaction coordinator completing one the crash
     * left half-written) would race it. Then finishes the transactions a kill during a commit left
     * hanging (see {@link HangingTransactions}), which would otherwise stop every committed read at them
     * for ever.
     */
    private static void settleAfterRestart(final int brokerPort) {
        final long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000"))) {
            // An admin request that meets a coordinator still loading fails (a listing of transactions then
            // fails outright: Kafka's admin client does not retry it), so both steps are tried again.
            while (!settled(admin) || !finishHanging(admin)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("The restarted broker did not settle within {} (every partition led, both coordinators "
                            + "loaded, the transactions a crash left hanging finished); starting anyway", SETTLE_TIMEOUT);
                    return;
                }
                try {
                    Thread.sleep(SETTLE_POLL.toMillis());
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Finishes the transactions a crash left hanging (see {@link HangingTransactions}); false if it could not look. */
    private static boolean finishHanging(final Admin admin) {
        try {
            final HangingTransactions.Outcome outcome = new HangingTransactions(admin).resolve();
            byTransaction(outcome.committed()).forEach((transaction, open) -> LOG.warn("Committed {} on {}, as its "
                    + "coordinator had decided: it had recorded the commit complete without writing the markers there, "
                    + "as Kafka does when the broker is killed during a commit (KAFKA-20734)", transaction, partitions(open)));
            byTransaction(outcome.aborted()).forEach((transaction, open) -> LOG.warn("Aborted {} left open on {}, as "
                    + "a kill before its commit would have: its coordinator had dropped the markers there (KAFKA-20734); "
                    + "its input is processed again", transaction, partitions(open)));
            byTransaction(outcome.left().keySet()).forEach((transaction, open) -> LOG.error("{} is left open on {}, and "
                    + "committed reads stop there: {}. See kafka-transactions.sh find-hanging", transaction, partitions(open),
                    outcome.left().get(open.get(0))));
        } catch (final ExecutionException e) {
            LOG.debug("Could not look for transactions left open by a crash yet", e.getCause());
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** The open transactions by producer and epoch, for one log line each. */
    private static Map<String, List<HangingTransactions.Open>> byTransaction(
            final Collection<HangingTransactions.Open> open) {
        final Map<String, List<HangingTransactions.Open>> grouped = new TreeMap<>();
        open.forEach(o -> grouped.computeIfAbsent("the transaction of producer " + o.producerId() + " (epoch "
                + o.producerEpoch() + ")", k -> new ArrayList<>()).add(o));
        return grouped;
    }

    /** "3 partitions (a-0, a-1, b-2)", naming at most five. */
    private static String partitions(final List<HangingTransactions.Open> open) {
        final List<String> names = open.stream().map(o -> o.partition().toString()).sorted().toList();
        return names.size() + (names.size() == 1 ? " partition (" : " partitions (")
                + String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? ", ...)" : ")");
    }

    /**
     * Whether the restarted broker is settled: every partition led, and both coordinators answering for every
     * partition of their logs. The metadata names this broker the leader of those partitions a moment before
     * the coordinators take them up; in that moment a listing of transactions or groups answers empty, as if
     * there were none (a repair that took that for the coordinator's view would take every open transaction
     * for one whose outcome was forgotten). So one id of each partition, which no client uses, is asked for:
     * only a coordinator that has loaded the partition answers that it does not know it.
     */
    private static boolean settled(final Admin admin) {
        try {
            final Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            final Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
            for (final TopicDescription topic : described.values()) {
                for (final TopicPartitionInfo partition : topic.partitions()) {
                    if (partition.leader() == null || partition.leader().isEmpty()) {
                        return false;
                    }
                }
            }
            return coordinatorsLoaded(admin, described);
        } catch (final ExecutionException e) {
            return false;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static boolean coordinatorsLoaded(final Admin admin, final Map<String, TopicDescription> described)
            throws InterruptedException {
        final List<String> transactional = probeIds(partitions(described, Topic.TRANSACTION_STATE_TOPIC_NAME));
        if (!transactional.isEmpty()) {
            final DescribeTransactionsResult transactions = admin.describeTransactions(transactional,
                    new DescribeTransactionsOptions().timeoutMs(PROBE_TIMEOUT_MS));
            if (!answered(transactional, transactions::description,
                    TransactionalIdNotFoundException.class::isInstance)) {
                return false;
            }
        }
        final List<String> groups = probeIds(partitions(described, Topic.GROUP_METADATA_TOPIC_NAME));
        if (!groups.isEmpty()) {
            final Map<String, ListConsumerGroupOffsetsSpec> specs = new TreeMap<>();
            groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
            final ListConsumerGroupOffsetsResult offsets = admin.listConsumerGroupOffsets(specs,
                    new ListConsumerGroupOffsetsOptions().timeoutMs(PROBE_TIMEOUT_MS));
            // (a loaded group coordinator answers a group it does not know with no offsets)
            return answered(groups, offsets::partitionsToOffsetAndMetadata, error -> false);
        }
        return true;
    }

    /** Whether each probe got an answer, or the refusal only a coordinator that has loaded its partition gives. */
    private static boolean answered(final List<String> probes, final Function<String, KafkaFuture<?>> answer,
                                    final Predicate<Throwable> refusedWhenLoaded) throws InterruptedException {
        for (final String probe : probes) {
            try {
                answer.apply(probe).get();
            } catch (final ExecutionException e) {
                if (!refusedWhenLoaded.test(e.getCause())) {
                    return false; // not the coordinator yet, or still loading, until the probe's time ran out
                }
            }
        }
        return true;
    }

    private static int partitions(final Map<String, TopicDescription> described, final String topic) {
        final TopicDescription description = described.get(topic);
        return description == null ? 0 : description.partitions().size();
    }

    /**
     * Ids that no client uses, one for each partition of a coordinator's log of that many partitions (none for
     * none): Kafka puts an id on the partition its hash code's absolute value names, modulo the partitions.
     */
    static List<String> probeIds(final int partitions) {
        final Map<Integer, String> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.size() < partitions; i++) {
            final String id = "edupulse-settle-probe-" + i;
            byPartition.putIfAbsent(Utils.abs(id.hashCode()) % partitions, id);
        }
        return List.copyOf(byPartition.values());
    }

    /** Starts a broker on a free port with fresh temporary storage. */
    public static EmbeddedKafka startEphemeral() {
        return start(0, null, Map.of());
    }

    /** The {@code bootstrap.servers} value clients use to reach this broker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The directory holding the broker's configuration and logs. */
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        node.stop();
        if (deleteOnClose) {
            Directories.deleteRecursively(dataDir);
        }
    }
}
