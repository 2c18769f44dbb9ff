package org.edupulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.edupulse.producers.EventRoutes;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.serde.AvroDeserializer;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.simulate.SimulatedEvent;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.edupulse.topics.Topics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Scenario 5's JMH benchmark: our Confluent-wire-format serializer and deserializer (schema id
 * lookup in a {@code mock://} registry, so no network) against Avro's plain
 * {@code SpecificDatumWriter}/{@code SpecificDatumReader} with a reused binary encoder and decoder,
 * the fastest way to use Avro by hand, over the same mixed simulator records. One operation is one
 * record, cycling through {@value #RECORDS} records of every event type. The {@code ...Set} pair writes
 * what the pipeline publishes instead: {@value #SETS} schools' {@code IndicatorSet}s with every indicator of
 * the catalog.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    static final int RECORDS = 4_096;
    static final int SETS = 64;
    private static final String SCOPE = "bench-serde";

    private Object[] values;
    private String[] topics;
    private byte[][] wire;
    private byte[][] plain;
    private SpecificDatumWriter<Object>[] writers;
    private SpecificDatumReader<Object>[] readers;
    private AvroSerializer serializer;
    private AvroDeserializer deserializer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    private BinaryEncoder encoder;
    private BinaryDecoder decoder;
    private int next;
    private IndicatorSet[] sets;
    private SpecificDatumWriter<IndicatorSet> setWriter;
    private int nextSet;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() throws IOException {
        final List<SimulatedEvent> events = sample();
        final Map<String, Object> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + SCOPE,
                SerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
        serializer = new AvroSerializer();
        serializer.configure(config, false);
        deserializer = new AvroDeserializer();
        deserializer.configure(config, false);
        final int n = events.size();
        values = new Object[n];
        topics = new String[n];
        wire = new byte[n][];
        plain = new byte[n][];
        writers = new SpecificDatumWriter[n];
        readers = new SpecificDatumReader[n];
        final Map<Schema, SpecificDatumWriter<Object>> writerBySchema = new HashMap<>();
        final Map<Schema, SpecificDatumReader<Object>> readerBySchema = new HashMap<>();
        for (int i = 0; i < n; i++) {
            final SimulatedEvent event = events.get(i);
            final Schema schema = event.value().getSchema();
            values[i] = event.value();
            topics[i] = EventRoutes.of(event.value()).topic().name();
            writers[i] = writerBySchema.computeIfAbsent(schema, SpecificDatumWriter::new);
            readers[i] = readerBySchema.computeIfAbsent(schema, SpecificDatumReader::new);
            wire[i] = serializer.serialize(topics[i], values[i]);
            plain[i] = plainWrite(i);
        }
        sets = new IndicatorSet[SETS];
        for (int i = 0; i < SETS; i++) {
            sets[i] = schoolSet(i);
        }
        setWriter = new SpecificDatumWriter<>(IndicatorSet.getClassSchema());
    }

    /**
     * A school's published set: every indicator of the catalog, the ratios defined or (one school in eight)
     * undefined with their reason, as {@code IndicatorSets} publishes them.
     */
    static IndicatorSet schoolSet(final int school) {
        final Map<String, IndicatorValue> indicators = new java.util.TreeMap<>();
        int n = school;
        for (final IndicatorDefinition definition : IndicatorCatalog.all()) {
            final double numerator = n++ % 37;
            if (!definition.isRatio()) {
                indicators.put(definition.id(), new IndicatorValue(numerator, null, numerator, null));
            } else {
                final double denominator = school % 8 == 0 ? 0 : 40 + school;
                final Double value = definition.valueOf(numerator, denominator);
                indicators.put(definition.id(), new IndicatorValue(numerator, denominator, value,
                        value == null ? definition.undefinedReason() : null));
            }
        }
        final java.time.Instant asOf = java.time.Instant.parse("2025-06-30T09:15:00Z").plusSeconds(school);
        return IndicatorSet.newBuilder().setUnitId("DB-SCH-" + school).setUnitName("Trường TH số " + school)
                .setLevel(UnitLevel.SCHOOL).setAsOf(asOf).setCatalogVersion(IndicatorCatalog.VERSION)
                .setIndicators(indicators).setEvaluatedAt(asOf).setDataThrough(asOf).setParentId("DB-C-" + school % 20)
                .setParentName("Xã " + school % 20).setDistrictId("DB-D-" + school % 10)
                .setDistrictName("Huyện " + school % 10)
                .build();
    }

    /** The same mixed records for every fork: every 25th record of the dien-bien-2025 history. */
    static List<SimulatedEvent> sample() {
        final List<SimulatedEvent> all = EventCorpus.dienBien().list(RECORDS * 25);
        final List<SimulatedEvent> sample = new java.util.ArrayList<>(RECORDS);
        for (int i = 0; i < all.size(); i += 25) {
            sample.add(all.get(i));
        }
        return sample;
    }

    @Benchmark
    public byte[] oursSerialize() {
        final int i = advance();
        return serializer.serialize(topics[i], values[i]);
    }

    @Benchmark
    public byte[] plainAvroSerialize() throws IOException {
        return plainWrite(advance());
    }

    @Benchmark
    public Object oursDeserialize() {
        final int i = advance();
        return deserializer.deserialize(topics[i], wire[i]);
    }

    @Benchmark
    public Object plainAvroDeserialize() throws IOException {
        final int i = advance();
        decoder = DecoderFactory.get().binaryDecoder(plain[i], decoder);
        return readers[i].read(null, decoder);
    }

    @Benchmark
    public byte[] oursSerializeSet() {
        return serializer.serialize(Topics.SCHOOL_INDICATORS.name(), sets[advanceSet()]);
    }

    @Benchmark
    public byte[] plainAvroSerializeSet() throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        setWriter.write(sets[advanceSet()], encoder);
        encoder.flush();
        return buffer.toByteArray();
    }

    private int advanceSet() {
        final int i = nextSet;
        nextSet = i + 1 == SETS ? 0 : i + 1;
        return i;
    }

    private byte[] plainWrite(final int i) throws IOException {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        writers[i].write(values[i], encoder);
        encoder.flush();
        return buffer.toByteArray();
    }

    private int advance() {
        final int i = next;
        next = i + 1 == values.length ? 0 : i + 1;
        return i;
    }
}
