package org.edupulse.streams;

import java.util.Objects;
import java.util.Optional;

/**
 * One indicator of the catalog: what it is, how it is computed from additive measures, and which
 * international indicator it corresponds to, so that dashboards, the query API and auditors read
 * the same definition the topology computes.
 *
 * @param id                 stable id, e.g. {@code staff.it_certified.share}
 * @param name               short human name
 * @param definition         the definition in words
 * @param numerator          the measure counted
 * @param denominator        the measure divided by, or null for a plain count
 * @param factor             multiplier of the ratio: 100 for shares, 1 otherwise
 * @param unit               unit of the published value, e.g. {@code persons}, {@code %}
 * @param uisCorrespondence  the UNESCO UIS / SDG 4.a.1 indicator it corresponds to, or null
 */
public record IndicatorDefinition(String id, String name, String definition, Measure numerator, Measure denominator,
                                  double factor, String unit, String uisCorrespondence) {

    public IndicatorDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(numerator, "numerator");
        Objects.requireNonNull(unit, "unit");
    }

    /** Whether the indicator is a ratio (has a denominator) rather than a plain count. */
    public boolean isRatio() {
        return denominator != null;
    }

    /** The UIS / SDG indicator this one corresponds to, when there is one. */
    public Optional<String> correspondence() {
        return Optional.ofNullable(uisCorrespondence);
    }

    /** numerator for a count; numerator / denominator x factor for a ratio, 0 when the denominator is 0. */
    /**
     * The value for these parts: the numerator for a count, numerator / denominator x factor for a
     * ratio; null for a ratio whose denominator is 0, because no number is right there (0 would read as
     * "no learners per computer", the best possible ratio, or as "none of the staff certified").
     */
    public Double valueOf(final double numeratorValue, final double denominatorValue) {
        if (!isRatio()) {
            return numeratorValue;
        }
        return denominatorValue == 0 ? null : numeratorValue / denominatorValue * factor;
    }

    /** Why a ratio has no value when its denominator is 0, naming the denominator. */
    public String undefinedReason() {
        return isRatio() ? "no value: the denominator (" + denominator.description() + ") is 0" : null;
    }
}
