package org.edupulse.serving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;

/**
 * A small in-memory time series per unit and indicator, fed from the history topic. Only change
 * points are kept (an IndicatorSet carries every indicator, but one event moves one or two), so a
 * series is a step function; each series keeps at most a fixed number of points and drops the
 * oldest beyond that, so memory is bounded by units x indicators x that bound.
 */
final class IndicatorHistory {

    /** Most points one answer carries; longer ranges are thinned evenly (first and last kept). */
    static final int MAX_POINTS_PER_ANSWER = 1_000;

    private final int maxPointsPerSeries;
    private final Map<String, Unit> units = new ConcurrentHashMap<>();
    private final AtomicLong points = new AtomicLong();

    IndicatorHistory(final int maxPointsPerSeries) {
        this.maxPointsPerSeries = maxPointsPerSeries;
    }

    /** One value of a series; {@code value} is null where the indicator has no value (a ratio over 0). */
    record Point(long asOf, double numerator, Double denominator, Double value) {

        boolean sameValues(final Point other) {
            return numerator == other.numerator && Objects.equals(value, other.value)
                    && Objects.equals(denominator, other.denominator);
        }

        Map<String, Object> toJson() {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("asOf", Instant.ofEpochMilli(asOf).toString());
            json.put("numerator", numerator);
            json.put("denominator", denominator);
            json.put("value", value);
            return json;
        }
    }

    /** Records every indicator of a published set. */
    void add(final IndicatorSet set) {
        final Unit unit = units.computeIfAbsent(set.getUnitId(), id -> new Unit());
        final long asOf = set.getAsOf().toEpochMilli();
        unit.seen(set.getUnitName(), asOf);
        for (final Map.Entry<String, IndicatorValue> entry : set.getIndicators().entrySet()) {
            final IndicatorValue v = entry.getValue();
            final Point point = new Point(asOf, v.getNumerator(), v.getDenominator(), v.getValue());
            final long delta = unit.series.computeIfAbsent(entry.getKey(), id -> new Series()).add(point,
                    maxPointsPerSeries);
            points.addAndGet(delta);
        }
    }

    /** Change points currently held, all series together. */
    long points() {
        return points.get();
    }

    /**
     * The series of one unit's indicator within {@code [from, to]} (nulls leave a side open), or
     * empty if nothing was ever published for the unit.
     */
    Optional<Map<String, Object>> query(final String unitId, final String indicator, final Instant from,
                                        final Instant to) {
        final Unit unit = units.get(unitId);
        if (unit == null) {
            return Optional.empty();
        }
        final Series series = unit.series.get(indicator);
        final List<Point> range = series == null ? List.of() : series.range(
                from == null ? Long.MIN_VALUE : from.toEpochMilli(), to == null ? Long.MAX_VALUE : to.toEpochMilli());
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("unitId", unitId);
        json.put("unitName", unit.name);
        json.put("indicator", indicator);
        json.put("from", from == null ? null : from.toString());
        json.put("to", to == null ? null : to.toString());
        json.put("latestAsOf", Instant.ofEpochMilli(unit.latestAsOf).toString());
        json.put("points", thin(range).stream().map(Point::toJson).toList());
        return Optional.of(json);
    }

    static List<Point> thin(final List<Point> points) {
        if (points.size() <= MAX_POINTS_PER_ANSWER) {
            return points;
        }
        final List<Point> thinned = new ArrayList<>(MAX_POINTS_PER_ANSWER);
        final double step = (points.size() - 1) / (double) (MAX_POINTS_PER_ANSWER - 1);
        for (int i = 0; i < MAX_POINTS_PER_ANSWER; i++) {
            thinned.add(points.get((int) Math.round(i * step)));
        }
        return thinned;
    }

    /** The series of one unit, by indicator id, and the latest event time seen for it. */
    private static final class Unit {
        private final Map<String, Series> series = new ConcurrentHashMap<>();
        private volatile String name = "";
        private volatile long latestAsOf = Long.MIN_VALUE;

        synchronized void seen(final String unitName, final long asOf) {
            if (asOf >= latestAsOf) {
                latestAsOf = asOf;
                name = unitName;
            }
        }
    }

    /** Change points of one indicator by event time. */
    private static final class Series {
        private final NavigableMap<Long, Point> byTime = new TreeMap<>();

        /** Adds a point unless the value in force at that time is the same; returns the change in size. */
        synchronized long add(final Point point, final int bound) {
            final Map.Entry<Long, Point> before = byTime.floorEntry(point.asOf());
            if (before != null && before.getKey() < point.asOf() && before.getValue().sameValues(point)) {
                return 0;
            }
            final int sizeBefore = byTime.size();
            byTime.put(point.asOf(), point);
            while (byTime.size() > bound) {
                byTime.pollFirstEntry();
            }
            return byTime.size() - sizeBefore;
        }

        synchronized List<Point> range(final long from, final long to) {
            return new ArrayList<>(byTime.subMap(from, true, to, true).values());
        }
    }
}
