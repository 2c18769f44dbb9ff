package org.edupulse.serving;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.topics.Topics;

/**
 * The published periods of every unit, as the compacted periods topic holds them: by key
 * ({@link Topics#periodKey}), the last record of a key replacing the one before and a tombstone
 * removing it. Grouped by unit and grain, so that a series is read without scanning every unit.
 * Written by one reader thread, read by request threads.
 */
final class PeriodSeries {

    /** A unit's periods of one grain, each with every indicator, sorted by first day. */
    record Periods(String unitId, PeriodGrain grain, List<PeriodIndicators> periods) {
    }

    private final Map<String, Map<String, PeriodIndicators>> bySeries = new ConcurrentHashMap<>();

    /** Takes one record of the topic: {@code value} null is a tombstone. Keys that are no period key are ignored. */
    void apply(final String key, final PeriodIndicators value) {
        if (key == null) {
            return;
        }
        final int last = key.lastIndexOf('|');
        if (last <= 0) {
            return;
        }
        final String series = key.substring(0, last);
        final String period = key.substring(last + 1);
        if (value == null) {
            bySeries.computeIfPresent(series, (k, periods) -> {
                periods.remove(period);
                return periods.isEmpty() ? null : periods;
            });
        } else {
            bySeries.computeIfAbsent(series, k -> new ConcurrentSkipListMap<>()).put(period, value);
        }
    }

    /** Every period of {@code unitId} at {@code grain}, by first day; empty when it has none. */
    Optional<Periods> periods(final String unitId, final PeriodGrain grain) {
        final Map<String, PeriodIndicators> periods = bySeries.get(unitId + "|" + grain.name());
        if (periods == null || periods.isEmpty()) {
            return Optional.empty();
        }
        final List<PeriodIndicators> sorted = new ArrayList<>(periods.values());
        sorted.sort(Comparator.comparing(PeriodIndicators::getStart).thenComparing(PeriodIndicators::getEnd));
        return Optional.of(new Periods(unitId, grain, List.copyOf(sorted)));
    }

    /**
     * The points of one indicator: the periods that have it and start within {@code from}..{@code to}
     * (inclusive; null is open), in order; empty when no period of the unit has the indicator at all.
     */
    static Optional<List<PeriodIndicators>> points(final Periods periods, final String indicator, final LocalDate from,
                                                   final LocalDate to) {
        final List<PeriodIndicators> having = periods.periods().stream()
                .filter(p -> p.getIndicators().containsKey(indicator)).toList();
        if (having.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(having.stream()
                .filter(p -> from == null || !p.getStart().isBefore(from))
                .filter(p -> to == null || !p.getStart().isAfter(to))
                .toList());
    }

    /** The JSON of a series: the unit (named as its latest period names it), the indicator, the grain, the points. */
    static Map<String, Object> json(final Periods periods, final String indicator, final List<PeriodIndicators> points) {
        final PeriodIndicators latest = periods.periods().get(periods.periods().size() - 1);
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("unitId", periods.unitId());
        json.put("unitName", latest.getUnitName());
        json.put("level", latest.getLevel().name());
        json.put("indicator", indicator);
        json.put("grain", periods.grain().name());
        final List<Map<String, Object>> rows = new ArrayList<>(points.size());
        for (final PeriodIndicators point : points) {
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", point.getPeriod());
            row.put("start", point.getStart().toString());
            row.put("end", point.getEnd().toString());
            row.put("complete", point.getComplete());
            row.putAll(IndicatorJson.value(point.getIndicators().get(indicator)));
            rows.add(row);
        }
        json.put("points", rows);
        return json;
    }

    /**
     * The points as CSV: a header row, then one row per period. Numbers are written plain (no
     * grouping, no exponent, no rounding) and an undefined value is an empty cell; text cells are
     * neutralised against formula injection like the audit's {@code report.csv}.
     */
    static String csv(final String indicator, final List<PeriodIndicators> points) {
        final StringBuilder out = new StringBuilder("period,start,end,complete,numerator,denominator,value\n");
        for (final PeriodIndicators point : points) {
            final IndicatorValue value = point.getIndicators().get(indicator);
            out.append(CsvCells.text(point.getPeriod())).append(',')
                    .append(CsvCells.text(point.getStart().toString())).append(',')
                    .append(CsvCells.text(point.getEnd().toString())).append(',')
                    .append(point.getComplete()).append(',')
                    .append(CsvCells.number(value.getNumerator())).append(',')
                    .append(CsvCells.number(value.getDenominator())).append(',')
                    .append(CsvCells.number(value.getValue())).append('\n');
        }
        return out.toString();
    }
}
