package org.edupulse.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka Streams serde for one generated Avro class in the Confluent wire format, the
 * counterpart of Confluent's {@code SpecificAvroSerde}. Records are always read into
 * {@code type}'s schema, so a topology keeps working while writers evolve compatibly.
 *
 * @param <T> the generated record class
 */
public final class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final AvroSerializer serializer = new AvroSerializer();
    private final AvroDeserializer deserializer = new AvroDeserializer();

    public SpecificAvroSerde(final Class<T> type) {
        this.type = type;
    }

    /** A serde for {@code type}, already configured with {@code configs}. */
    public static <T extends SpecificRecord> SpecificAvroSerde<T> of(final Class<T> type, final Map<String, ?> configs,
                                                                     final boolean isKey) {
        final SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type);
        serde.configure(configs, isKey);
        return serde;
    }

    /**
     * A deserializer into {@code type} that fetches writers' schemas through {@code registry}: code that reads
     * many types and partitions at once (an audit's fold of the log) shares one client, so each schema id is
     * asked for once and one HTTP client serves them all.
     */
    public static <T extends SpecificRecord> Deserializer<T> deserializer(final Class<T> type,
                                                                          final SchemaRegistryClient registry) {
        final AvroDeserializer reader = new AvroDeserializer(registry, SpecificData.get().getSchema(type));
        return (topic, data) -> type.cast(reader.deserialize(topic, data));
    }

    @Override
    public void configure(final Map<String, ?> configs, final boolean isKey) {
        final Map<String, Object> specific = new HashMap<>(configs);
        specific.put(SerdeConfig.SPECIFIC_AVRO_READER_CONFIG, true);
        serializer.configure(specific, isKey);
        deserializer.configure(specific, isKey);
        deserializer.readInto(SpecificData.get().getSchema(type));
    }

    @Override
    public Serializer<T> serializer() {
        return serializer::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, data) -> type.cast(deserializer.deserialize(topic, data));
    }
}
