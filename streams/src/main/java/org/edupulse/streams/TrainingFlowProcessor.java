package org.edupulse.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.rules.TrainingRules;
import org.edupulse.streams.state.DayCount;
import org.edupulse.streams.state.TrainingDays;
import org.edupulse.streams.state.TrainingDelta;
import org.edupulse.streams.state.UnitTotals;

/**
 * Training flows of one unit (a school, a commune or a district, keyed by level and id) in rolling
 * 30/90/365-day windows that end on the current day of the
 * province's calendar ({@link IndicatorsConfig#clock()}), whatever the event times seen so far: a
 * unit that stops sending sees its 30-day figure fall day by day. The unit's sessions are
 * kept as per-day counts (a year of them) summed from signed deltas, so their order does not matter;
 * the window arithmetic is the rules core's ({@link TrainingRules#windows}).
 *
 * <p>Every unit is re-evaluated when the province's day changes: a wall-clock punctuation checks
 * the day every {@link #DAY_CHECK}, so the figures drop at local midnight without any new event.
 */
final class TrainingFlowProcessor implements Processor<String, TrainingDelta, String, UnitTotals> {

    /** How often the wall clock is checked for a new day of the province's calendar. */
    static final Duration DAY_CHECK = Duration.ofMinutes(1);
    /** Days kept per unit: the widest window. */
    private static final int KEEP_DAYS = TrainingRules.WIDEST_WINDOW_DAYS;

    private final Clock clock;
    private ProcessorContext<String, UnitTotals> context;
    private KeyValueStore<String, TrainingDays> store;
    private int evaluatedDay = Integer.MIN_VALUE;

    TrainingFlowProcessor(final Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(final ProcessorContext<String, UnitTotals> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(IndicatorsTopology.UNIT_TRAINING_STORE);
        // The first check re-publishes every unit: after a restart on a later day, the stored figures are stale.
        this.evaluatedDay = Integer.MIN_VALUE;
        processorContext.schedule(DAY_CHECK, PunctuationType.WALL_CLOCK_TIME, ignored -> slideIfNewDay());
    }

    @Override
    public void process(final Record<String, TrainingDelta> record) {
        final TrainingDelta delta = record.value();
        final TrainingDays stored = store.get(record.key());
        final TrainingDays days = stored != null ? stored : new TrainingDays(delta.getPlace(), Long.MIN_VALUE, 0L, 0L,
                new ArrayList<>());
        days.setAsOf(Math.max(days.getAsOf(), delta.getOccurredAt()));
        days.setSessionsTotal(days.getSessionsTotal() + delta.getSessions());
        days.setLateTotal(days.getLateTotal() + delta.getLate());
        final long now = clock.millis();
        final int today = ProvinceCalendar.epochDay(now);
        // Avro's arrays read back from the store cannot remove in place: keep a filtered copy.
        final List<DayCount> kept = new ArrayList<>();
        // A day older than the widest window changes only the all-time totals.
        boolean added = delta.getDay() <= today - KEEP_DAYS;
        for (final DayCount bucket : days.getDays()) {
            if (bucket.getDay() == delta.getDay()) {
                bucket.setSessions(bucket.getSessions() + delta.getSessions());
                bucket.setParticipants(bucket.getParticipants() + delta.getParticipants());
                bucket.setDrills(bucket.getDrills() + delta.getDrills());
                added = true;
            }
            if (bucket.getDay() > today - KEEP_DAYS && (bucket.getSessions() != 0 || bucket.getParticipants() != 0
                    || bucket.getDrills() != 0)) {
                kept.add(bucket);
            }
        }
        if (!added) {
            kept.add(new DayCount(delta.getDay(), delta.getSessions(), delta.getParticipants(), delta.getDrills()));
        }
        days.setDays(kept);
        store.put(record.key(), days);
        // Stamped with the unit's latest event time, which never goes back, so the table after this
        // step sees its updates in timestamp order whatever the order of the sessions' own times.
        context.forward(new Record<>(record.key(), totals(days, now), days.getAsOf()));
    }

    /** On a new day of the province's calendar every unit's windows slide: re-publish them all. */
    private void slideIfNewDay() {
        final long now = clock.millis();
        final int today = ProvinceCalendar.epochDay(now);
        if (today == evaluatedDay) {
            return;
        }
        evaluatedDay = today;
        final List<KeyValue<String, TrainingDays>> all = new ArrayList<>();
        try (KeyValueIterator<String, TrainingDays> it = store.all()) {
            while (it.hasNext()) {
                all.add(it.next());
            }
        }
        for (final KeyValue<String, TrainingDays> entry : all) {
            context.forward(new Record<>(entry.key, totals(entry.value, now), entry.value.getAsOf()));
        }
    }

    /** The unit's flow counters with windows ending on the province's day of {@code now} (inclusive). */
    static UnitTotals totals(final TrainingDays days, final long now) {
        final UnitTotals totals = Totals.of(days.getPlace(), days.getAsOf());
        totals.setEvaluatedAt(now);
        final List<TrainingRules.Day> buckets = new ArrayList<>(days.getDays().size());
        for (final DayCount bucket : days.getDays()) {
            buckets.add(new TrainingRules.Day(bucket.getDay(), bucket.getSessions(), bucket.getParticipants(),
                    bucket.getDrills()));
        }
        final TrainingRules.Windows windows = TrainingRules.windows(buckets, ProvinceCalendar.epochDay(now));
        for (final Measure measure : FlowMeasures.ALL) {
            Totals.set(totals, measure, FlowMeasures.of(measure, windows, days.getSessionsTotal(), days.getLateTotal()));
        }
        return totals;
    }
}
