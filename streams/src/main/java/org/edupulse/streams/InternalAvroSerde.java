package org.edupulse.streams;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.edupulse.serde.AvroOutput;

/**
 * Plain Avro binary, without a registry, for the topology's own state and repartition records:
 * nobody outside this application reads them, so a registry round-trip and subject per internal
 * topic would buy nothing and cost throughput. Changing an internal schema means resetting the
 * application's state, like any other change to a stateful topology.
 *
 * @param <T> the generated state record
 */
final class InternalAvroSerde<T extends SpecificRecord> implements Serde<T> {

    static {
        // Avro 1.12 loads only trusted classes by name; trust the generated state records of this module.
        final ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.isAnnotationPresent(AvroGenerated.class)));
    }

    /**
     * Writes with the generated classes' own encoders ({@code customEncode}), field by field in code
     * instead of Avro's generic walk with a reflective field lookup per field: the same bytes (the
     * state schemas have no logical types, so every state class has them; {@code
     * InternalAvroSerdeTest} checks the bytes), at a fraction of the cost. A private instance, so the
     * shared {@link SpecificData#get()} of the rest of the JVM is left as it is. Reading keeps Avro's
     * fast reader, which is already generated per schema.
     */
    private static final SpecificData CUSTOM_CODERS = customCoders();

    /** One decoder per thread, re-pointed at each record's bytes instead of allocated per record. */
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private final Schema schema;
    private final SpecificDatumWriter<T> writer;
    private final SpecificDatumReader<T> reader;

    InternalAvroSerde(final Class<T> type) {
        this.schema = SpecificData.get().getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, CUSTOM_CODERS);
        this.reader = new SpecificDatumReader<>(schema);
    }

    private static SpecificData customCoders() {
        final SpecificData data = new SpecificData(InternalAvroSerde.class.getClassLoader());
        data.setCustomCoders(true);
        return data;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                final AvroOutput out = AvroOutput.forThisThread();
                writer.write(value, out.encoder());
                return out.bytes();
            } catch (final IOException | RuntimeException e) {
                throw new SerializationException("Could not write " + schema.getFullName() + ": " + e.getMessage(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, DECODER.get());
                DECODER.set(decoder);
                return reader.read(null, decoder);
            } catch (final IOException | RuntimeException e) {
                throw new SerializationException("Could not read " + schema.getFullName() + ": " + e.getMessage(), e);
            }
        };
    }
}
