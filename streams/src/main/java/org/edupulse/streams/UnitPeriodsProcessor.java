package org.edupulse.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.serde.SchemaRegistryException;
import org.edupulse.streams.state.MonthCount;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.UnitMonthDelta;
import org.edupulse.streams.state.UnitMonths;
import org.edupulse.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The indicators of one unit (keyed {@code LEVEL:unitId}) per month, quarter, year and school year:
 * its counters per month (stock changes and flows, summed from signed deltas, so their order does not
 * matter) give every period, stocks as of the period's last month and flows summed over its months.
 * What changed is published in batches: a wall-clock punctuation every {@link #CHECK} sends, up to
 * {@link #BUDGET} records at a time, the
 * periods of each changed unit that has been quiet for {@link #FLUSH} (or changed first more than
 * {@link #MAX_DELAY} ago; longer while the application catches up, {@link #CATCH_UP_FLUSH}) from the first
 * changed month on, those whose figures changed only, so a
 * late event revises its period and, for stocks, the periods after it. The first month not yet past on the province's calendar
 * ({@link IndicatorsConfig#clock()}) is published as incomplete; when the month turns, the periods
 * that end and those that begin are published again.
 *
 * <p>A unit's counters are kept per month ({@link MonthCounts}), beside a small record of its place and
 * what is left to publish ({@link UnitMonths}): a change reads and writes one month; publishing reads
 * the unit's months once.
 */
final class UnitPeriodsProcessor implements Processor<String, UnitMonthDelta, String, PeriodIndicators> {

    private static final Logger LOG = LoggerFactory.getLogger(UnitPeriodsProcessor.class);

    /**
     * How long a changed unit waits without further change before its periods are published. A
     * stock's change in one month changes every later period of the unit, so while a history is read
     * in time order, publishing at every change would re-send each unit's later periods again and again.
     */
    static final Duration FLUSH = Duration.ofSeconds(5);
    /** How often the punctuation looks for units to publish. */
    static final Duration CHECK = Duration.ofSeconds(1);
    /**
     * At most this many period records per punctuation, the rest at the next ones: everything sent in a
     * punctuation is in one transaction, which must commit well within {@code transaction.timeout.ms}
     * (10 s) even when a restart re-publishes every unit.
     */
    static final int BUDGET = 2_000;
    /**
     * And at most this much work per punctuation, whatever the count: on a loaded machine 2,000 records
     * could take longer than the transaction may stay open, and a fenced task starts the flush over.
     */
    static final Duration WORK_LIMIT = Duration.ofSeconds(1);
    /**
     * A unit is published once it has had no change for {@link #FLUSH}, or at the latest this long
     * after its first unpublished change: while a history is read, its units change all the time, and
     * each publication of a stock's later periods would be overtaken within seconds. A catch-up of T
     * seconds publishes each busy unit's later periods about T / MAX_DELAY times: 60 s against the former
     * 20 s gave 1.13 times the events/s over 200,000 events, 0.83 against 1.09 period records per event
     * (BENCHMARKS, session 13), at the cost of period views up to a minute behind while changes never pause.
     */
    static final Duration MAX_DELAY = Duration.ofSeconds(60);
    /**
     * How long a unit must have been quiet, instead of {@link #FLUSH}, while the application catches up
     * ({@link CommitPace}: after a first start or a long stop). What its periods would show then is a part of
     * a history still being read in time order, and each publication re-sent all the periods after the
     * unit's oldest change: 1-4 period records per event of a catch-up, the most of any output, each a full
     * set of indicators through the registry's serializer. Waiting this long while catching up cut them to
     * under 0.1 per event and gave 1.22 times the events/s over 100,000 events, 17 % less CPU (over ten provinces'
     * 1,000,000 no gain showed in one pair); the periods of the reference province were still complete 3 s after
     * the demo's ready line (BENCHMARKS, session 26).
     * Once live, a unit waits {@link #FLUSH} again; the month's turn publishes at once either way.
     */
    static final Duration CATCH_UP_FLUSH = Duration.ofSeconds(30);
    /** The longest wait instead of {@link #MAX_DELAY} while the application catches up, for a unit never quiet. */
    static final Duration CATCH_UP_MAX_DELAY = Duration.ofMinutes(5);
    private static final int SIZE = Measure.values().length;

    private final Clock clock;
    private final String catalogVersion;
    private final BooleanSupplier catchingUp;
    private final Set<String> dirty = new TreeSet<>();
    /** When each changed unit last changed, and first changed since it was last published (wall clock, ms). */
    private final Map<String, Long> lastChange = new HashMap<>();
    private final Map<String, Long> firstChange = new HashMap<>();
    /**
     * What was last published for each period key (a 64-bit digest of what it is made of, {@link ContentHash}): a
     * period that did not change is not sent again. A 32-bit hash could have let one real change pass as "the same".
     */
    private final Map<String, Long> published = new HashMap<>();
    private ProcessorContext<String, PeriodIndicators> context;
    private KeyValueStore<String, UnitMonths> store;
    private KeyValueStore<String, MonthCount> monthStore;
    private int currentMonth = Integer.MIN_VALUE;
    private boolean registryDown;

    /**
     * @param catchingUp whether the application is catching up now: a unit then waits {@link #CATCH_UP_FLUSH}
     *                   and {@link #CATCH_UP_MAX_DELAY}
     */
    UnitPeriodsProcessor(final Clock clock, final String catalogVersion, final BooleanSupplier catchingUp) {
        this.clock = clock;
        this.catalogVersion = catalogVersion;
        this.catchingUp = catchingUp;
    }

    @Override
    public void init(final ProcessorContext<String, PeriodIndicators> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(IndicatorsTopology.UNIT_MONTHS_STORE);
        this.monthStore = processorContext.getStateStore(IndicatorsTopology.UNIT_MONTH_COUNTS_STORE);
        // A task re-initialised after a failure starts over from its committed state: forget what this
        // instance sent since, in a transaction that may not have committed.
        dirty.clear();
        lastChange.clear();
        firstChange.clear();
        published.clear();
        // What a crash left unpublished is marked in the store itself.
        try (KeyValueIterator<String, UnitMonths> it = store.all()) {
            it.forEachRemaining(entry -> {
                if (entry.value.getDirtyFrom() != null) {
                    dirty.add(entry.key);
                }
            });
        }
        processorContext.schedule(CHECK, PunctuationType.WALL_CLOCK_TIME, ignored -> flush());
    }

    @Override
    public void process(final Record<String, UnitMonthDelta> record) {
        final UnitMonthDelta delta = record.value();
        final UnitMonths stored = store.get(record.key());
        final UnitMonths unit = stored != null ? stored
                : new UnitMonths(delta.getPlace(), delta.getMonth(), Long.MIN_VALUE, null);
        if (delta.getMonth() >= unit.getPlaceMonth()) {
            unit.setPlace(delta.getPlace());
            unit.setPlaceMonth(delta.getMonth());
        }
        unit.setAsOf(Math.max(unit.getAsOf(), delta.getAsOf()));
        unit.setDirtyFrom(unit.getDirtyFrom() == null ? delta.getMonth() : Math.min(unit.getDirtyFrom(), delta.getMonth()));
        store.put(record.key(), unit);
        MonthCounts.add(monthStore, record.key(), delta.getMonth(), delta.getCounts());
        dirty.add(record.key());
        final long now = clock.millis();
        lastChange.put(record.key(), now);
        firstChange.putIfAbsent(record.key(), now);
    }

    /** Publishes the changed periods; when the province's month has turned, every unit's latest ones too. */
    private void flush() {
        final long nowMillis = clock.millis();
        final int now = PeriodCalendar.monthOf(nowMillis);
        if (now != currentMonth) {
            final boolean starting = currentMonth == Integer.MIN_VALUE;
            final int from = starting ? now - 1 : Math.min(currentMonth, now);
            currentMonth = now;
            final List<KeyValue<String, UnitMonths>> all = new ArrayList<>();
            try (KeyValueIterator<String, UnitMonths> it = store.all()) {
                it.forEachRemaining(all::add);
            }
            for (final KeyValue<String, UnitMonths> entry : all) {
                final Integer dirtyFrom = entry.value.getDirtyFrom();
                entry.value.setDirtyFrom(dirtyFrom == null ? from : Math.min(dirtyFrom, from));
                store.put(entry.key, entry.value);
                dirty.add(entry.key);
                if (starting) {
                    // On start, a unit still changing (a history being read) waits as any change does: published
                    // at once, its periods would show what the first second of the catch-up had read.
                    firstChange.putIfAbsent(entry.key, nowMillis);
                } else {
                    // The month turned: the month that ended is published complete now, busy or not.
                    firstChange.put(entry.key, Long.MIN_VALUE);
                }
            }
        }
        final boolean behind = catchingUp.getAsBoolean();
        final Duration flush = behind ? CATCH_UP_FLUSH : FLUSH;
        final Duration maxDelay = behind ? CATCH_UP_MAX_DELAY : MAX_DELAY;
        final long started = System.nanoTime();
        int sent = 0;
        for (final Iterator<String> keys = dirty.iterator(); keys.hasNext() && sent < BUDGET
                && System.nanoTime() - started < WORK_LIMIT.toNanos();) {
            final String key = keys.next();
            if (!due(key, nowMillis, flush, maxDelay)) {
                continue;
            }
            final UnitMonths unit = store.get(key);
            if (unit != null && unit.getDirtyFrom() != null) {
                try {
                    sent += publish(key, unit);
                } catch (final RuntimeException e) {
                    if (!SchemaRegistryException.isNotAboutTheRecord(e)) {
                        throw e;
                    }
                    // The registry cannot register or serve the output's schema for now: the unit stays
                    // changed, in the store too, and is published again at the next flush.
                    if (!registryDown) {
                        LOG.warn("Periods not published for now, the schema registry does not answer ({}); trying"
                                + " again every {}", e.getMessage(), CHECK);
                    }
                    registryDown = true;
                    return;
                }
                unit.setDirtyFrom(null);
                store.put(key, unit);
            }
            keys.remove();
            lastChange.remove(key);
            firstChange.remove(key);
        }
        registryDown = false;
    }

    /**
     * Whether a changed unit is published now: quiet for {@code flush}, or changed first {@code maxDelay} ago
     * ({@link #FLUSH} and {@link #MAX_DELAY}, or their catch-up values; {@link Long#MIN_VALUE} when the month turned: due at once; a
     * unit not changed since its last publication is due at once too). Compared without subtracting the first change
     * from now, which overflows for {@link Long#MIN_VALUE} and left a unit that kept changing unpublished until
     * it went quiet.
     */
    private boolean due(final String key, final long now, final Duration flush, final Duration maxDelay) {
        final Long last = lastChange.get(key);
        final Long first = firstChange.get(key);
        return last == null || first == null || now - last >= flush.toMillis() || first <= now - maxDelay.toMillis();
    }

    /** Sends the unit's changed periods; how many. */
    private int publish(final String unitKey, final UnitMonths unit) {
        final List<MonthCount> months = MonthCounts.of(monthStore, unitKey);
        if (months.isEmpty()) {
            return 0;
        }
        int sent = 0;
        final int firstMonth = months.get(0).getMonth();
        final int end = Math.max(currentMonth, months.get(months.size() - 1).getMonth());
        final Place place = unit.getPlace();
        final MonthSums sums = new MonthSums(months);
        for (final PeriodCalendar.Period period : PeriodCalendar.periodsCovering(
                Math.max(unit.getDirtyFrom(), firstMonth), end)) {
            final long[] counts = sums.evaluate(period, end);
            final boolean complete = period.lastMonth() < currentMonth;
            final String key = Topics.periodKey(place.getUnitId(), period.grain(), period.label());
            // What the record is made of, digested before it is built: an unchanged period costs no record.
            final long hash = ContentHash.of(List.of(place.getLevel(), place.getUnitId(), place.getUnitName(),
                    place.getParentId(), key, Boolean.toString(complete), catalogVersion), counts);
            if (Long.valueOf(hash).equals(published.get(key))) {
                continue;
            }
            final Map<String, IndicatorValue> values = new LinkedHashMap<>();
            for (final IndicatorDefinition definition : IndicatorCatalog.periods()) {
                final double numerator = counts[definition.numerator().ordinal()];
                final Double denominator = definition.isRatio() ? (double) counts[definition.denominator().ordinal()]
                        : null;
                final Double value = definition.valueOf(numerator, denominator == null ? 0 : denominator);
                values.put(definition.id(), new IndicatorValue(numerator, denominator, value,
                        value == null ? definition.undefinedReason() : null));
            }
            final PeriodIndicators indicators = PeriodIndicators.newBuilder()
                    .setUnitId(place.getUnitId())
                    .setUnitName(place.getUnitName())
                    .setLevel(UnitLevel.valueOf(place.getLevel()))
                    .setParentId(place.getParentId().isEmpty() ? null : place.getParentId())
                    .setGrain(period.grain())
                    .setPeriod(period.label())
                    .setStart(period.start())
                    .setEnd(period.end())
                    .setComplete(complete)
                    .setCatalogVersion(catalogVersion)
                    .setIndicators(values)
                    .build();
            context.forward(new Record<>(key, indicators, Math.max(0, unit.getAsOf())));
            published.put(key, hash);
            sent++;
        }
        return sent;
    }

    /** Running sums of a unit's months (sorted), so that each period is evaluated from two of them. */
    static final class MonthSums {

        private final int[] monthIndex;
        private final long[][] cumulative;

        MonthSums(final List<MonthCount> months) {
            monthIndex = new int[months.size()];
            cumulative = new long[months.size() + 1][SIZE];
            for (int m = 0; m < months.size(); m++) {
                monthIndex[m] = months.get(m).getMonth();
                final List<Long> values = months.get(m).getCounts();
                for (int i = 0; i < SIZE; i++) {
                    cumulative[m + 1][i] = cumulative[m][i] + (i < values.size() ? values.get(i) : 0L);
                }
            }
        }

        /** How many months are on or before {@code month}. */
        private int upTo(final int month) {
            int low = 0;
            int high = monthIndex.length;
            while (low < high) {
                final int mid = (low + high) >>> 1;
                if (monthIndex[mid] <= month) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }

        /**
         * The unit's counters for one period: each stock as of the period's last month (or the latest
         * month published, {@code end}, for a period still running), each flow summed over the period's
         * months.
         */
        long[] evaluate(final PeriodCalendar.Period period, final int end) {
            final long[] counts = new long[SIZE];
            final long[] stocks = cumulative[upTo(Math.min(period.lastMonth(), end))];
            final long[] throughEnd = cumulative[upTo(period.lastMonth())];
            final long[] beforeStart = cumulative[upTo(period.firstMonth() - 1)];
            for (final Measure measure : Measure.values()) {
                final int i = measure.ordinal();
                counts[i] = measure.isStock() ? stocks[i] : throughEnd[i] - beforeStart[i];
            }
            return counts;
        }
    }
}
