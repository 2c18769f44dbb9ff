package org.edupulse.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.IndicatorsTopology;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.topics.Topics;

/**
 * The live topology, built by the live code, run in-process by Kafka's {@link TopologyTestDriver}:
 * no consumer group, no producer, no offsets, state in a temporary directory deleted on close. It
 * keeps the last IndicatorSet of every unit and, for lineage, what the ingest step made of each
 * record: admitted training facts and dead letters. Every output queue the driver keeps is drained
 * as it goes, so memory stays flat over long histories.
 */
final class TopologyRun implements AutoCloseable {

    /**
     * Names no group and no topic on any broker: the driver only prefixes internal topics with it.
     * Short, and with a dot after a short first word, because the driver compiles every source
     * topic name as a regular expression for every record it routes, and that compilation is still
     * a quarter of a replay's time; a long literal prefix is the expensive case (Boyer-Moore tables).
     */
    static final String APPLICATION_ID = "audit.replay";
    private static final String TRAINING_REPARTITION = APPLICATION_ID + "-training-by-district-repartition";
    private static final int DRAIN_EVERY = 2_000;

    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
    private final Deserializer<IndicatorSet> indicatorSets;
    private final Deserializer<DeadLetter> deadLetters;
    private final SpecificDatumReader<TrainingFact> factReader;
    private final StringDeserializer keys = new StringDeserializer();
    private final Map<String, IndicatorSet> latest = new TreeMap<>();
    private final List<TrainingFact> facts = new ArrayList<>();
    private final List<DeadLetter> rejected = new ArrayList<>();
    private final Map<String, List<RawRecord>> piped = new HashMap<>();
    private final Map<String, Map<String, List<RawRecord>>> sources = new HashMap<>();
    private long sincePiped;

    TopologyRun(final IndicatorsConfig config, final String registryUrl) {
        try {
            this.stateDir = Files.createTempDirectory("edupulse-audit-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create a state directory for the replay", e);
        }
        final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        // Never contacted: the driver has no network client.
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay.invalid:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Tables the DSL materializes are kept in memory: a replay is rebuilt from the log every time.
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        // The driver commits after every record, so caches would collapse nothing; uncached, every
        // change runs depth-first (exact at every step) and a replay runs about 1.5x faster.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // The driver hands over one record at a time and processes whatever is queued either way;
        // with idling disabled the task skips building (and formatting) a "waiting for data"
        // message for every empty input partition before every record, a tenth of a replay's time.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        this.driver = new TopologyTestDriver(new IndicatorsTopology(config.forReplay(), serdeConfig).build(), props);
        // Only now: building the topology is what makes Avro trust the generated state classes.
        this.factReader = new SpecificDatumReader<>(TrainingFact.class);
        this.indicatorSets = SpecificAvroSerde.of(IndicatorSet.class, serdeConfig, false).deserializer();
        this.deadLetters = SpecificAvroSerde.of(DeadLetter.class, serdeConfig, false).deserializer();
        for (final var topic : RawLog.REPLAYED) {
            inputs.put(topic.name(), driver.createInputTopic(topic.name(), new ByteArraySerializer(), new ByteArraySerializer()));
        }
    }

    /** Feeds one raw record with its original key and (registry-translated) value at {@code timestamp}. */
    void pipe(final RawRecord record, final byte[] value, final long timestamp) {
        inputs.get(record.topic()).pipeInput(new TestRecord<>(record.key(), value, new RecordHeaders(), timestamp));
        // The driver numbers each input topic's records from 0: remember which log record each one was.
        piped.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record);
        if (++sincePiped >= DRAIN_EVERY) {
            drain();
        }
    }

    /** The last IndicatorSet of every unit, districts and provinces, by unit id. */
    Map<String, IndicatorSet> latest() {
        drain();
        return latest;
    }

    /**
     * Every training fact the ingest step admitted, with its log record: the first delivery of its
     * event id and time that was not dead-lettered (re-sends after it are dropped without a trace).
     */
    List<AdmittedFact> admittedFacts() {
        drain();
        final Set<RawRecord> deadLettered = Collections.newSetFromMap(new IdentityHashMap<>());
        for (final DeadLetter letter : rejected) {
            if (piped.containsKey(letter.getSourceTopic())) {
                deadLettered.add(source(letter.getSourceTopic(), letter.getSourceOffset()));
            }
        }
        final Map<String, RawRecord> firstAdmitted = new HashMap<>();
        for (final RawRecord record : piped.getOrDefault(Topics.TRAINING_EVENTS.name(), List.of())) {
            if (record.decoded() != null && !deadLettered.contains(record)) {
                firstAdmitted.putIfAbsent(record.decoded().eventId() + "|" + record.decoded().occurredAt(), record);
            }
        }
        final List<AdmittedFact> admitted = new ArrayList<>(facts.size());
        for (final TrainingFact fact : facts) {
            final RawRecord source = firstAdmitted.get(fact.getEventId() + "|" + fact.getOccurredAt());
            if (source == null) {
                throw new IllegalStateException("No source record for admitted training event " + fact.getEventId());
            }
            admitted.add(new AdmittedFact(fact, source));
        }
        return admitted;
    }

    /** Dead letters the ingest step wrote, in order. */
    List<DeadLetter> deadLetters() {
        drain();
        return rejected;
    }

    /** The log record the driver numbered {@code replayOffset} on {@code topic}. */
    RawRecord source(final String topic, final long replayOffset) {
        return piped.getOrDefault(topic, List.of()).get((int) replayOffset);
    }

    /**
     * The record that delivered {@code eventId} on {@code topic}: the first delivery for events (a
     * re-send is the same record and was dropped), the last one for a school version (a correction
     * replaces it). Null if none was replayed.
     */
    RawRecord sourceOf(final String topic, final String eventId) {
        final boolean last = Topics.SCHOOLS.name().equals(topic);
        RawRecord found = null;
        for (final RawRecord record : index(topic).getOrDefault(eventId, List.of())) {
            if (found == null || last) {
                found = record;
            }
        }
        return found;
    }

    private Map<String, List<RawRecord>> index(final String topic) {
        return sources.computeIfAbsent(topic, t -> {
            final Map<String, List<RawRecord>> byId = new HashMap<>();
            for (final RawRecord record : piped.getOrDefault(t, List.of())) {
                if (record.decoded() != null) {
                    byId.computeIfAbsent(record.decoded().eventId(), id -> new ArrayList<>()).add(record);
                }
            }
            return byId;
        });
    }

    <K, V> KeyValueStore<K, V> store(final String name) {
        return driver.getKeyValueStore(name);
    }

    private void drain() {
        sincePiped = 0;
        for (final String topic : driver.producedTopicNames()) {
            final TestOutputTopic<byte[], byte[]> output = outputs.computeIfAbsent(topic,
                    t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            if (output.isEmpty()) {
                continue;
            }
            final List<KeyValue<byte[], byte[]>> records = output.readKeyValuesToList();
            if (topic.equals(Topics.DISTRICT_INDICATORS.name()) || topic.equals(Topics.PROVINCE_INDICATORS.name())) {
                for (final KeyValue<byte[], byte[]> record : records) {
                    latest.put(keys.deserialize(topic, record.key), indicatorSets.deserialize(topic, record.value));
                }
            } else if (topic.equals(TRAINING_REPARTITION)) {
                records.forEach(record -> facts.add(fact(record.value)));
            } else if (topic.equals(Topics.DEAD_LETTER.name())) {
                records.forEach(record -> rejected.add(deadLetters.deserialize(topic, record.value)));
            }
        }
    }

    private TrainingFact fact(final byte[] value) {
        try {
            return factReader.read(null, DecoderFactory.get().binaryDecoder(value, null));
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read a training fact of the replay", e);
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(final Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not delete the replay's state directory " + dir, e);
        }
    }
}
