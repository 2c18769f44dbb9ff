package org.edupulse.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Strict conversions of the text a school exports into typed values. Each method either returns
 * the value or throws {@link IllegalArgumentException} whose message is the reason a clerk reads
 * in the reject file, so the wording matters more than the exception type.
 */
final class TextValues {

    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "no", "0");

    private TextValues() {
    }

    static int wholeNumber(final String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            if (text.matches("[+-]?[0-9]+")) {
                throw new IllegalArgumentException("out of range: '" + text + "'; a whole number here lies between "
                        + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
            }
            throw new IllegalArgumentException("not a whole number: '" + text + "'");
        }
    }

    static double decimalNumber(final String text) {
        try {
            // BigDecimal, unlike Double.parseDouble, refuses "NaN", "Infinity", "0x1p3" and "1.5d".
            return new BigDecimal(text).doubleValue();
        } catch (NumberFormatException e) {
            final String hint = text.contains(",") ? " (use '.' as the decimal separator)" : "";
            throw new IllegalArgumentException("not a number: '" + text + "'" + hint);
        }
    }

    static boolean flag(final String text) {
        final String lower = text.toLowerCase(Locale.ROOT);
        if (TRUE_WORDS.contains(lower)) {
            return true;
        }
        if (FALSE_WORDS.contains(lower)) {
            return false;
        }
        throw new IllegalArgumentException("not a boolean: '" + text + "'; allowed: true, false, yes, no, 1, 0");
    }

    /** An instant with an explicit offset; a bare date or a local time is ambiguous and refused. */
    static Instant instant(final String text) {
        try {
            // Avro timestamp-millis keeps milliseconds: truncate here so ids and records agree.
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(instantReason(text));
        }
    }

    static LocalDate date(final String text) {
        try {
            return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a date in the form yyyy-MM-dd: '" + text + "'");
        }
    }

    /** The enum constant whose name equals the text, ignoring case. */
    static <E extends Enum<E>> E symbol(final String text, final Class<E> type) {
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown symbol '" + text + "'; allowed: " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static String instantReason(final String text) {
        if (looksLikeDate(text)) {
            return "a date without a time is not an instant: '" + text
                    + "'; give a time and offset, e.g. " + text + "T08:00:00+07:00";
        }
        return "not an ISO-8601 instant with offset: '" + text
                + "'; expected e.g. 2025-03-01T08:00:00Z or 2025-03-01T08:00:00+07:00";
    }

    private static boolean looksLikeDate(final String text) {
        try {
            LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
