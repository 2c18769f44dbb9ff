package org.edupulse.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The deployment contract on the real images: Apache Kafka's and Confluent's schema registry.
 * Passing here is what shows that our serde speaks Confluent's wire format and REST API with
 * Confluent's own registry. Skipped, not failed, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersPlatformIT extends PlatformContract {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.3.1");
    static final DockerImageName REGISTRY_IMAGE = DockerImageName.parse("confluentinc/cp-schema-registry:7.9.0");

    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer(KAFKA_IMAGE)
            .withNetwork(NETWORK)
            .withListener("kafka:19092");

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>(REGISTRY_IMAGE)
            .withNetwork(NETWORK)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            .dependsOn(KAFKA)
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

    @BeforeAll
    static void provisionTopics() {
        provision(KAFKA.getBootstrapServers());
    }

    @Override
    String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    String schemaRegistryUrl() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
    }
}
