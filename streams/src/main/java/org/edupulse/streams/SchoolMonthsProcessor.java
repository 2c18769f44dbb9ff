package org.edupulse.streams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.state.MonthCount;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.SchoolMonthInput;
import org.edupulse.streams.state.SchoolMonths;
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
 */
final class SchoolMonthsProcessor implements Processor<String, SchoolMonthInput, String, UnitMonthDelta> {

    private static final int SIZE = Measure.values().length;
    private static final UnitLevel[] LEVELS = {UnitLevel.SCHOOL, UnitLevel.COMMUNE, UnitLevel.DISTRICT,
        UnitLevel.PROVINCE};

    private ProcessorContext<String, UnitMonthDelta> context;
    private KeyValueStore<String, SchoolMonths> store;

    @Override
    public void init(final ProcessorContext<String, UnitMonthDelta> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(IndicatorsTopology.SCHOOL_MONTHS_STORE);
    }

    @Override
    public void process(final Record<String, SchoolMonthInput> record) {
        final SchoolMonthInput input = record.value();
        final SchoolMonths stored = store.get(record.key());
        final SchoolMonths school = stored != null ? stored
                : new SchoolMonths(input.getSchoolId(), new ArrayList<>(), new ArrayList<>());
        // A change of the people's and devices' stocks in one month changes nothing before that month;
        // new versions may change any month.
        final int fromMonth = input.getVersions() != null ? Integer.MIN_VALUE : input.getMonth();
        final Map<String, Change> before = unitMonths(school, fromMonth);
        if (input.getVersions() != null) {
            school.setVersions(new ArrayList<>(input.getVersions()));
        } else {
            add(school, input.getMonth(), input.getCounts());
        }
        store.put(record.key(), school);
        final Map<String, Change> after = unitMonths(school, fromMonth);
        before.forEach((key, old) -> after.merge(key, old.negated(), Change::plus));
        after.forEach((key, change) -> {
            if (!change.isZero()) {
                context.forward(new Record<>(Places.key(change.place()), new UnitMonthDelta(change.place(),
                        change.month(), record.timestamp(), boxed(change.counts())), record.timestamp()));
            }
        });
    }

    private static void add(final SchoolMonths school, final int month, final List<Long> counts) {
        final List<MonthCount> months = new ArrayList<>(school.getMonths());
        for (int i = 0; i < months.size(); i++) {
            if (months.get(i).getMonth() == month) {
                final List<Long> sum = new ArrayList<>(months.get(i).getCounts());
                for (int m = 0; m < counts.size(); m++) {
                    sum.set(m, sum.get(m) + counts.get(m));
                }
                months.set(i, new MonthCount(month, sum));
                school.setMonths(months);
                return;
            }
        }
        months.add(new MonthCount(month, new ArrayList<>(counts)));
        months.sort((a, b) -> Integer.compare(a.getMonth(), b.getMonth()));
        school.setMonths(months);
    }

    /** One signed change of one unit's counters in one month. */
    private record Change(Place place, int month, long[] counts) {

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
            return Arrays.stream(counts).allMatch(count -> count == 0);
        }
    }

    /**
     * What the school, as it stands, contributes to each unit and month, keyed {@code LEVEL:unitId|month}:
     * at each month's end its stocks count in the units of the version then in force, so the change
     * from one month to the next is its stocks' change where it stays, and a move (the whole stocks out
     * of the old units, into the new) where a version moves it. Only the months from {@code fromMonth}
     * on are given (the month before is their starting point); earlier ones are the same either side
     * of a change of one month's stocks.
     */
    static Map<String, Change> unitMonths(final SchoolMonths school, final int fromMonth) {
        final Map<String, Change> changes = new TreeMap<>();
        if (school.getVersions().isEmpty()) {
            return changes;
        }
        final SchoolVersions versions = new SchoolVersions(school.getSchoolId(), null, school.getVersions());
        final List<SchoolVersion> sorted = school.getVersions();
        final int firstVersionDay = sorted.get(0).getEffectiveFrom();
        int first = PeriodCalendar.monthOfDay(firstVersionDay);
        int last = PeriodCalendar.monthOfDay(sorted.get(sorted.size() - 1).getEffectiveFrom());
        final Map<Integer, List<Long>> byMonth = new TreeMap<>();
        for (final MonthCount month : school.getMonths()) {
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
            final Place school0 = Places.school(version);
            final Place[] places = new Place[LEVELS.length];
            for (int level = 0; level < LEVELS.length; level++) {
                places[level] = level == 0 ? school0 : Places.above(school0, LEVELS[level]);
                final Place place = places[level];
                if (month < fromMonth) {
                    continue;
                }
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
