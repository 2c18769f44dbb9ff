package org.edupulse.tail;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link CompactedTail} does with each record, on its own thread, in offset order per
 * partition. A tombstone arrives with a null value. An exception skips that record (logged and
 * counted); it does not stop the tail.
 */
@FunctionalInterface
public interface RecordHandler<K, V> {

    void handle(ConsumerRecord<K, V> record);
}
