package org.edupulse.streams;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.edupulse.schemas.PeriodGrain;

/**
 * The periods departments report by, in the province's calendar: months, quarters, years and school
 * years (1 September to 31 August). Every period is a run of whole months, so a unit's figures per
 * month give every period: stocks as of the period's last month, flows summed over its months.
 * Months are numbered {@code year * 12 + month - 1}.
 */
public final class PeriodCalendar {

    /** First month of the school year: September. */
    static final int SCHOOL_YEAR_FIRST_MONTH = 9;

    private PeriodCalendar() {
    }

    /** One period: its grain, label, and first and last months (both included). */
    public record Period(PeriodGrain grain, String label, int firstMonth, int lastMonth) {

        /** First day of the period. */
        public LocalDate start() {
            return yearMonth(firstMonth).atDay(1);
        }

        /** Last day of the period, included. */
        public LocalDate end() {
            return yearMonth(lastMonth).atEndOfMonth();
        }
    }

    /** The month of a province-calendar epoch day. */
    public static int monthOfDay(final int epochDay) {
        final LocalDate date = LocalDate.ofEpochDay(epochDay);
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    /** The month of an event-time instant in epoch milliseconds. */
    public static int monthOf(final long epochMillis) {
        return monthOfDay(ProvinceCalendar.epochDay(epochMillis));
    }

    /** The epoch day of the last day of {@code month}: its stocks are those at that day's end. */
    public static int lastDayOf(final int month) {
        return (int) yearMonth(month).atEndOfMonth().toEpochDay();
    }

    static YearMonth yearMonth(final int month) {
        return YearMonth.of(Math.floorDiv(month, 12), Math.floorMod(month, 12) + 1);
    }

    /** The period of {@code grain} that holds {@code month}. */
    public static Period periodOf(final PeriodGrain grain, final int month) {
        final int year = Math.floorDiv(month, 12);
        final int monthOfYear = Math.floorMod(month, 12);
        return switch (grain) {
            case MONTH -> new Period(grain, yearMonth(month).toString(), month, month);
            case QUARTER -> {
                final int first = year * 12 + monthOfYear / 3 * 3;
                yield new Period(grain, year + "-Q" + (monthOfYear / 3 + 1), first, first + 2);
            }
            case YEAR -> new Period(grain, Integer.toString(year), year * 12, year * 12 + 11);
            case SCHOOL_YEAR -> {
                final int startYear = monthOfYear >= SCHOOL_YEAR_FIRST_MONTH - 1 ? year : year - 1;
                final int first = startYear * 12 + SCHOOL_YEAR_FIRST_MONTH - 1;
                yield new Period(grain, startYear + "-" + (startYear + 1), first, first + 11);
            }
        };
    }

    /**
     * Every period of every grain that holds at least one month of {@code [fromMonth, toMonth]}, in
     * order of grain then first month.
     */
    public static List<Period> periodsCovering(final int fromMonth, final int toMonth) {
        final List<Period> periods = new ArrayList<>();
        for (final PeriodGrain grain : PeriodGrain.values()) {
            Period period = periodOf(grain, fromMonth);
            while (period.firstMonth() <= toMonth) {
                periods.add(period);
                period = periodOf(grain, period.lastMonth() + 1);
            }
        }
        return periods;
    }
}
