package org.edupulse.deploy;

import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The deployment contract on the in-JVM broker and embedded registry: what runs on every machine. */
class EmbeddedPlatformIT extends PlatformContract {

    private static EmbeddedKafka kafka;
    private static SchemaRegistryServer registry;

    @BeforeAll
    static void startPlatform() {
        kafka = EmbeddedKafka.startEphemeral();
        registry = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        provision(kafka.bootstrapServers());
    }

    @AfterAll
    static void stopPlatform() {
        if (registry != null) {
            registry.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Override
    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    String schemaRegistryUrl() {
        return registry.url();
    }
}
