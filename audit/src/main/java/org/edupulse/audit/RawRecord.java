package org.edupulse.audit;

/**
 * One record of a raw topic as the log holds it (coordinates, append time, key and value bytes),
 * with what the replay decoded from it: the event's occurredAt and id, or nothing for a school or an
 * undecodable record.
 *
 * @param topic      topic name
 * @param topicRank  the topic's place in the fixed tie-break order (school reference first)
 * @param partition  partition
 * @param offset     offset
 * @param timestamp  broker append time, epoch ms
 * @param key        key bytes as appended
 * @param value      value bytes as appended
 * @param decoded    the fields read from the value, or null when it could not be read
 */
record RawRecord(String topic, int topicRank, int partition, long offset, long timestamp, byte[] key, byte[] value,
                 SourceFields decoded) {

    /** Event time for ordering on the event-time axis; schools and unreadable records have none. */
    long eventTimeOr(final long fallback) {
        return decoded == null || decoded.occurredAt() == null ? fallback : decoded.occurredAt();
    }

    boolean isSchool() {
        return topicRank == 0;
    }
}
