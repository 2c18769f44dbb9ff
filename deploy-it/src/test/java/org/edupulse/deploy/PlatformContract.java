package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.app.IndicatorsApp;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.HistoryGenerator;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment contract, one body per promise, run against every platform EduPulse deploys on:
 * the embedded one here ({@link EmbeddedPlatformIT}) and real containers with Confluent's registry
 * wherever Docker runs ({@link ContainersPlatformIT}). A subclass only says where Kafka and the
 * registry are.
 */
abstract class PlatformContract {

    /** The small profile: every kind of event, a few hundred of them. */
    static final long SEED = 7L;

    @TempDir
    Path stateDir;

    abstract String bootstrapServers();

    abstract String schemaRegistryUrl();

    /** Creates the catalog's missing topics with the platform's replication factor. */
    static void provision(final String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
        }
    }

    @Test
    void shouldReadBackThroughTheRegistryWhatOurSerdePublished() throws Exception {
        // Given the small history published with our serializer (the whole of it, schools first,
        // so that the pipeline body finds the same log whichever body runs first)
        final List<SimulatedEvent> history = new HistoryGenerator().events(Profile.SMALL, SEED);
        final List<TrainingEvent> sent = new ArrayList<>();
        for (final SimulatedEvent event : history) {
            if (event.value() instanceof TrainingEvent training) {
                sent.add(training);
            }
        }
        publish(history.stream().map(SimulatedEvent::value).toList());

        // When they are read back with our deserializer, which fetches the writer schema by id
        final List<TrainingEvent> received = new ArrayList<>();
        try (KafkaConsumer<String, TrainingEvent> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                SpecificAvroSerde.of(TrainingEvent.class,
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl()), false).deserializer())) {
            consumer.subscribe(List.of(Topics.TRAINING_EVENTS.name()));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ZERO).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> received.add(record.value()));
                assertThat(received).containsAll(sent);
            });
        }

        // Then the registry holds the subject under Confluent's default naming strategy
        final HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(schemaRegistryUrl() + "/subjects")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).contains("\"" + Topics.TRAINING_EVENTS.name() + "-value\"");
    }

    @Test
    void shouldPublishTheIndicatorsOfASmallHistory() throws Exception {
        // Given the pipeline running against the platform
        final List<SimulatedEvent> history = new HistoryGenerator().events(Profile.SMALL, SEED);
        final ExpectedFigures expected = ExpectedFigures.of(history);
        try (IndicatorsApp app = new IndicatorsApp(bootstrapServers(), schemaRegistryUrl(),
                "contract-" + UUID.randomUUID(), stateDir)) {
            app.start();

            // When the small history is published
            publish(history.stream().map(SimulatedEvent::value).toList());

            // Then every district and the province publish the independently folded figures
            try (PublishedFigures published = new PublishedFigures(bootstrapServers(), schemaRegistryUrl(),
                    "contract-reader-" + UUID.randomUUID())) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ZERO).untilAsserted(() ->
                        PublishedFigures.assertMatches(published.poll(), expected));
            }
        }
    }

    private void publish(final List<? extends SpecificRecord> values) throws Exception {
        try (EventPublisher publisher = new EventPublisher(PublisherConfig.of(bootstrapServers(), schemaRegistryUrl()))) {
            final List<CompletableFuture<?>> acks = new ArrayList<>();
            values.forEach(value -> acks.add(publisher.send(value)));
            publisher.flush();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        }
    }
}
