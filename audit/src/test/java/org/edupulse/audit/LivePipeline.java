package org.edupulse.audit;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.edupulse.platform.CommitProgress;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.registry.RegistryConfig;
import org.edupulse.registry.SchemaRegistryServer;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.streams.TestApplication;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * The live side of the audit ITs: the in-JVM broker and registry, the indicators topology running
 * as a real exactly-once Kafka Streams application, and the means to publish batches, wait until
 * they are fully processed, and note an instant the log can be audited at.
 */
final class LivePipeline implements AutoCloseable {

    private static final String APPLICATION_ID = "edupulse-indicators-audit-it";
    private static final List<Topic<String, ?>> RAW = Topics.INDICATOR_INPUTS;

    private final EmbeddedKafka kafka;
    private final SchemaRegistryServer registry;
    private final Admin admin;
    private final KafkaStreams streams;
    private final EventPublisher publisher;

    LivePipeline(final Path stateDir) {
        this.kafka = EmbeddedKafka.startEphemeral();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        new TopicProvisioner(admin, (short) 1).provision(Topics.ALL);
        this.registry = SchemaRegistryServer.start(RegistryConfig.defaults(kafka.bootstrapServers()).withPort(0));
        this.streams = TestApplication.streams(TestApplication.properties(APPLICATION_ID, kafka.bootstrapServers(),
                registry.url(), stateDir));
        streams.start();
        this.publisher = new EventPublisher(PublisherConfig.of(kafka.bootstrapServers(), registry.url()));
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String registryUrl() {
        return registry.url();
    }

    /** Publishes the events in order and waits until every one is acknowledged. */
    void publish(final List<SimulatedEvent> events) {
        final List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (final SimulatedEvent event : events) {
            sent.add(publisher.send(event.value()));
        }
        publisher.flush();
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    /** Appends a value of the test's own making to the history topic, as if the pipeline had published it. */
    void publishToHistory(final IndicatorSet set) throws Exception {
        final Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url());
        try (KafkaProducer<String, IndicatorSet> producer = new KafkaProducer<>(props, new StringSerializer(),
                SpecificAvroSerde.of(IndicatorSet.class, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registry.url()),
                        false).serializer())) {
            producer.send(new ProducerRecord<>(Topics.INDICATOR_HISTORY.name(), set.getUnitId(), set)).get();
        }
    }

    /**
     * Waits until the application has consumed every raw record and its history topic has stopped
     * growing for two polls in a row: every batch so far is processed and published.
     */
    void awaitQuiet() {
        final AtomicReference<Map<TopicPartition, Long>> previous = new AtomicReference<>(Map.of());
        final int[] stableFor = {0};
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(700)).until(() -> {
            final Map<TopicPartition, Long> history = ends(List.of(Topics.INDICATOR_HISTORY));
            final boolean consumed = rawConsumed();
            final boolean unchanged = history.equals(previous.getAndSet(history));
            stableFor[0] = consumed && unchanged ? stableFor[0] + 1 : 0;
            return stableFor[0] >= 2;
        });
    }

    /** An instant after everything appended so far; anything appended later has a later timestamp. */
    Instant noteInstant() {
        final Instant noted = Instant.now();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
                .until(() -> Instant.now().isAfter(noted.plusMillis(5)));
        return noted;
    }

    /**
     * Whether the application has committed everything its raw input implies: no transaction of it
     * open, every raw partition committed to its end, every repartition partition (including one not
     * committed yet at all) consumed up to its last commit marker.
     */
    private boolean rawConsumed() throws Exception {
        return CommitProgress.toEndsNow(admin, APPLICATION_ID, RAW.stream().map(Topic::name).toList()).read()
                .caughtUp();
    }

    private Map<TopicPartition, Long> ends(final List<Topic<String, ?>> topics) throws Exception {
        final Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (final Topic<String, ?> topic : topics) {
            for (int p = 0; p < topic.partitions(); p++) {
                request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        return ends(request);
    }

    private Map<TopicPartition, Long> ends(final Map<TopicPartition, OffsetSpec> request) throws Exception {
        final Map<TopicPartition, Long> ends = new HashMap<>();
        for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e : admin.listOffsets(request,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().entrySet()) {
            ends.put(e.getKey(), e.getValue().offset());
        }
        return ends;
    }

    /** A generated record, typed, for tests that publish their own events. */
    void send(final SpecificRecord record) {
        publisher.send(record).join();
    }

    @Override
    public void close() {
        publisher.close();
        streams.close(Duration.ofSeconds(30));
        registry.close();
        admin.close();
        kafka.close();
    }
}
