package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The registry is stopped and restarted while producers run: a producer that has its schema
 * cached keeps publishing, a producer that must register a schema retries until the registry is
 * back, and every event reaches Kafka exactly once.
 */
class RegistryRestartIT {

    @Test
    void shouldKeepPublishingWhileTheRegistryRestarts() throws Exception {
        // Given a broker, the registry and a producer that has registered the training schema
        final List<TrainingEvent> training = new ArrayList<>();
        final List<DeviceEvent> devices = new ArrayList<>();
        for (final SimulatedEvent event : new HistoryGenerator().events(Profile.SMALL, 11L)) {
            if (event.value() instanceof TrainingEvent t) {
                training.add(t);
            } else if (event.value() instanceof DeviceEvent d) {
                devices.add(d);
            }
        }
        final int half = training.size() / 2;
        try (EmbeddedKafka kafka = EmbeddedKafka.startEphemeral()) {
            PlatformContract.provision(kafka.bootstrapServers());
            final RegistryConfig config = RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0);
            SchemaRegistryServer registry = SchemaRegistryServer.start(config);
            final String url = registry.url();
            final int port = URI.create(url).getPort();
            try (EventPublisher cached = new EventPublisher(PublisherConfig.of(kafka.bootstrapServers(), url));
                 EventPublisher fresh = new EventPublisher(PublisherConfig.of(kafka.bootstrapServers(), url))) {
                sendAll(cached, training.subList(0, half)).get(1, TimeUnit.MINUTES);

                // When the registry goes away
                registry.close();

                // Then the producer with the cached schema keeps publishing
                sendAll(cached, training.subList(half, training.size())).get(1, TimeUnit.MINUTES);

                // ... and one that must register a new schema waits, retrying, until the registry is back
                final CompletableFuture<Void> registering = CompletableFuture.supplyAsync(() -> sendAll(fresh, devices))
                        .thenCompose(acks -> acks);
                await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !registering.isDone());
                registry = restart(config.withPort(port));
                registering.get(1, TimeUnit.MINUTES);
            } finally {
                registry.close();
            }

            // ... and every event is in Kafka, once: as many records as were sent
            assertThat(recordCount(kafka.bootstrapServers(), Topics.TRAINING_EVENTS.name(), training.size()))
                    .isEqualTo(training.size());
            assertThat(recordCount(kafka.bootstrapServers(), Topics.DEVICE_EVENTS.name(), devices.size()))
                    .isEqualTo(devices.size());
        }
    }

    /** Starts the registry on its old port; the port may take a moment to be free again. */
    private static SchemaRegistryServer restart(final RegistryConfig config) {
        final SchemaRegistryServer[] started = new SchemaRegistryServer[1];
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            started[0] = SchemaRegistryServer.start(config);
            return true;
        });
        return started[0];
    }

    private static CompletableFuture<Void> sendAll(final EventPublisher publisher, final List<? extends SpecificRecord> events) {
        final List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>();
        events.forEach(event -> acks.add(publisher.send(event)));
        publisher.flush();
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new));
    }

    /** Reads the topic until {@code expected} records arrived, then once more, and returns how many it holds. */
    private static int recordCount(final String bootstrap, final String topic, final int expected) {
        final List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "registry-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.key()));
                return values.size() >= expected;
            });
            // one more poll: a duplicate would show up as an extra record
            consumer.poll(Duration.ofSeconds(1)).forEach(record -> values.add(record.key()));
        }
        return values.size();
    }
}
