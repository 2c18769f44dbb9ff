package org.edupulse.streams;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.edupulse.rules.DataQuality;
import org.edupulse.rules.Finding;
import org.edupulse.rules.Refusal;
import org.edupulse.rules.TrainingRules;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.streams.state.TrainingDelta;
import org.edupulse.streams.state.TrainingFact;

/**
 * Training sessions as they stand, by {@link TrainingRules}: each {@code (schoolId, sessionId)} is the
 * version its school appended last; a correction moves the session's contribution (signed deltas
 * out of the old units and day, into the new), a cancellation removes it. Runs keyed by school
 * id right after the ingest step, so it reads each school's training events in the order of that
 * school's partition: the log's own order, the same in every run, replay and restart.
 *
 * <p>An event id counts once: a re-delivery (same id, same content) changes nothing; the same id with
 * other content is a data-quality finding and changes nothing either. Ids are remembered per school
 * for the de-duplication retention in append time ({@link IndicatorsConfig#dedupRetention()}, 400
 * days by default); past it, a re-delivery of the same session's event is still harmless (it states
 * the session as it already stands), so the bound only matters for an old id reused for another
 * session.
 */
final class TrainingSessionProcessor implements Processor<String, Admitted, String, SessionOutcome> {

    private final Duration grace;
    private final Duration retention;
    private ProcessorContext<String, SessionOutcome> context;
    private KeyValueStore<String, TrainingFact> sessions;
    private WindowStore<String, Long> ids;

    TrainingSessionProcessor(final IndicatorsConfig config) {
        this.grace = config.grace();
        this.retention = config.dedupRetention();
    }

    @Override
    public void init(final ProcessorContext<String, SessionOutcome> processorContext) {
        this.context = processorContext;
        this.sessions = processorContext.getStateStore(IndicatorsTopology.TRAINING_SESSIONS_STORE);
        this.ids = processorContext.getStateStore(IndicatorsTopology.TRAINING_IDS_STORE);
    }

    @Override
    public void process(final Record<String, Admitted> record) {
        if (record.value() instanceof Admitted.Versions versions) {
            replace(versions.versions(), record.timestamp());
            return;
        }
        final Admitted.Training training = (Admitted.Training) record.value();
        final TrainingFact fact = training.fact();
        if (!firstUse(training, record.timestamp())) {
            return;
        }
        DataQuality.participantsBelowNamedStaff(training.event()).ifPresent(finding -> context.forward(new Record<>(
                fact.getSchoolId(), new SessionOutcome.Finding(FindingRecords.of(finding,
                        Instant.ofEpochMilli(fact.getOccurredAt()), fact.getTopic(), fact.getPartition(), fact.getOffset())),
                record.timestamp())));
        final String key = TrainingRules.sessionKey(fact.getSchoolId(), fact.getSessionId());
        final TrainingFact previous = sessions.get(key);
        sessions.put(key, fact);
        if (previous != null && previous.getCounts()) {
            forward(previous, -1, record.timestamp());
        }
        if (fact.getCounts()) {
            forward(fact, 1, record.timestamp());
        }
        if (late(fact)) {
            context.forward(new Record<>(record.key(), new SessionOutcome.Late(ledger(fact, previous)), record.timestamp()));
        }
    }

    /**
     * A school's versions changed: each of its sessions counts where the version in force on the
     * session's day places it, so a version with an {@code effectiveFrom} in the past moves the sessions
     * it covers (out of the old units, into the new) and leaves the others where they are.
     */
    private void replace(final SchoolVersions versions, final long timestamp) {
        final List<KeyValue<String, TrainingFact>> moved = new ArrayList<>();
        try (KeyValueIterator<String, TrainingFact> it = sessions.prefixScan(
                TrainingRules.sessionKey(versions.getSchoolId(), ""), new StringSerializer())) {
            while (it.hasNext()) {
                final KeyValue<String, TrainingFact> entry = it.next();
                final SchoolVersion inForce = IngestProcessor.versionAt(versions,
                        ProvinceCalendar.epochDay(entry.value.getOccurredAt()));
                if (!inForce.equals(entry.value.getSchool())) {
                    moved.add(entry);
                }
            }
        }
        for (final KeyValue<String, TrainingFact> entry : moved) {
            final TrainingFact before = entry.value;
            final TrainingFact after = TrainingFact.newBuilder(before).setSchool(IngestProcessor.versionAt(versions,
                    ProvinceCalendar.epochDay(before.getOccurredAt()))).build();
            sessions.put(entry.key, after);
            if (before.getCounts()) {
                forward(before, -1, timestamp);
                forward(after, 1, timestamp);
            }
        }
    }

    /** Records the event id; false (after a finding if the content differs) when the school used it before. */
    private boolean firstUse(final Admitted.Training training, final long timestamp) {
        final TrainingFact fact = training.fact();
        final String idKey = fact.getSchoolId() + "|" + fact.getEventId();
        final long appended = fact.getAppendedAt();
        try (WindowStoreIterator<Long> seen = ids.fetch(idKey, Instant.ofEpochMilli(appended).minus(retention),
                Instant.ofEpochMilli(appended).plus(retention))) {
            if (seen.hasNext()) {
                if (seen.next().value != fact.getContentHash()) {
                    context.forward(new Record<>(fact.getSchoolId(), new SessionOutcome.Finding(conflict(training)),
                            timestamp));
                }
                return false;
            }
        }
        ids.put(idKey, fact.getContentHash(), appended);
        return true;
    }

    /**
     * One signed delta for each unit the session counts in directly, as the school's version in force
     * on the session's day places it (school, commune, district), keyed by level and unit id; the
     * province sums its communes.
     */
    private void forward(final TrainingFact fact, final int sign, final long timestamp) {
        for (final Place place : Places.sessionUnits(fact.getSchool())) {
            context.forward(new Record<>(Places.key(place), new SessionOutcome.Delta(delta(place, fact, sign)), timestamp));
        }
    }

    private TrainingDelta delta(final Place place, final TrainingFact fact, final int sign) {
        final boolean late = late(fact);
        return new TrainingDelta(place, ProvinceCalendar.epochDay(fact.getOccurredAt()), fact.getOccurredAt(),
                (long) sign, (long) sign * fact.getParticipants(), fact.getDrill() ? sign : 0L, late ? sign : 0L,
                fact.getSplits().stream().map(amount -> sign * amount).toList(), fact.getSchoolId(), fact.getSessionId(), fact.getEventId(), fact.getTopic(), fact.getPartition(),
                fact.getOffset());
    }

    private boolean late(final TrainingFact fact) {
        return TrainingRules.late(Instant.ofEpochMilli(fact.getOccurredAt()), Instant.ofEpochMilli(fact.getAppendedAt()),
                grace);
    }

    private LateEvent ledger(final TrainingFact fact, final TrainingFact previous) {
        final Duration after = Duration.ofMillis(fact.getAppendedAt() - fact.getOccurredAt());
        final String what = !fact.getCounts() ? "cancels session " + fact.getSessionId()
                : previous == null ? "adds session " + fact.getSessionId() : "corrects session " + fact.getSessionId();
        return LateEvent.newBuilder()
                .setEventId(fact.getEventId())
                .setEventType(TrainingEvent.class.getSimpleName())
                .setSchoolId(fact.getSchoolId())
                .setUnitId(fact.getSchool().getDistrictId().isEmpty() ? fact.getSchool().getCommuneId()
                        : fact.getSchool().getDistrictId())
                .setReason("recorded " + after.toDays() + " days after field occurredAt " + Instant.ofEpochMilli(
                        fact.getOccurredAt()) + ", more than the grace period " + grace + ": it " + what
                        + " and so changes figures already published for that day; it counts in its day")
                .setSourceTopic(fact.getTopic())
                .setSourcePartition(fact.getPartition())
                .setSourceOffset(fact.getOffset())
                .setOccurredAt(Instant.ofEpochMilli(fact.getOccurredAt()))
                .setStreamTime(Instant.ofEpochMilli(fact.getAppendedAt()))
                .setGraceMillis(grace.toMillis())
                .build();
    }

    private static DataQualityFinding conflict(final Admitted.Training training) {
        final TrainingFact fact = training.fact();
        final Finding finding = new Finding(Refusal.EVENT_ID_CONFLICT, fact.getSessionId(), fact.getEventId(),
                fact.getSchoolId(), "event id " + fact.getEventId() + " was already used by school " + fact.getSchoolId()
                + " with other content; the first use counts and this one does not. Give every new event"
                + " a new id; to correct a session, send a new event with the same sessionId", training.event());
        return FindingRecords.of(finding, Instant.ofEpochMilli(fact.getOccurredAt()), fact.getTopic(), fact.getPartition(),
                fact.getOffset());
    }
}
