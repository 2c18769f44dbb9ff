package org.edupulse.streams;

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
import org.edupulse.streams.state.DayCount;
import org.edupulse.streams.state.TrainingDays;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.streams.state.UnitTotals;

/**
 * Training flows of one district in rolling 30/90/365-day windows of the province's calendar,
 * evaluated at the task's stream time, so that the same input replayed yields the same windows.
 * Per-day buckets (a year of them) are kept per district instead of Kafka's hopping windows: one
 * value per district answers every window length, and sliding a window at midnight is a re-sum.
 *
 * <p>Training sessions are a small share of all events, so re-summing the buckets of the one
 * district an event touches is cheap; all districts are re-published only when stream time enters
 * a new day.
 */
final class TrainingFlowProcessor implements Processor<String, TrainingFact, String, UnitTotals> {

    /** Buckets older than the widest window are dropped. */
    private static final int KEEP_DAYS = 366;

    private ProcessorContext<String, UnitTotals> context;
    private KeyValueStore<String, TrainingDays> store;
    private int publishedDay = Integer.MIN_VALUE;

    @Override
    public void init(final ProcessorContext<String, UnitTotals> processorContext) {
        this.context = processorContext;
        this.store = processorContext.getStateStore(IndicatorsTopology.DISTRICT_TRAINING_STORE);
        processorContext.schedule(Duration.ofMinutes(15), PunctuationType.STREAM_TIME, this::slide);
    }

    @Override
    public void process(final Record<String, TrainingFact> record) {
        final TrainingFact fact = record.value();
        final TrainingDays stored = store.get(record.key());
        final TrainingDays days = stored != null ? stored : new TrainingDays(fact.getDistrictId(),
                fact.getDistrictName(), fact.getProvinceId(), fact.getProvinceName(), Long.MIN_VALUE, 0L, 0L,
                new ArrayList<>());
        days.setAsOf(Math.max(days.getAsOf(), fact.getOccurredAt()));
        if (fact.getLate()) {
            days.setLateTotal(days.getLateTotal() + 1);
        } else {
            days.setSessionsTotal(days.getSessionsTotal() + 1);
            addToBucket(days, fact);
        }
        final int today = ProvinceCalendar.epochDay(context.currentStreamTimeMs());
        // Avro's arrays read back from the store cannot remove in place: keep a filtered copy.
        days.setDays(new ArrayList<>(days.getDays().stream().filter(bucket -> bucket.getDay() > today - KEEP_DAYS).toList()));
        store.put(record.key(), days);
        context.forward(new Record<>(record.key(), totals(days, today), record.timestamp()));
    }

    private static void addToBucket(final TrainingDays days, final TrainingFact fact) {
        final int day = ProvinceCalendar.epochDay(fact.getOccurredAt());
        final long drill = fact.getDrill() ? 1 : 0;
        for (final DayCount bucket : days.getDays()) {
            if (bucket.getDay() == day) {
                bucket.setSessions(bucket.getSessions() + 1);
                bucket.setParticipants(bucket.getParticipants() + fact.getParticipants());
                bucket.setDrills(bucket.getDrills() + drill);
                return;
            }
        }
        days.getDays().add(new DayCount(day, 1L, (long) fact.getParticipants(), drill));
    }

    /** On entering a new day of stream time every district's windows slide: re-publish them all. */
    private void slide(final long streamTime) {
        final int today = ProvinceCalendar.epochDay(streamTime);
        if (today <= publishedDay) {
            return;
        }
        publishedDay = today;
        final List<KeyValue<String, TrainingDays>> all = new ArrayList<>();
        try (KeyValueIterator<String, TrainingDays> it = store.all()) {
            while (it.hasNext()) {
                all.add(it.next());
            }
        }
        for (final KeyValue<String, TrainingDays> entry : all) {
            context.forward(new Record<>(entry.key, totals(entry.value, today), streamTime));
        }
    }

    /** The district's flow counters with windows ending on {@code today} (inclusive). */
    static UnitTotals totals(final TrainingDays days, final int today) {
        final UnitTotals totals = Totals.of(days.getDistrictId(), days.getDistrictName(), days.getProvinceId(),
                days.getProvinceName(), days.getAsOf());
        long sessions30 = 0;
        long sessions90 = 0;
        long sessions365 = 0;
        long participants30 = 0;
        long participants365 = 0;
        long drills365 = 0;
        for (final DayCount bucket : days.getDays()) {
            final int age = today - bucket.getDay();
            if (age < 0 || age >= 365) {
                continue;
            }
            sessions365 += bucket.getSessions();
            participants365 += bucket.getParticipants();
            drills365 += bucket.getDrills();
            if (age < 90) {
                sessions90 += bucket.getSessions();
            }
            if (age < 30) {
                sessions30 += bucket.getSessions();
                participants30 += bucket.getParticipants();
            }
        }
        Totals.set(totals, Measure.SESSIONS_TOTAL, days.getSessionsTotal());
        Totals.set(totals, Measure.SESSIONS_30D, sessions30);
        Totals.set(totals, Measure.SESSIONS_90D, sessions90);
        Totals.set(totals, Measure.SESSIONS_365D, sessions365);
        Totals.set(totals, Measure.PARTICIPANTS_30D, participants30);
        Totals.set(totals, Measure.PARTICIPANTS_365D, participants365);
        Totals.set(totals, Measure.DRILLS_365D, drills365);
        Totals.set(totals, Measure.LATE_EVENTS, days.getLateTotal());
        return totals;
    }
}
