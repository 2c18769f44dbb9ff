package org.edupulse.serving;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.edupulse.schemas.PeriodGrain;

/**
 * The period grains as the query API spells them ({@code month}, {@code quarter}, {@code year},
 * {@code school-year}) and the days a period label covers, so that {@code from}/{@code to} of a series
 * take a label of the series' grain ({@code 2025-11}, {@code 2025-Q3}, {@code 2025}, {@code 2024-2025})
 * as well as a date.
 */
final class PeriodLabels {

    /** First day of the province's school year (it ends on the day before, the next year). */
    static final MonthDay SCHOOL_YEAR_START = MonthDay.of(9, 1);

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final Pattern SCHOOL_YEAR = Pattern.compile("(\\d{4})-(\\d{4})");

    private PeriodLabels() {
    }

    /** The grain a query parameter names ({@code month}, {@code quarter}, {@code year}, {@code school-year}). */
    static Optional<PeriodGrain> grain(final String parameter) {
        return switch (parameter.toLowerCase(Locale.ROOT)) {
            case "month" -> Optional.of(PeriodGrain.MONTH);
            case "quarter" -> Optional.of(PeriodGrain.QUARTER);
            case "year" -> Optional.of(PeriodGrain.YEAR);
            case "school-year" -> Optional.of(PeriodGrain.SCHOOL_YEAR);
            default -> Optional.empty();
        };
    }

    /** The grain of a period's label: 2025-11 a month, 2025-Q3 a quarter, 2025 a year, 2024-2025 a school year. */
    static Optional<PeriodGrain> grainOfLabel(final String label) {
        if (MONTH.matcher(label).matches()) {
            return Optional.of(PeriodGrain.MONTH);
        }
        if (QUARTER.matcher(label).matches()) {
            return Optional.of(PeriodGrain.QUARTER);
        }
        if (YEAR.matcher(label).matches()) {
            return Optional.of(PeriodGrain.YEAR);
        }
        return SCHOOL_YEAR.matcher(label).matches() ? Optional.of(PeriodGrain.SCHOOL_YEAR) : Optional.empty();
    }

    /** An example label of {@code grain}, for error messages. */
    static String example(final PeriodGrain grain) {
        return switch (grain) {
            case MONTH -> "2025-11";
            case QUARTER -> "2025-Q3";
            case YEAR -> "2025";
            case SCHOOL_YEAR -> "2024-2025";
        };
    }

    /**
     * The day a bound names: a date as it is, or a label of {@code grain} as its first day (a lower
     * bound) or its last day (an upper bound).
     *
     * @throws DateTimeException when {@code text} is neither a date nor a label of {@code grain}
     */
    static LocalDate bound(final String text, final PeriodGrain grain, final boolean upper) {
        if (DATE.matcher(text).matches()) {
            return LocalDate.parse(text);
        }
        final LocalDate start = start(text, grain);
        if (!upper) {
            return start;
        }
        return switch (grain) {
            case MONTH -> start.plusMonths(1).minusDays(1);
            case QUARTER -> start.plusMonths(3).minusDays(1);
            case YEAR, SCHOOL_YEAR -> start.plusYears(1).minusDays(1);
        };
    }

    private static LocalDate start(final String label, final PeriodGrain grain) {
        switch (grain) {
            case MONTH -> {
                final Matcher m = matched(MONTH, label, grain);
                return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            }
            case QUARTER -> {
                final Matcher m = matched(QUARTER, label, grain);
                return LocalDate.of(Integer.parseInt(m.group(1)), 3 * Integer.parseInt(m.group(2)) - 2, 1);
            }
            case YEAR -> {
                final Matcher m = matched(YEAR, label, grain);
                return LocalDate.of(Integer.parseInt(m.group()), 1, 1);
            }
            case SCHOOL_YEAR -> {
                final Matcher m = matched(SCHOOL_YEAR, label, grain);
                final int first = Integer.parseInt(m.group(1));
                if (Integer.parseInt(m.group(2)) != first + 1) {
                    throw new DateTimeException("a school year runs over two consecutive years, e.g. 2024-2025");
                }
                return SCHOOL_YEAR_START.atYear(first);
            }
            default -> throw new DateTimeException("unknown grain " + grain);
        }
    }

    private static Matcher matched(final Pattern pattern, final String label, final PeriodGrain grain) {
        final Matcher m = pattern.matcher(label);
        if (!m.matches()) {
            throw new DateTimeException("'" + label + "' is not a period of grain " + grain);
        }
        return m;
    }
}
