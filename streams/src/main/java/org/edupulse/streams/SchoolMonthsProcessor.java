package org.edupulse.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.state.MonthCount;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.SchoolMonthInput;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.streams.state.UnitMonthDelta;

/**
 * A school's stocks at the end of every month, in event time, and the units they count in then: its
 * people's and devices' monthly changes (from the custody step) summed up to each month's end, plus
 * the school itself as the version in force at that month's end describes it (one school, its
 * learners, its internet for teaching, and whether it has a teaching computer). The result is sent to
 * the school, its commune, district and province as signed changes per month, so that each unit's
 * months sum to its stocks; a new or retroactive version moves exactly the months it covers.
 *
 * <p>The school's versions are kept by school id, its counters per month each on their own
 * ({@link MonthCounts}): a stock change, the common input, reads the versions and writes one month, and
 * its signed changes follow from the versions alone ({@link #stockChange}); only new versions read the
 * school's months, to move what they cover.
 */
final class SchoolMonthsProcessor implements Processor<String, SchoolMonthInput, String, UnitMonthDelta> {

    private static final int SIZE = Measure.values().length;
    private static final UnitLevel[] LEVELS = {UnitLevel.SCHOOL, UnitLevel.COMMUNE, UnitLevel.DISTRICT,
        UnitLevel.PROVINCE};

    private ProcessorContext<String, UnitMonthDelta> context;
    private KeyValueStore<String, SchoolVersions> versionStore;
    private KeyValueStore<String, MonthCount> monthStore;

    @Override
    public void init(final ProcessorContext<String, UnitMonthDelta> processorContext) {
        this.context = processorContext;
        this.versionStore = processorContext.getStateStore(IndicatorsTopology.SCHOOL_MONTH_VERSIONS_STORE);
        this.monthStore = processorContext.getStateStore(IndicatorsTopology.SCHOOL_MONTH_COUNTS_STORE);
    }

    @Override
    public void process(final Record<String, SchoolMonthInput> record) {
        final SchoolMonthInput input = record.value();
        final String schoolId = input.getSchoolId();
        final SchoolVersions stored = versionStore.get(schoolId);
        final List<SchoolVersion> versions = stored != null ? stored.getVersions() : List.of();
        final Map<String, Change> changes;
        if (input.getVersions() != null) {
            // New versions may change any month: what the school contributed before, against after.
            final List<MonthCount> months = MonthCounts.of(monthStore, schoolId);
            final List<SchoolVersion> updated = new ArrayList<>(input.getVersions());
            versionStore.put(schoolId, new SchoolVersions(schoolId, null, updated));
            changes = unitMonths(schoolId, updated, months, Integer.MIN_VALUE);
            unitMonths(schoolId, versions, months, Integer.MIN_VALUE)
                    .forEach((key, old) -> changes.merge(key, old.negated(), Change::plus));
        } else {
            changes = stockChange(schoolId, versions, () -> MonthCounts.of(monthStore, schoolId), input.getMonth(),
                    input.getCounts());
            MonthCounts.add(monthStore, schoolId, input.getMonth(), input.getCounts());
        }
        changes.forEach((key, change) -> {
            if (!change.isZero()) {
                context.forward(new Record<>(Places.key(change.place()), new UnitMonthDelta(change.place(),
                        change.month(), record.timestamp(), boxed(change.counts())), record.timestamp()));
            }
        });
    }

    /**
     * The signed changes of one change of the school's stocks, {@code counts} in {@code month}: what
     * {@link #unitMonths} gives after the change less what it gives before ({@code monthsBefore}: the
     * school's months without the change).
     *
     * <p>Most changes touch no counter the school itself sets or reads ({@link Totals#touchesSchoolItself}:
     * a teaching computer does, since a school has one or not). For those the result is linear and needs
     * the versions alone, not the other months: the stocks change by {@code counts} at every month's end
     * from {@code month} on, so the unit in force at {@code month}'s end gains them in that month, and each
     * later move of the school (up to its last version) carries them from the unit it leaves to the one it
     * joins. Before its first version a school has no units yet, and nothing is sent (its months are placed
     * when the version arrives).
     */
    static Map<String, Change> stockChange(final String schoolId, final List<SchoolVersion> versions,
                                           final Supplier<List<MonthCount>> monthsBefore, final int month,
                                           final List<Long> counts) {
        if (Totals.touchesSchoolItself(counts)) {
            final List<MonthCount> before = monthsBefore.get();
            final Map<String, Change> changes = unitMonths(schoolId, versions,
                    MonthCounts.withChange(before, month, counts), month);
            unitMonths(schoolId, versions, before, month).forEach((key, old) -> changes.merge(key, old.negated(), Change::plus));
            return changes;
        }
        final Map<String, Change> changes = new TreeMap<>();
        if (versions.isEmpty()) {
            return changes;
        }
        final long[] delta = new long[SIZE];
        for (int i = 0; i < counts.size() && i < SIZE; i++) {
            delta[i] = counts.get(i);
        }
        final SchoolVersions school = new SchoolVersions(schoolId, null, versions);
        final int last = Math.max(month, PeriodCalendar.monthOfDay(versions.get(versions.size() - 1).getEffectiveFrom()));
        Place[] previous = null;
        for (int m = month; m <= last; m++) {
            final Place[] places = places(IngestProcessor.versionAt(school, PeriodCalendar.lastDayOf(m)));
            for (int level = 0; level < LEVELS.length; level++) {
                if (previous == null) {
                    add(changes, places[level], m, delta, null);
                } else if (!previous[level].getUnitId().equals(places[level].getUnitId())) {
                    add(changes, previous[level], m, null, delta);
                    add(changes, places[level], m, delta, null);
                }
            }
            previous = places;
        }
        return changes;
    }

    private static Place[] places(final SchoolVersion version) {
        final Place school = Places.school(version);
        final Place[] places = new Place[LEVELS.length];
        for (int level = 0; level < LEVELS.length; level++) {
            places[level] = level == 0 ? school : Places.above(school, LEVELS[level]);
        }
        return places;
    }

    /** One signed change of one unit's counters in one month. */
    record Change(Place place, int month, long[] counts) {

        Change negated() {
            final long[] negated = counts.clone();
            for (int i = 0; i < negated.length; i++) {
                negated[i] = -negated[i];
            }
            return new Change(place, month, negated);
        }

        /** This change plus {@code other} of the same unit and month; the place is this one's (the newer). */
        Change plus(final Change other) {
            final long[] sum = counts.clone();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += other.counts[i];
            }
            return new Change(place, month, sum);
        }

        boolean isZero() {
            for (final long count : counts) {
                if (count != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * What the school, as it stands, contributes to each unit and month, keyed {@code LEVEL:unitId|month}:
     * at each month's end its stocks count in the units of the version then in force, so the change
     * from one month to the next is its stocks' change where it stays, and a move (the whole stocks out
     * of the old units, into the new) where a version moves it. Only the months from {@code fromMonth}
     * on are given ({@link Integer#MIN_VALUE}: all); a change of the stocks in {@code fromMonth} leaves
     * the earlier ones as they are.
     */
    static Map<String, Change> unitMonths(final String schoolId, final List<SchoolVersion> sorted,
                                          final List<MonthCount> months, final int fromMonth) {
        final Map<String, Change> changes = new TreeMap<>();
        if (sorted.isEmpty()) {
            return changes;
        }
        final SchoolVersions versions = new SchoolVersions(schoolId, null, sorted);
        final int firstVersionDay = sorted.get(0).getEffectiveFrom();
        int first = PeriodCalendar.monthOfDay(firstVersionDay);
        int last = PeriodCalendar.monthOfDay(sorted.get(sorted.size() - 1).getEffectiveFrom());
        final Map<Integer, List<Long>> byMonth = new TreeMap<>();
        for (final MonthCount month : months) {
            byMonth.put(month.getMonth(), month.getCounts());
            first = Math.min(first, month.getMonth());
            last = Math.max(last, month.getMonth());
        }
        final long[] linear = new long[SIZE];
        long[] previous = null;
        Place[] previousPlaces = null;
        for (int month = first; month <= last; month++) {
            final List<Long> counts = byMonth.get(month);
            if (counts != null) {
                for (int i = 0; i < counts.size() && i < SIZE; i++) {
                    linear[i] += counts.get(i);
                }
            }
            if (fromMonth != Integer.MIN_VALUE && month < fromMonth - 1) {
                // Before the month that changed and the one whose end it starts from: the same either way.
                continue;
            }
            final int lastDay = PeriodCalendar.lastDayOf(month);
            final SchoolVersion version = IngestProcessor.versionAt(versions, lastDay);
            final long[] stocks = linear.clone();
            if (lastDay >= firstVersionDay) {
                Totals.addSchoolItself(stocks, version);
            }
            final Place[] places = places(version);
            for (int level = 0; level < LEVELS.length && month >= fromMonth; level++) {
                final Place place = places[level];
                if (previousPlaces != null && previousPlaces[level].getUnitId().equals(place.getUnitId())) {
                    add(changes, place, month, stocks, previous);
                } else {
                    if (previousPlaces != null) {
                        add(changes, previousPlaces[level], month, null, previous);
                    }
                    add(changes, place, month, stocks, null);
                }
            }
            previous = stocks;
            previousPlaces = places;
        }
        return changes;
    }

    private static void add(final Map<String, Change> changes, final Place place, final int month, final long[] plus,
                            final long[] minus) {
        if (Places.isNowhere(place)) {
            // The district of a school version that names none.
            return;
        }
        final long[] counts = new long[SIZE];
        for (int i = 0; i < SIZE; i++) {
            counts[i] = (plus == null ? 0 : plus[i]) - (minus == null ? 0 : minus[i]);
        }
        changes.merge(Places.key(place) + "|" + month, new Change(place, month, counts), Change::plus);
    }

    private static List<Long> boxed(final long[] counts) {
        final List<Long> values = new ArrayList<>(counts.length);
        for (final long count : counts) {
            values.add(count);
        }
        return values;
    }
}
