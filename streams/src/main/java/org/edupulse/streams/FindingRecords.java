package org.edupulse.streams;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.rules.Finding;
import org.edupulse.schemas.DataQualityFinding;

/**
 * A rules-core {@link Finding} as the record published on {@code edupulse.data-quality}, built in one
 * place for the custody step (people and devices) and the ingest step (school records).
 */
final class FindingRecords {

    private FindingRecords() {
    }

    /**
     * @param occurredAt event time of the record the finding is about
     * @param topic      where it was read, or null when unknown (with {@code partition} and {@code offset})
     */
    static DataQualityFinding of(final Finding finding, final Instant occurredAt, final String topic,
                                 final Integer partition, final Long offset) {
        return DataQualityFinding.newBuilder()
                .setRuleId(finding.ruleId())
                .setSchoolId(finding.schoolId())
                .setEntityId(finding.entityId())
                .setEventId(finding.eventId())
                .setEventType(((SpecificRecord) finding.event()).getSchema().getName())
                .setOccurredAt(occurredAt)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setMessage(finding.message())
                .build();
    }
}
