package org.edupulse.audit;

/**
 * The few fields of a raw record the audit needs besides the topology: to order by event time, to
 * name the event in lineage, and to attribute it to a school.
 *
 * @param eventId      event id, or {@code schoolId@effectiveFrom} for a school version
 * @param schoolId     school the record is about
 * @param occurredAt   event time in epoch ms, or null for a school version
 */
record SourceFields(String eventId, String schoolId, Long occurredAt) {
}
