package org.edupulse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
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
        LOG.info("Embedded Kafka broker listening on 127.0.0.1:{}, data in {} ({} cluster {})", brokerPort, dir,
                existing.isPresent() ? "existing" : "new", clusterId);
        return new EmbeddedKafka(dir, temporary, brokerPort, node);
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
