package org.edupulse.audit;

/**
 * One source event's part in a published numerator or denominator: where it is in the log, which
 * event and school it is, and what it added.
 *
 * @param topic       raw or reference topic
 * @param partition   partition
 * @param offset      offset
 * @param eventId     event id; for a school version {@code schoolId@effectiveFrom}
 * @param schoolId    school the event belongs to
 * @param entityId    the person, device, school or session it is about
 * @param contributed what it contributed, in words
 * @param amount      how much it added (1 for an entity or session, n for participants or learners)
 */
public record Contribution(String topic, int partition, long offset, String eventId, String schoolId, String entityId,
                           String contributed, long amount) {
}
