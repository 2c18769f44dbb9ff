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
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;

/**
 * One KRaft server process (broker, controller or both) running in this JVM: its storage is
 * formatted with Kafka's own storage tool, its configuration kept so it can be stopped and started
 * again on the same ports and data, as a restarted broker would be.
 */
final class KraftNode {

    /**
     * A system property that sets {@code log.cleaner.dedupe.buffer.size}, the map of keys every node's log
     * cleaner allocates on the heap and zeroes at each cleaning (Kafka's 128 MiB unless set). The build sets
     * 16 MiB for the tests' JVMs, which run C1 only and spent most of their cleaners' CPU zeroing the map; the
     * product keeps Kafka's, a smaller map not being faster with C2 (BENCHMARKS.md, "Session 34"). Blank is
     * unset.
     */
    static final String DEDUPE_BUFFER_PROPERTY = "edupulse.broker.log.cleaner.dedupe.buffer.size";

    private final Properties config;
    private final Path dir;
    private KafkaRaftServer server;

    KraftNode(final Properties config, final Path dir) {
        this.config = config;
        this.dir = dir;
    }

    /**
     * The cluster id the storage was formatted with, read from the {@code meta.properties} of its
     * log directories as the server itself reads them; empty when none of them is formatted yet.
     */
    Optional<String> formattedClusterId() {
        try {
            return new MetaPropertiesEnsemble.Loader()
                    .addLogDirs(Arrays.asList(config.getProperty("log.dirs").split(",")))
                    .load()
                    .clusterId();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the storage's meta.properties in " + dir, e);
        }
    }

    /**
     * Writes {@code server.properties} and formats the storage's log directories that are not
     * formatted yet; those that are keep their contents (they must hold {@code clusterId}).
     */
    void format(final String clusterId) {
        try {
            Files.createDirectories(dir);
            final Path configFile = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                config.store(out, "EduPulse embedded KRaft node " + config.getProperty("node.id"));
            }
            final ByteArrayOutputStream output = new ByteArrayOutputStream();
            final int rc;
            try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                rc = StorageTool.execute(new String[] {
                    "format", "--cluster-id", clusterId, "--config", configFile.toString(), "--ignore-formatted"}, print);
            }
            if (rc != 0) {
                throw new IllegalStateException("Formatting the storage in " + dir + " failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not prepare " + dir, e);
        }
    }

    synchronized void start() {
        if (server == null) {
            server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
            server.startup();
        }
    }

    synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    synchronized boolean isRunning() {
        return server != null;
    }

    /** The ports a node listened on, as its {@code server.properties} names them. */
    record Ports(int broker, int controller) { }

    /**
     * The PLAINTEXT and CONTROLLER ports of the node last started on {@code dir}, read from the
     * {@code server.properties} written there; empty for a directory without one.
     */
    static Optional<Ports> previousPorts(final Path dir) {
        final Path file = dir.resolve("server.properties");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        final Properties previous = new Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            previous.load(reader);
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
        int broker = 0;
        int controller = 0;
        for (final String listener : previous.getProperty("listeners", "").split(",")) {
            final int colon = listener.lastIndexOf(':');
            if (colon < 0) {
                continue;
            }
            final int listenerPort = Integer.parseInt(listener.substring(colon + 1).trim());
            if (listener.startsWith("PLAINTEXT://")) {
                broker = listenerPort;
            } else if (listener.startsWith("CONTROLLER://")) {
                controller = listenerPort;
            }
        }
        return broker > 0 && controller > 0 ? Optional.of(new Ports(broker, controller)) : Optional.empty();
    }

    /** A port free on 127.0.0.1 right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }

    /** Settings every node of a single-machine cluster shares. */
    static Properties common(final int nodeId, final String roles, final String voters, final Path logDir) {
        final Properties p = new Properties();
        p.setProperty("process.roles", roles);
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        // Compaction of the reference and indicator topics should show within a demo's length.
        p.setProperty("log.cleaner.backoff.ms", "5000");
        final String dedupeBuffer = System.getProperty(DEDUPE_BUFFER_PROPERTY);
        if (dedupeBuffer != null && !dedupeBuffer.isBlank()) {
            p.setProperty("log.cleaner.dedupe.buffer.size", dedupeBuffer);
        }
        return p;
    }
}
