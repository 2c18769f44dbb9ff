package org.edupulse.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
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
    private final KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(final Path dataDir, final boolean deleteOnClose, final int port,
                          final KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.deleteOnClose = deleteOnClose;
        this.port = port;
        this.server = server;
    }

    /**
     * Formats the storage if it is new, then starts the broker and returns once it is serving.
     *
     * @param port    listener port on 127.0.0.1; 0 picks a free one
     * @param dataDir where the logs live; null for a fresh temporary directory removed on close
     * @param overrides broker settings that replace the defaults
     */
    public static EmbeddedKafka start(final int port, final Path dataDir, final Map<String, String> overrides) {
        try {
            final boolean temporary = dataDir == null;
            final Path dir = temporary ? Files.createTempDirectory("edupulse-kafka-") : dataDir;
            Files.createDirectories(dir);
            final int brokerPort = port == 0 ? freePort() : port;
            final int controllerPort = freePort();
            final Properties props = brokerProperties(dir, brokerPort, controllerPort);
            overrides.forEach(props::setProperty);
            final Path configFile = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "EduPulse embedded KRaft broker");
            }
            format(dir, configFile);
            final KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            LOG.info("Embedded Kafka broker listening on 127.0.0.1:{}, data in {}", brokerPort, dir);
            return new EmbeddedKafka(dir, temporary, brokerPort, server);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not prepare the embedded broker's data directory", e);
        }
    }

    /** Starts a broker on a free port with fresh temporary storage. */
    public static EmbeddedKafka startEphemeral() {
        return start(0, null, Map.of());
    }

    private static Properties brokerProperties(final Path dir, final int brokerPort, final int controllerPort) {
        final Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("kraft-logs").toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("transaction.state.log.num.partitions", "5");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Compaction of the reference and indicator topics should show within a demo's length.
        p.setProperty("log.cleaner.backoff.ms", "5000");
        return p;
    }

    private static void format(final Path dir, final Path configFile) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int rc;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {
                "format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", configFile.toString(), "--ignore-formatted"}, print);
        }
        if (rc != 0) {
            throw new IllegalStateException("Formatting the broker storage in " + dir + " failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
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
        server.shutdown();
        server.awaitShutdown();
        if (deleteOnClose) {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            LOG.warn("Could not remove the temporary broker directory {}", dir, e);
        }
    }
}
