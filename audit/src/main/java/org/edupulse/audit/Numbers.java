package org.edupulse.audit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one number format of every report: the exact binary value rounded half-even to six
 * decimals, trailing zeros dropped, never in exponent form. It does not depend on the JDK's
 * shortest-representation rules or on the locale, so the same figure prints the same everywhere.
 */
final class Numbers {

    private static final int SCALE = 6;

    private Numbers() {
    }

    static BigDecimal decimal(final double value) {
        final BigDecimal rounded = new BigDecimal(value).setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return rounded.signum() == 0 ? BigDecimal.ZERO : rounded;
    }

    static String format(final double value) {
        return decimal(value).toPlainString();
    }

    static String format(final Double value) {
        return value == null ? "" : format(value.doubleValue());
    }
}
