package org.edupulse.app;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.topics.Topics;

/**
 * The Kafka cluster and schema registry a command talks to: the ones the configuration names, or
 * embedded ones started here when it names none. The catalog's topics are created if missing.
 */
public final class Platform implements AutoCloseable {

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final Deque<AutoCloseable> started;

    private Platform(final String bootstrapServers, final String schemaRegistryUrl, final Deque<AutoCloseable> started) {
        this.bootstrapServers = bootstrapServers;
        this.schemaRegistryUrl = schemaRegistryUrl;
        this.started = started;
    }

    /** A class of the broker, in {@code edupulse-platform.jar}: the product jar itself carries only Kafka's clients. */
    static final String BROKER_CLASS = "kafka.server.KafkaRaftServer";

    /**
     * Fails with what to do when the embedded broker's classes are not on the class path: the product jar
     * leaves them to {@code edupulse-platform.jar}, which its manifest names, beside it.
     */
    static void requireEmbeddedBroker() {
        try {
            Class.forName(BROKER_CLASS, false, Platform.class.getClassLoader());
        } catch (final ClassNotFoundException e) {
            throw new IllegalStateException("the embedded broker is not here: it is in edupulse-platform.jar, which must "
                    + "sit beside edupulse.jar (mvn package builds both in app/target); or give --bootstrap-servers "
                    + "to use a Kafka cluster", e);
        }
    }

    /**
     * Starts what the configuration does not point at, then provisions the missing topics: with
     * replication factor 1 on the embedded broker, with the broker's default on a given cluster.
     */
    public static Platform start(final EduPulseConfig config) {
        final Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            String bootstrap = config.bootstrapServers();
            // The embedded broker is a single node; a cluster of the user's gets its own default.
            final short replication = bootstrap == null ? 1 : TopicProvisioner.BROKER_DEFAULT;
            if (bootstrap == null) {
                requireEmbeddedBroker();
                final Path kafkaDir = config.dataDir() == null ? null : config.dataDir().resolve("kafka");
                final EmbeddedKafka kafka = EmbeddedKafka.start(config.kafkaPort(), kafkaDir, Map.of());
                started.push(kafka);
                bootstrap = kafka.bootstrapServers();
            }
            String registryUrl = config.schemaRegistryUrl();
            if (registryUrl == null) {
                final SchemaRegistryServer registry = SchemaRegistryServer.start(
                        RegistryConfig.defaults(bootstrap).withPort(config.registryPort())
                                .withClientSettings(config.clientOverrides()));
                started.push(registry);
                registryUrl = registry.url();
            }
            try (Admin admin = admin(config, bootstrap)) {
                new TopicProvisioner(admin, replication).provision(Topics.ALL);
            }
            return new Platform(bootstrap, registryUrl, started);
        } catch (final RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** An admin client for {@code bootstrap} with the configuration's client security settings. */
    static Admin admin(final EduPulseConfig config, final String bootstrap) {
        final Map<String, Object> props = new HashMap<>(config.clientOverrides());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(props);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    @Override
    public void close() {
        closeAll(started);
    }

    private static void closeAll(final Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (final Exception e) {
                org.slf4j.LoggerFactory.getLogger(Platform.class).warn("Error while stopping the platform", e);
            }
        }
    }
}
