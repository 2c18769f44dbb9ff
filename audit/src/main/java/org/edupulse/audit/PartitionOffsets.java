package org.edupulse.audit;

/**
 * The slice of one partition a replay read, so an auditor can re-read exactly the same records.
 *
 * @param topic      topic name
 * @param partition  partition number
 * @param fromOffset first offset read (the log start)
 * @param toOffset   offset after the last one read (exclusive)
 * @param records    records read from it
 */
public record PartitionOffsets(String topic, int partition, long fromOffset, long toOffset, long records) {
}
