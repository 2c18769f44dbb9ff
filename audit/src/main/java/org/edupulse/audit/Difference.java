package org.edupulse.audit;

/**
 * One indicator of one unit on which the recomputation and the published value disagree.
 *
 * @param unitId      school, commune, district or province id
 * @param indicatorId catalog id of the indicator
 * @param recomputed  the replay's figure, or null when the replay has none
 * @param published   the figure published as of the instant, or null when none was
 * @param reason      what differs: {@code numerator}, {@code denominator}, {@code value}, or which side is missing
 */
public record Difference(String unitId, String indicatorId, Figure recomputed, Figure published, String reason) {
}
