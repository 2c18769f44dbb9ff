package org.edupulse.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records in the Confluent wire format, fetching the writer's schema by id from the
 * registry. With {@code specific.avro.reader=true} it returns generated classes, resolving the
 * writer's schema against the class's own (so a newer writer's extra fields are skipped);
 * otherwise GenericRecords. An unknown magic byte or schema id fails with a
 * {@link SerializationException} that names the topic (Kafka's consumer adds the partition and
 * offset): the record is bad and stays bad. A registry that gives no answer is not the record's
 * fault: that fails with the client's {@link SchemaRegistryUnavailableException}, so that a caller
 * can keep the record and read it again later; nor is a registry that refuses this client's
 * credentials ({@link SchemaRegistryAuthenticationException}).
 */
public final class AvroDeserializer implements Deserializer<Object> {

    /** One decoder per thread, re-pointed at each record's bytes instead of allocated per record. */
    private static final ThreadLocal<BinaryDecoder> DECODER = new ThreadLocal<>();

    private SchemaRegistryClient registry;
    private boolean specificReader;
    private Schema readerSchema;
    private final Map<Schema, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    static {
        GeneratedClassTrust.install();
    }

    /** For Kafka, which configures it through {@link #configure(Map, boolean)}. */
    public AvroDeserializer() {
    }

    /**
     * For code that builds its deserializer with a client of its own.
     *
     * @param readerSchema the schema to read into, or null for the writer's (or the generated
     *                     class named by the writer's schema, with a specific reader)
     */
    public AvroDeserializer(final SchemaRegistryClient registry, final Map<String, ?> configs, final Schema readerSchema) {
        this.registry = registry;
        this.specificReader = SerdeConfig.from(configs).specificAvroReader();
        this.readerSchema = readerSchema;
    }

    /** A specific reader into {@code readerSchema} through a client its caller shares: see SpecificAvroSerde. */
    AvroDeserializer(final SchemaRegistryClient registry, final Schema readerSchema) {
        this.registry = registry;
        this.specificReader = true;
        this.readerSchema = readerSchema;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final SerdeConfig config = SerdeConfig.from(configs);
        this.registry = CachedSchemaRegistryClient.forUrls(config.registryUrls(), config.registryClient(),
                config.credentials());
        this.specificReader = config.specificAvroReader();
    }

    /** Reads into the given schema instead of the writer's: used by typed serdes. */
    void readInto(final Schema schema) {
        this.readerSchema = schema;
    }

    @Override
    public Object deserialize(final String topic, final byte[] data) {
        if (data == null) {
            return null;
        }
        final int id = WireFormat.schemaId(topic, data);
        final Schema writerSchema;
        try {
            writerSchema = registry.schemaById(id);
        } catch (final SchemaRegistryUnavailableException | SchemaRegistryAuthenticationException notAboutTheRecord) {
            throw notAboutTheRecord;
        } catch (final SchemaRegistryException e) {
            throw new SerializationException("Unknown schema id " + id + " in a record of topic " + topic + ": "
                    + e.getMessage(), e);
        }
        try {
            final BinaryDecoder reused = DECODER.get();
            final BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
                    data.length - WireFormat.HEADER_SIZE, reused);
            if (decoder != reused) {
                // Only the thread's first record makes a decoder; later ones re-point it.
                DECODER.set(decoder);
            }
            // A plain read first: computeIfAbsent with a method reference allocates the reference on every record.
            DatumReader<Object> reader = readers.get(writerSchema);
            if (reader == null) {
                reader = readers.computeIfAbsent(writerSchema, this::readerFor);
            }
            return reader.read(null, decoder);
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Could not read a record of topic " + topic + " written with schema id "
                    + id + " (" + writerSchema.getFullName() + "): " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> readerFor(final Schema writerSchema) {
        if (!specificReader) {
            return new GenericDatumReader<>(writerSchema, readerSchema == null ? writerSchema : readerSchema);
        }
        final Schema target = readerSchema != null ? readerSchema : specificSchemaOf(writerSchema);
        return new SpecificDatumReader<>(writerSchema, target, SpecificData.getForSchema(target));
    }

    private static Schema specificSchemaOf(final Schema writerSchema) {
        final Class<?> generated = SpecificData.get().getClass(writerSchema);
        if (generated == null) {
            throw new SerializationException("No generated class " + writerSchema.getFullName()
                    + " on the classpath for specific.avro.reader=true");
        }
        return SpecificData.get().getSchema(generated);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
