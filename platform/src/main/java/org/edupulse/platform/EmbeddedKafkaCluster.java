package org.edupulse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * A real multi-broker KRaft cluster in this JVM: one dedicated controller and N brokers, each with
 * its own storage and ports, so replication, leader election and broker failures are Kafka's own.
 * (On Kafka 4.3.1 a quorum of three combined broker+controller nodes in one JVM crashes its Raft
 * thread; a separate controller works.) Brokers can be stopped and started again on the same
 * ports and data to test how the pipeline rides out a broker restart.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

    private static final int CONTROLLER_ID = 1000;

    private final Path dataDir;
    private final KraftNode controller;
    private final List<KraftNode> brokers;
    private final List<Integer> brokerPorts;

    private EmbeddedKafkaCluster(final Path dataDir, final KraftNode controller, final List<KraftNode> brokers,
                                 final List<Integer> brokerPorts) {
        this.dataDir = dataDir;
        this.controller = controller;
        this.brokers = brokers;
        this.brokerPorts = brokerPorts;
    }

    /** Starts a controller and {@code brokerCount} brokers with fresh temporary storage. */
    public static EmbeddedKafkaCluster start(final int brokerCount) {
        if (brokerCount < 1) {
            throw new IllegalArgumentException("brokerCount must be at least 1, was " + brokerCount);
        }
        final Path dir;
        try {
            dir = Files.createTempDirectory("edupulse-cluster-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create the cluster's data directory", e);
        }
        final short replication = (short) Math.min(3, brokerCount);
        final String minIsr = Integer.toString(Math.max(1, replication - 1));
        final int controllerPort = KraftNode.freePort();
        final String voters = CONTROLLER_ID + "@127.0.0.1:" + controllerPort;
        final String clusterId = Uuid.randomUuid().toString();

        final Properties controllerProps = KraftNode.common(CONTROLLER_ID, "controller", voters,
                dir.resolve("controller"));
        controllerProps.setProperty("listeners", "CONTROLLER://127.0.0.1:" + controllerPort);
        // In KRaft the controller applies the defaults of a topic created without them.
        controllerProps.setProperty("default.replication.factor", Short.toString(replication));
        controllerProps.setProperty("min.insync.replicas", minIsr);
        // A broker started again is refused ("Another broker is registered with that broker id") until the
        // session of its previous start has expired: 9 s by Kafka's default, on every restart. These nodes share
        // one machine, so the brokers' heartbeats (every 500 ms instead of 2 s) cross no network, and a session
        // expires after 3 s without one. A single combined node (EmbeddedKafka) restarts its controller with it
        // and is never refused.
        controllerProps.setProperty("broker.session.timeout.ms", "3000");
        final KraftNode controller = new KraftNode(controllerProps, dir.resolve("controller"));
        controller.format(clusterId);
        controller.start();

        // Each broker's port is picked just before it starts: a port picked free and left unbound while
        // earlier nodes start can be taken as the local port of one of their outgoing connections (the
        // same ephemeral range), and the broker then fails to bind it ("Address already in use", seen once).
        final List<KraftNode> brokers = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        for (int id = 1; id <= brokerCount; id++) {
            final int port = KraftNode.freePort();
            final Path brokerDir = dir.resolve("broker-" + id);
            final Properties props = KraftNode.common(id, "broker", voters, brokerDir.resolve("logs"));
            props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.setProperty("inter.broker.listener.name", "PLAINTEXT");
            props.setProperty("default.replication.factor", Short.toString(replication));
            props.setProperty("min.insync.replicas", minIsr);
            props.setProperty("broker.heartbeat.interval.ms", "500");
            props.setProperty("offsets.topic.replication.factor", Short.toString(replication));
            props.setProperty("offsets.topic.num.partitions", "5");
            props.setProperty("transaction.state.log.replication.factor", Short.toString(replication));
            props.setProperty("transaction.state.log.min.isr", minIsr);
            props.setProperty("transaction.state.log.num.partitions", "5");
            props.setProperty("share.coordinator.state.topic.replication.factor", Short.toString(replication));
            props.setProperty("share.coordinator.state.topic.min.isr", minIsr);
            final KraftNode broker = new KraftNode(props, brokerDir);
            broker.format(clusterId);
            broker.start();
            brokers.add(broker);
            ports.add(port);
        }
        return new EmbeddedKafkaCluster(dir, controller, List.copyOf(brokers), List.copyOf(ports));
    }

    /** All brokers' addresses, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return brokerPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public int brokerCount() {
        return brokers.size();
    }

    /** Stops broker {@code id} (1-based) cleanly; its data stays. */
    public void stopBroker(final int id) {
        brokers.get(id - 1).stop();
    }

    /** Starts broker {@code id} again on its ports and data. */
    public void startBroker(final int id) {
        brokers.get(id - 1).start();
    }

    public boolean isRunning(final int id) {
        return brokers.get(id - 1).isRunning();
    }

    @Override
    public void close() {
        brokers.forEach(KraftNode::stop);
        controller.stop();
        Directories.deleteRecursively(dataDir);
    }
}
