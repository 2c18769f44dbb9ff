package org.edupulse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The source events behind one indicator of one unit as of an instant, with totals that add up
 * to the value: {@code numerator} is the sum of the numerator events' amounts, {@code denominator}
 * that of the denominator events (null for a plain count), and {@code value} the catalog formula
 * over them. {@code published} is what the live pipeline had published for it by the instant.
 *
 * @param unitId            school, commune, district or province id
 * @param indicatorId       catalog id
 * @param asOf              the instant
 * @param axis              the time axis the events were selected on
 * @param catalogVersion    catalog version of the formula
 * @param numerator         sum of the numerator contributions
 * @param denominator       sum of the denominator contributions, or null for a count
 * @param value             the indicator's value from these totals; null for a ratio over 0 (no value)
 * @param published         the published figure as of the instant, or null if none was published
 * @param numeratorEvents   contributions to the numerator, sorted by topic, partition and offset
 * @param denominatorEvents contributions to the denominator, sorted likewise; empty for a count
 */
public record LineageResult(String unitId, String indicatorId, Instant asOf, Axis axis, String catalogVersion,
                            double numerator, Double denominator, Double value, Figure published,
                            List<Contribution> numeratorEvents, List<Contribution> denominatorEvents) {

    public LineageResult {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(indicatorId, "indicatorId");
        numeratorEvents = List.copyOf(numeratorEvents);
        denominatorEvents = List.copyOf(denominatorEvents);
    }

    /** Whether the traced totals equal the published numerator, denominator and value. */
    public boolean matchesPublished() {
        return published != null && new Figure(numerator, denominator, value).differencesTo(published).isEmpty();
    }
}
