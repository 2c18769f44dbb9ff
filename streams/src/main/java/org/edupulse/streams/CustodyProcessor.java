package org.edupulse.streams;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.rules.Finding;
import org.edupulse.rules.FindingKind;
import org.edupulse.rules.Refusal;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.EntityKind;
import org.edupulse.streams.state.EntityHistory;
import org.edupulse.streams.state.SchoolMonthInput;
import org.edupulse.streams.state.SourcedEvent;
import org.edupulse.streams.state.UnitTotals;
import org.edupulse.topics.Topics;

/**
 * Keeps the history of each person or device (keyed by its id) and folds it with the rules core on
 * every new event: the entity's contribution to the school holding it changes by a signed delta, sent
 * keyed by that school; a change of holder is published for the gateway; and every event the rules
 * newly refuse, or newly find doubtful, becomes a data-quality finding. Because
 * the fold orders events by their own fields, a late or re-ordered event gives the same state as if it
 * had arrived in order.
 *
 * <p>The counts of findings follow the fold too, not the topic: each posting school's count of the
 * refusals and doubtful events in the entity's state changes by a signed delta (after minus before),
 * so a refusal that a late event resolves stops counting, and the counts equal what the fold of the
 * whole history says whatever the arrival order. The topic stays a log of what was found when.
 */
final class CustodyProcessor implements Processor<String, SourcedEvent, String, CustodyOutcome> {

    /**
     * Events kept per person or device <em>from one school</em>. Real careers and device lives have tens;
     * beyond this bound the school's further event is not applied and a finding says so, so a flood for
     * one id cannot grow a store entry for ever. The bound is per posting school, so that one school
     * flooding another's teacher with refused events fills only its own share and never stops the
     * holder's own events from applying; a history holds at most this many events per school that
     * posted for the entity.
     */
    static final int MAX_EVENTS_PER_SCHOOL = 1_000;

    /**
     * A contribution (or null, for none), the holding school (or null), the event time of the latest
     * applied event, and the findings the rules core made in one history: its refusals and its
     * doubtful applied events.
     */
    record Folded(Totals.Stock stock, String holder, Instant changedAt, List<Finding> findings) {
        static final Folded NOTHING = new Folded(null, null, null, List.of());

        /** The entity's contribution as totals of its school; null when it counts nowhere. */
        UnitTotals contribution() {
            return stock == null ? null : stock.totals();
        }
    }

    private final EntityKind kind;
    private final String storeName;
    private final Function<EntityHistory, Folded> fold;
    private ProcessorContext<String, CustodyOutcome> context;
    private KeyValueStore<String, EntityHistory> histories;

    CustodyProcessor(final EntityKind kind, final String storeName, final Function<EntityHistory, Folded> fold) {
        this.kind = kind;
        this.storeName = storeName;
        this.fold = fold;
    }

    @Override
    public void init(final ProcessorContext<String, CustodyOutcome> processorContext) {
        this.context = processorContext;
        this.histories = processorContext.getStateStore(storeName);
    }

    @Override
    public void process(final Record<String, SourcedEvent> record) {
        final String entityId = record.key();
        final EntityHistory stored = histories.get(entityId);
        final EntityHistory history = stored == null ? new EntityHistory(entityId, new ArrayList<>()) : stored;
        if (contains(history, record.value())) {
            return;
        }
        if (postedBy(history, record.value().getSchoolId()) >= MAX_EVENTS_PER_SCHOOL) {
            forwardFull(record);
            return;
        }
        final Folded before = history.getEvents().isEmpty() ? Folded.NOTHING : fold.apply(history);
        // Only the months from the new event's own on can change; the contribution just before them is
        // the same before and after it.
        final int fromMonth = monthOf(record.value());
        final UnitTotals base = contributionBefore(history, fromMonth);
        final Map<String, long[]> monthsBefore = monthlyChanges(history, fromMonth, base);
        history.getEvents().add(record.value());
        histories.put(entityId, history);
        final Folded after = fold.apply(history);
        forwardDeltas(before.contribution(), after.contribution(), record.timestamp());
        forwardMonthlyChanges(monthsBefore, monthlyChanges(history, fromMonth, base), record.timestamp());
        forwardFindingCounts(before.findings(), after.findings(), record.timestamp());
        if (!Objects.equals(before.holder(), after.holder()) && after.changedAt() != null) {
            final EntityHolder holder = new EntityHolder(kind, entityId, after.holder(), after.changedAt());
            context.forward(new Record<>(Topics.holderKey(kind, entityId), new CustodyOutcome.Holder(holder),
                    record.timestamp()));
        }
        // Only what this event newly brings: a finding the history already gave was published then.
        final Set<String> known = new HashSet<>();
        before.findings().forEach(finding -> known.add(identity(finding)));
        for (final Finding finding : after.findings()) {
            if (!known.contains(identity(finding))) {
                forwardFinding(finding, EntityHistories.sourceOf(history, finding.event()), record.timestamp());
            }
        }
    }

    private static String identity(final Finding finding) {
        return finding.ruleId() + "|" + finding.eventId() + "|" + finding.schoolId();
    }

    /** The same bytes again: a re-delivery the ingest step did not catch; the history has it already. */
    private static boolean contains(final EntityHistory history, final SourcedEvent event) {
        for (final SourcedEvent stored : history.getEvents()) {
            if (stored.getKind() == event.getKind() && stored.getEvent().equals(event.getEvent())) {
                return true;
            }
        }
        return false;
    }

    private static int postedBy(final EntityHistory history, final String schoolId) {
        int count = 0;
        for (final SourcedEvent stored : history.getEvents()) {
            if (stored.getSchoolId().equals(schoolId)) {
                count++;
            }
        }
        return count;
    }

    private void forwardDeltas(final UnitTotals before, final UnitTotals after, final long timestamp) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.getPlace().getUnitId().equals(after.getPlace().getUnitId())) {
            forward(Totals.subtract(after, before), timestamp);
            return;
        }
        if (before != null) {
            forward(Totals.negate(before), timestamp);
        }
        if (after != null) {
            forward(after, timestamp);
        }
    }

    /**
     * The entity's contribution in event time, as signed changes per school and month ({@code
     * "schoolId|month"}): at the end of each month that holds one of its events, the rules core's fold
     * of the events up to then says what it contributes and to which school. A late event changes the
     * months from its own on; the calendar periods sum these changes. Only the months from
     * {@code fromMonth} on are folded; {@code base} is the contribution at the end of the month before.
     */
    private Map<String, long[]> monthlyChanges(final EntityHistory history, final int fromMonth, final UnitTotals base) {
        final TreeMap<Integer, List<SourcedEvent>> byMonth = byMonth(history);
        final Map<String, long[]> changes = new TreeMap<>();
        final List<SourcedEvent> upToMonth = new ArrayList<>();
        UnitTotals previous = base;
        for (final Map.Entry<Integer, List<SourcedEvent>> month : byMonth.entrySet()) {
            upToMonth.addAll(month.getValue());
            if (month.getKey() < fromMonth) {
                continue;
            }
            final UnitTotals now = fold.apply(new EntityHistory(history.getEntityId(), new ArrayList<>(upToMonth)))
                    .contribution();
            if (previous != null) {
                addChange(changes, previous, month.getKey(), -1);
            }
            if (now != null) {
                addChange(changes, now, month.getKey(), 1);
            }
            previous = now;
        }
        return changes;
    }

    /** The entity's contribution at the end of the month before {@code month}: its events up to then, folded. */
    private UnitTotals contributionBefore(final EntityHistory history, final int month) {
        final List<SourcedEvent> earlier = new ArrayList<>();
        for (final SourcedEvent event : history.getEvents()) {
            if (monthOf(event) < month) {
                earlier.add(event);
            }
        }
        return earlier.isEmpty() ? null
                : fold.apply(new EntityHistory(history.getEntityId(), earlier)).contribution();
    }

    private static TreeMap<Integer, List<SourcedEvent>> byMonth(final EntityHistory history) {
        final TreeMap<Integer, List<SourcedEvent>> byMonth = new TreeMap<>();
        for (final SourcedEvent event : history.getEvents()) {
            byMonth.computeIfAbsent(monthOf(event), m -> new ArrayList<>()).add(event);
        }
        return byMonth;
    }

    private static int monthOf(final SourcedEvent event) {
        return PeriodCalendar.monthOf(occurredAt(EntityHistories.decode(event)).toEpochMilli());
    }

    private static void addChange(final Map<String, long[]> changes, final UnitTotals contribution, final int month,
                                  final int sign) {
        final long[] counts = changes.computeIfAbsent(contribution.getPlace().getUnitId() + "|" + month,
                key -> new long[Measure.values().length]);
        for (final Measure measure : Measure.STOCKS) {
            counts[measure.ordinal()] += sign * Totals.get(contribution, measure);
        }
    }

    /** Sends, keyed by school, what changed in the entity's monthly contributions with this event. */
    private void forwardMonthlyChanges(final Map<String, long[]> before, final Map<String, long[]> after,
                                       final long timestamp) {
        final Map<String, long[]> change = new TreeMap<>(after);
        before.forEach((key, counts) -> {
            final long[] sum = change.computeIfAbsent(key, k -> new long[counts.length]).clone();
            for (int i = 0; i < counts.length; i++) {
                sum[i] -= counts[i];
            }
            change.put(key, sum);
        });
        change.forEach((key, counts) -> {
            if (Arrays.stream(counts).allMatch(c -> c == 0)) {
                return;
            }
            final int bar = key.lastIndexOf('|');
            final String schoolId = key.substring(0, bar);
            final List<Long> values = new ArrayList<>(counts.length);
            for (final long count : counts) {
                values.add(count);
            }
            context.forward(new Record<>(schoolId, new CustodyOutcome.StockMonth(new SchoolMonthInput(schoolId, null,
                    Integer.parseInt(key.substring(bar + 1)), values)), timestamp));
        });
    }

    /** For each posting school, the findings in the entity's state after this event minus those before it. */
    private void forwardFindingCounts(final List<Finding> before, final List<Finding> after, final long timestamp) {
        final Map<String, long[]> change = new TreeMap<>();
        tally(change, before, -1);
        tally(change, after, 1);
        change.forEach((schoolId, refusedAndDoubtful) -> {
            if (refusedAndDoubtful[0] != 0 || refusedAndDoubtful[1] != 0) {
                forward(Totals.ofFindings(schoolId, timestamp, refusedAndDoubtful[0], refusedAndDoubtful[1]), timestamp);
            }
        });
    }

    private static void tally(final Map<String, long[]> change, final List<Finding> findings, final int sign) {
        for (final Finding finding : findings) {
            final long[] counts = change.computeIfAbsent(finding.schoolId(), schoolId -> new long[2]);
            counts[FindingKind.of(finding.ruleId()) == FindingKind.REFUSED ? 0 : 1] += sign;
        }
    }

    private void forward(final UnitTotals delta, final long timestamp) {
        context.forward(new Record<>(delta.getPlace().getUnitId(), new CustodyOutcome.Delta(delta), timestamp));
    }

    private void forwardFinding(final Finding finding, final SourcedEvent source, final long timestamp) {
        context.forward(new Record<>(finding.schoolId(), new CustodyOutcome.Finding(FindingRecords.of(finding,
                occurredAt((SpecificRecord) finding.event()), source == null ? null : source.getTopic(),
                source == null ? null : source.getPartition(), source == null ? null : source.getOffset())), timestamp));
    }

    private void forwardFull(final Record<String, SourcedEvent> record) {
        final SpecificRecord event = EntityHistories.decode(record.value());
        final String eventId = String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
        final String schoolId = String.valueOf(event.get(event.getSchema().getField("schoolId").pos()));
        forwardFinding(new Refusal(Refusal.HISTORY_FULL, record.key(), eventId, schoolId, "event " + eventId
                + " for " + record.key() + " not applied: school " + schoolId + " already posted " + MAX_EVENTS_PER_SCHOOL
                + " events for " + record.key() + ", the most EduPulse keeps from one school for one person or device", event)
                .asFinding(), record.value(), record.timestamp());
        // Never stored, so never in a fold: it counts for good, once per such event.
        forward(Totals.ofFindings(schoolId, record.timestamp(), 1, 0), record.timestamp());
    }

    private static Instant occurredAt(final SpecificRecord event) {
        return (Instant) event.get(event.getSchema().getField("occurredAt").pos());
    }
}
