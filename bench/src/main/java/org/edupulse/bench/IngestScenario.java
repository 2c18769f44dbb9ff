package org.edupulse.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.producers.EventPublisher;
import org.edupulse.producers.PublisherConfig;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.simulate.SimulatedEvent;

/**
 * Scenario 1: Kafka's ProducerPerformance against our EventPublisher, alternating in each
 * repetition, same broker, same producer settings (taken from {@link PublisherConfig}), same record
 * size (the average key plus wire-format value of the events we send). Ours validates, routes and
 * serializes real simulator events through the registry-backed Avro serde; Kafka's sends
 * pre-generated random bytes with null keys, which is its ceiling.
 */
final class IngestScenario {

    static final String SCENARIO = "1 ingest";
    /** Issue #19: EventPublisher at least 0.8 of ProducerPerformance. */
    static final double TARGET_RATIO = 0.8;
    static final String REFERENCE_TOPIC = "bench.producer-performance";

    private final BenchBroker broker;
    private final BenchSettings settings;
    private final PrintWriter log;

    IngestScenario(final BenchBroker broker, final BenchSettings settings, final PrintWriter log) {
        this.broker = broker;
        this.settings = settings;
        this.log = log;
    }

    List<Result> run(final EventCorpus corpus) {
        final List<SimulatedEvent> events = corpus.list(settings.ingestRecords());
        final int recordSize = EventCorpus.averageWireSize(events);
        final PublisherConfig config = PublisherConfig.of(broker.bootstrapServers(), broker.schemaRegistryUrl());
        final Map<String, Object> shared = sharedProducerSettings(config);
        // The reference topic is configured like the raw event topics ours write to (append-time stamps).
        broker.createTopic(REFERENCE_TOPIC, org.edupulse.topics.Topics.EVENT_PARTITIONS,
                org.edupulse.topics.Topics.TRAINING_EVENTS.config());

        final int warmUp = Math.max(1, events.size() / 5);
        KafkaTools.producerPerformance(broker.bootstrapServers(), REFERENCE_TOPIC, warmUp, recordSize, shared);
        publish(config, events.subList(0, warmUp));

        final List<ProducerRecord<String, byte[]>> serialized = serialized(config, events);

        final List<Double> kafka = new ArrayList<>();
        final List<Double> ours = new ArrayList<>();
        final List<Double> preSerialized = new ArrayList<>();
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            final KafkaTools.ProducerFigures reference = KafkaTools.producerPerformance(broker.bootstrapServers(),
                    REFERENCE_TOPIC, events.size(), recordSize, shared);
            kafka.add(reference.recordsPerSecond());
            ours.add(publish(config, events));
            preSerialized.add(sendBytes(config, shared, serialized));
            log.printf("  ingest %d/%d: ProducerPerformance %.0f records/s, EventPublisher %.0f records/s,"
                    + " the same records pre-serialized %.0f records/s%n", rep, settings.repetitions(),
                    kafka.get(rep - 1), ours.get(rep - 1), preSerialized.get(rep - 1));
            log.flush();
        }
        return List.of(Result.throughputVs(SCENARIO, "records/s", ours, kafka, TARGET_RATIO,
                String.format(java.util.Locale.ROOT, "%,d records per side and repetition, %d B average (key + value);"
                        + " reference: ProducerPerformance, random payloads, null keys; settings %s", events.size(),
                        recordSize, shared)),
                Result.throughputAgainst(SCENARIO, "pre-serialized rec/s", preSerialized, kafka,
                        "breakdown: a KafkaProducer with the same settings sending our records already in wire format"
                                + " (same keys and topics, no validation, no Avro on the sending thread)"));
    }

    /** Our events in wire format with their keys and topics, serialized once, before any clock starts. */
    private static List<ProducerRecord<String, byte[]>> serialized(final PublisherConfig config,
                                                                   final List<SimulatedEvent> events) {
        final List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.size());
        try (AvroSerializer serializer = new AvroSerializer()) {
            serializer.configure(config.producerProperties(), false);
            for (final SimulatedEvent event : events) {
                final String topic = event.topic().name();
                records.add(new ProducerRecord<>(topic, event.key(), serializer.serialize(topic, event.value())));
            }
        }
        return records;
    }

    /** Sends pre-serialized records through a plain producer; records/s from the first send to the flush. */
    private static double sendBytes(final PublisherConfig config, final Map<String, Object> shared,
                                    final List<ProducerRecord<String, byte[]>> records) {
        final Map<String, Object> props = new LinkedHashMap<>(shared);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            final long start = System.nanoTime();
            for (final ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
            }
            producer.flush();
            return records.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Sends every event through a new publisher; records/s from the first send to the last acknowledgement. */
    private static double publish(final PublisherConfig config, final List<SimulatedEvent> events) {
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (EventPublisher publisher = new EventPublisher(config)) {
            final long start = System.nanoTime();
            for (final SimulatedEvent event : events) {
                publisher.send(event.value()).whenComplete((metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(null, error);
                    }
                });
            }
            publisher.flush();
            final long elapsed = System.nanoTime() - start;
            if (failure.get() != null || acknowledged.get() != events.size()) {
                throw new IllegalStateException("EventPublisher: " + acknowledged.get() + " of " + events.size()
                        + " acknowledged", failure.get());
            }
            return events.size() / (elapsed / 1e9);
        }
    }

    /** The publisher's producer settings that are not about serde or address: Kafka's tool gets the same. */
    static Map<String, Object> sharedProducerSettings(final PublisherConfig config) {
        final Map<String, Object> shared = new LinkedHashMap<>(new java.util.TreeMap<>(config.producerProperties()));
        shared.remove(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        shared.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        shared.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        shared.remove(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG);
        return shared;
    }
}
