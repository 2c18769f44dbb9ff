package org.edupulse.tail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordDeserializationException.DeserializationExceptionOrigin;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * A {@link MockConsumer} of one partition that keeps the raw bytes of its records and runs a real
 * deserializer over them at every poll, from its position on, as Kafka's consumer does: the
 * records before one that cannot be deserialized are returned, and a poll that starts at that
 * record throws {@link RecordDeserializationException} (its cause the deserializer's exception)
 * and stays there. Plain {@link MockConsumer} forgets a record once a poll has passed over it, so
 * it cannot show whether a record the tail failed to read is read again.
 */
final class DeserializingConsumer extends MockConsumer<String, String> {

    private final TopicPartition partition;
    private final Deserializer<String> valueDeserializer;
    private final NavigableMap<Long, Map.Entry<String, byte[]>> log = new TreeMap<>();

    DeserializingConsumer(final TopicPartition partition, final Deserializer<String> valueDeserializer) {
        super("earliest");
        this.partition = partition;
        this.valueDeserializer = valueDeserializer;
    }

    /** Appends a record with a UTF-8 value at the next offset, and moves the end offset past it. */
    synchronized void append(final String key, final String value) {
        final long offset = log.isEmpty() ? 0 : log.lastKey() + 1;
        log.put(offset, Map.entry(key, value.getBytes(StandardCharsets.UTF_8)));
        updateEndOffsets(Map.of(partition, offset + 1));
    }

    @Override
    public synchronized ConsumerRecords<String, String> poll(final Duration timeout) {
        RecordDeserializationException failure = null;
        if (assignment().contains(partition)) {
            for (final Map.Entry<Long, Map.Entry<String, byte[]>> entry : log.tailMap(position(partition), true).entrySet()) {
                final long offset = entry.getKey();
                final byte[] value = entry.getValue().getValue();
                try {
                    final String deserialized = valueDeserializer.deserialize(partition.topic(), value);
                    addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                            entry.getValue().getKey(), deserialized));
                } catch (final RuntimeException e) {
                    failure = new RecordDeserializationException(DeserializationExceptionOrigin.VALUE, partition, offset,
                            0L, TimestampType.CREATE_TIME, null, ByteBuffer.wrap(value), new RecordHeaders(),
                            "Error deserializing VALUE for partition " + partition + " at offset " + offset, e);
                    break;
                }
            }
        }
        final ConsumerRecords<String, String> records = super.poll(timeout);
        if (records.isEmpty() && failure != null) {
            throw failure;
        }
        return records;
    }
}
