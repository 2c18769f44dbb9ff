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
import org.edupulse.serde.AvroDeserializer;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.simulate.SimulatedEvent;
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
 * record, cycling through {@value #RECORDS} records of every event type.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerdeBenchmark {

    static final int RECORDS = 4_096;
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
