package org.edupulse.audit;

import org.edupulse.schemas.IndicatorValue;

/**
 * One indicator's published parts: numerator, denominator (null for a plain count) and value.
 *
 * @param numerator   numerator, or the count itself
 * @param denominator denominator, or null for a count
 * @param value       the published value, or null where a ratio's denominator is 0 (no value, never 0)
 */
public record Figure(double numerator, Double denominator, Double value) {

    static Figure of(final IndicatorValue value) {
        return new Figure(value.getNumerator(), value.getDenominator(), value.getValue());
    }

    /** Which parts differ from {@code other}, e.g. {@code numerator, value}; empty when equal. */
    String differencesTo(final Figure other) {
        final StringBuilder parts = new StringBuilder();
        if (Double.compare(numerator, other.numerator) != 0) {
            parts.append("numerator");
        }
        final boolean denominatorsEqual = denominator == null ? other.denominator == null
                : other.denominator != null && Double.compare(denominator, other.denominator) == 0;
        if (!denominatorsEqual) {
            parts.append(parts.isEmpty() ? "" : ", ").append("denominator");
        }
        final boolean valuesEqual = value == null ? other.value == null
                : other.value != null && Double.compare(value, other.value) == 0;
        if (!valuesEqual) {
            parts.append(parts.isEmpty() ? "" : ", ").append("value");
        }
        return parts.toString();
    }
}
