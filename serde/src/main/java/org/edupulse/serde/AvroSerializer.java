package org.edupulse.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, registering or looking
 * up their schema in the registry. A drop-in for Confluent's {@code KafkaAvroSerializer}: same
 * configuration keys, same bytes. Null stays null, so tombstones pass through.
 */
public final class AvroSerializer implements Serializer<Object> {

    private SchemaRegistryClient registry;
    private SerdeConfig config;
    private boolean isKey;
    /** Schema id and writer per topic, record schema and class: resolved once, as the registry client caches ids forever. */
    private final Map<Target, Resolved> resolved = new ConcurrentHashMap<>();
    private final Map<String, Resolved> lastByTopic = new ConcurrentHashMap<>();

    private record Target(String topic, Schema schema, Class<?> type) {
    }

    private record Resolved(Target target, int id, DatumWriter<Object> writer) {
    }

    static {
        GeneratedClassTrust.install();
    }

    /** For Kafka, which configures it through {@link #configure(Map, boolean)}. */
    public AvroSerializer() {
    }

    /** For code that builds its serializer with a client of its own. */
    public AvroSerializer(final SchemaRegistryClient registry, final Map<String, ?> configs, final boolean isKey) {
        this.registry = registry;
        this.config = SerdeConfig.from(configs);
        this.isKey = isKey;
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        this.config = SerdeConfig.from(configs);
        this.registry = CachedSchemaRegistryClient.forUrls(config.registryUrls(), config.registryClient(),
                config.credentials());
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(final String topic, final Object data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("Cannot write a " + data.getClass().getName() + " to topic " + topic
                    + " as Avro: expected a generated Avro record or a GenericRecord");
        }
        final Schema ownSchema = container.getSchema();
        final Resolved writing = resolvedFor(topic, ownSchema, data);
        try {
            final AvroOutput out = AvroOutput.forThisThread();
            out.writeHeader(writing.id());
            writing.writer().write(data, out.encoder());
            return out.bytes();
        } catch (final IOException | RuntimeException e) {
            throw new SerializationException("Could not write a " + ownSchema.getFullName() + " to topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The schema id and writer of {@code data} on {@code topic}. A topic nearly always carries one
     * record type, so the last one resolved for the topic is checked first (by identity, no hashing
     * of schemas); any other combination is looked up by topic, schema and class.
     */
    private Resolved resolvedFor(final String topic, final Schema ownSchema, final Object data) {
        final Resolved last = lastByTopic.get(topic);
        if (last != null && last.target().schema() == ownSchema && last.target().type() == data.getClass()) {
            return last;
        }
        final Target target = new Target(topic, ownSchema, data.getClass());
        Resolved writing = resolved.get(target);
        if (writing == null) {
            writing = resolve(target, data);
            resolved.put(target, writing);
        }
        lastByTopic.put(topic, writing);
        return writing;
    }

    /** Registers or looks up the schema id for the topic's subject and builds the writer; failures are not cached. */
    private Resolved resolve(final Target target, final Object data) {
        final String topic = target.topic();
        final Schema ownSchema = target.schema();
        final String subject = (isKey ? config.keySubjectStrategy() : config.valueSubjectStrategy())
                .subject(topic, isKey, ownSchema);
        try {
            if (config.useLatestVersion()) {
                final RegisteredSchema latest = registry.latest(subject);
                return new Resolved(target, latest.id(), writerFor(latest.schema(), data));
            }
            final int id = config.autoRegisterSchemas() ? registry.register(subject, ownSchema)
                    : registry.idOf(subject, ownSchema);
            return new Resolved(target, id, writerFor(ownSchema, data));
        } catch (final SchemaRegistryException e) {
            throw new SerializationException("Could not get a schema id for subject " + subject + " of topic "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    private static DatumWriter<Object> writerFor(final Schema schema, final Object sample) {
        if (sample instanceof SpecificRecord record) {
            return new SpecificDatumWriter<>(schema, modelFor(record, schema));
        }
        return new GenericDatumWriter<>(schema);
    }

    /**
     * The generated class's model, with Avro's generated coders on when {@code schema} is the class's own: the
     * records Avro generates them for (those without logical types, e.g. each {@code IndicatorValue} of an
     * {@code IndicatorSet}) are then written field by field by their own code instead of through Avro's
     * generic writer, which looks up every union's branch by name; the bytes are the same (BENCHMARKS.md,
     * "Session 23"). Avro leaves them off by default ({@code org.apache.avro.specific.use_custom_coders}). Another
     * writer schema (a registry's latest version) is written the generic way, since a generated coder writes
     * only its class's own schema.
     */
    private static SpecificData modelFor(final SpecificRecord record, final Schema schema) {
        final SpecificData own = SpecificData.getForClass(record.getClass());
        if (!schema.equals(record.getSchema())) {
            return own;
        }
        final SpecificData model = new SpecificData(record.getClass().getClassLoader());
        own.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(true);
        return model;
    }

    @Override
    public void close() {
        // nothing to release: the HTTP client closes with the JVM
    }
}
