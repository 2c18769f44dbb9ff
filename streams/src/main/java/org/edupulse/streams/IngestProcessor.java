package org.edupulse.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.edupulse.rules.DataQuality;
import org.edupulse.rules.EventRules;
import org.edupulse.rules.FieldLimits;
import org.edupulse.rules.Finding;
import org.edupulse.rules.RuleViolation;
import org.edupulse.rules.SessionCounter;
import org.edupulse.rules.TrainingRules;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.RegistryClientSettings;
import org.edupulse.serde.SchemaRegistryAuthenticationException;
import org.edupulse.serde.SchemaRegistryException;
import org.edupulse.serde.SchemaRegistryUnavailableException;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.state.ParkedRecord;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.streams.state.TrainingFact;
import org.edupulse.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate every raw record passes: deserializes, validates, drops re-sent event ids, keeps the
 * effective-dated school reference and the event-time clock, so that
 * everything after it sees only valid, unique, typed records and bad input becomes dead letters
 * instead of stopping the application. It validates with the rules core ({@link EventRules}), as
 * the publisher, the gateway and the importer do, so a record a school system writes with its own
 * serializer meets the same rules and is refused with the same field and reason; a record larger
 * than any valid event can be is refused before it is decoded.
 *
 * <p>It is a plain {@code process()} rather than {@code processValues()} because activating a
 * school version whose effective date the clock has just passed forwards that school's record,
 * under that school's key, while processing some other school's event.
 *
 * <p>An event read before its school's reference record is not refused at once: the two sit in
 * different topics, often on different brokers, and a fetch can hand the consumer the event before
 * the school record appended ahead of it. It is parked, as received, and admitted when the school
 * record arrives; if none has arrived once the task has read records appended the reference wait
 * after it, or the task has read nothing new for the wait on the wall clock, it becomes a dead
 * letter naming the school.
 *
 * <p>The clock is event time (max occurredAt admitted), kept in a store so a restart or a replay
 * resumes it: it activates effective-dated school versions. Training events are not de-duplicated
 * here and get no lateness here: both are decided per session by {@link TrainingSessionProcessor}.
 *
 * <p><b>A schema registry that does not answer loses nothing.</b> A record whose writer's schema
 * cannot be fetched because the registry is unreachable, times out or answers 5xx/429 is not bad
 * data, so it is not a dead letter: it is <i>held</i>, as received, in a store of its own
 * ({@link IndicatorsTopology#AWAITING_REGISTRY_STORE}), and from then on every later decodable
 * record of the task is held behind it, so the task's records are still admitted in log order (the
 * clock and school versions depend on that order). Every {@link #REGISTRY_RETRY} of wall
 * clock the oldest held record is tried again; once the registry answers, the held records are
 * admitted in order, exactly as if they had just arrived ({@link #HELD_PER_RETRY} per retry and
 * {@link #HELD_PER_RECORD} more behind each arrival, so a long backlog drains in short steps). Only a definite answer is a dead letter: an
 * unknown schema id (404, error code 40403), a wrong magic byte, bytes that are not Avro of the
 * schema. A registry that refuses this client's credentials (401, 403) says nothing about the record
 * either: its records are held the same way, and admitted once the registry accepts the client (the
 * warning names the setting to check). A record refused before decoding (no value, too large) needs no registry and is refused
 * at once even while others are held. While records are held, parked events do not expire (their
 * school record may be among the held ones).
 *
 * <p>Why holding rather than failing the task until the registry is back, in Kafka Streams 4.3
 * terms: an exception thrown here goes to the processing exception handler, which can only fail or
 * skip (it has no "retry"), and does not reach Streams' own {@code task.timeout.ms} retry of
 * timeouts; failing kills the stream thread, and the application's uncaught-exception handler
 * ({@code StreamThreadFailures}) ends the client after five replacements in ten minutes, so an
 * outage of a few minutes (at one death per re-read) would end the application. Waiting inside
 * {@code process()} instead blocks the thread: beyond {@code transaction.timeout.ms} (10 s under
 * exactly-once) the broker aborts the open transaction and fences the producer, and the task would
 * re-read and block on the same record for ever. Held records are state: committed with the input
 * offsets in the same exactly-once transaction, restored with the task after a restart or a move.
 * So that one lookup never holds the thread for long, this step's registry client makes a single
 * attempt per URL with short timeouts ({@link #readerSettings}); the hold is its retry.
 */
final class IngestProcessor implements Processor<String, byte[], String, Admitted> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestProcessor.class);
    static final String EVENTS_CLOCK = "events";
    /** How often (wall clock) the oldest held record is tried again while the registry does not answer. */
    static final Duration REGISTRY_RETRY = Duration.ofSeconds(5);
    /**
     * Held records admitted at most per retry, and behind each record that arrives while the registry
     * answers again: a backlog drains faster than it grows, in steps short enough to stay far from
     * {@code transaction.timeout.ms}.
     */
    private static final int HELD_PER_RETRY = 1_000;
    private static final int HELD_PER_RECORD = 2;
    /** The longest a single registry call of this step may take to connect, and to answer. */
    private static final Duration REGISTRY_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REGISTRY_READ_TIMEOUT = Duration.ofSeconds(3);
    /** How often parked events are checked against the reference wait, at most. */
    private static final Duration PARKED_CHECK = Duration.ofSeconds(30);
    private static final char SEPARATOR = '\u0000';
    /** Characters of a dead letter's reason at most (an exception's message can be anything). */
    private static final int MAX_REASON_LENGTH = 2_000;
    /** The order of the String-keyed stores: by the keys' UTF-8 bytes. */
    private static final Comparator<String> KEY_ORDER = Comparator.comparing(
            (String key) -> key.getBytes(StandardCharsets.UTF_8), Arrays::compareUnsigned);

    private final IndicatorsConfig config;
    private final Map<String, ?> serdeConfig;
    private final EventRules rules;

    private ProcessorContext<String, Admitted> context;
    private KeyValueStore<String, SchoolVersions> schools;
    private KeyValueStore<String, Long> clocks;
    private KeyValueStore<String, ParkedRecord> parked;
    /**
     * Records waiting for the schema registry, keyed by arrival sequence (zero-padded, so key order
     * is arrival order). They are admitted from the oldest and added after the newest, so the held
     * sequences are always the range [firstHeld, nextHeld).
     */
    private KeyValueStore<String, ParkedRecord> held;
    private long firstHeld;
    private long nextHeld;
    /** Whether the last try of the oldest held record got its schema (then arrivals drain the backlog too). */
    private boolean registryAnswers;
    /** The registry client's last account of an outage, for the log. */
    private String lastOutage;
    /** The task's stream time at the last wall-clock check, and since when (wall clock) it has not moved. */
    private long lastStreamTime = Long.MIN_VALUE;
    private long idleSince;
    private Map<String, WindowStore<String, Long>> seenIds;
    /**
     * Schools with a version not in force yet, by the province day it takes effect, and the days
     * each such school waits for: an index of the school store, rebuilt from it when the task starts
     * (after restoration) and kept with every write to it, so a new day of event time visits the
     * schools whose version changes instead of every school of the task.
     */
    private final PendingVersions pending = new PendingVersions();
    private Deserializer<School> schoolReader;
    private Deserializer<TrainingEvent> trainingReader;
    private Deserializer<StaffEvent> staffReader;
    private Deserializer<CertificationEvent> certificationReader;
    private Deserializer<DeviceEvent> deviceReader;

    IngestProcessor(final IndicatorsConfig config, final Map<String, ?> serdeConfig) {
        this.config = config;
        this.serdeConfig = serdeConfig;
        this.rules = new EventRules(config.maxFutureSkew());
    }

    @Override
    public void init(final ProcessorContext<String, Admitted> processorContext) {
        this.context = processorContext;
        this.schools = processorContext.getStateStore(IndicatorsTopology.SCHOOL_VERSIONS_STORE);
        this.clocks = processorContext.getStateStore(IndicatorsTopology.CLOCK_STORE);
        this.parked = processorContext.getStateStore(IndicatorsTopology.AWAITING_SCHOOL_STORE);
        this.held = processorContext.getStateStore(IndicatorsTopology.AWAITING_REGISTRY_STORE);
        firstHeld = 0;
        nextHeld = 0;
        try (KeyValueIterator<String, ParkedRecord> it = held.all()) {
            if (it.hasNext()) {
                firstHeld = Long.parseLong(it.peekNextKey());
            }
            while (it.hasNext()) {
                nextHeld = Long.parseLong(it.next().key) + 1;
            }
        }
        nextHeld = Math.max(nextHeld, firstHeld);
        registryAnswers = false;
        processorContext.schedule(REGISTRY_RETRY, PunctuationType.WALL_CLOCK_TIME, now -> retryHeld(HELD_PER_RETRY));
        pending.clear();
        try (KeyValueIterator<String, SchoolVersions> it = schools.all()) {
            while (it.hasNext()) {
                pending.index(it.next().value);
            }
        }
        final Duration check = config.referenceWait().compareTo(PARKED_CHECK) < 0 ? config.referenceWait() : PARKED_CHECK;
        processorContext.schedule(check, PunctuationType.STREAM_TIME,
                streamTime -> expireParked(p -> p.getTimestamp() < streamTime - config.referenceWait().toMillis()));
        processorContext.schedule(check, PunctuationType.WALL_CLOCK_TIME, this::expireParkedWhileIdle);
        this.seenIds = Map.of(
                Topics.STAFF_EVENTS.name(), processorContext.getStateStore(IndicatorsTopology.STAFF_IDS_STORE),
                Topics.CERTIFICATION_EVENTS.name(),
                processorContext.getStateStore(IndicatorsTopology.CERTIFICATION_IDS_STORE),
                Topics.DEVICE_EVENTS.name(), processorContext.getStateStore(IndicatorsTopology.DEVICE_IDS_STORE));
        this.schoolReader = reader(School.class);
        this.trainingReader = reader(TrainingEvent.class);
        this.staffReader = reader(StaffEvent.class);
        this.certificationReader = reader(CertificationEvent.class);
        this.deviceReader = reader(DeviceEvent.class);
    }

    private <T extends SpecificRecord> Deserializer<T> reader(final Class<T> type) {
        final Map<String, Object> configs = new HashMap<>(serdeConfig);
        configs.putAll(readerSettings(RegistryClientSettings.from(serdeConfig)).withKeys());
        return SpecificAvroSerde.of(type, configs, false).deserializer();
    }

    /**
     * The registry client settings of this step: the configured ones, but no retries and timeouts
     * of at most {@link #REGISTRY_CONNECT_TIMEOUT} and {@link #REGISTRY_READ_TIMEOUT}, so that a
     * lookup keeps the stream thread well under {@code transaction.timeout.ms}; held records are
     * the retry.
     */
    static RegistryClientSettings readerSettings(final RegistryClientSettings configured) {
        return new RegistryClientSettings(0, configured.retriesWait(), configured.retriesMaxWait(),
                min(configured.connectTimeout(), REGISTRY_CONNECT_TIMEOUT), min(configured.readTimeout(),
                REGISTRY_READ_TIMEOUT), configured.missingIdTtl(), configured.missingCacheSize());
    }

    private static Duration min(final Duration a, final Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public void process(final Record<String, byte[]> record) {
        final RecordMetadata origin = context.recordMetadata().orElseThrow();
        if (holding() && decodable(record)) {
            // Behind a record that waits for the registry: wait too, to be admitted in log order.
            hold(record, origin);
            if (registryAnswers) {
                retryHeld(HELD_PER_RECORD);
            }
        } else {
            handle(record, origin);
        }
    }

    /** Admits or refuses the record, or holds it when the registry gives no answer. */
    private void handle(final Record<String, byte[]> record, final RecordMetadata origin) {
        if (!admit(record, origin)) {
            if (!holding()) {
                LOG.warn("Task {}: the schema registry gives no schema for a record of {}-{}@{} ({}); holding it and"
                        + " the task's later records, trying again every {}", context.taskId(), origin.topic(),
                        origin.partition(), origin.offset(), lastOutage, REGISTRY_RETRY);
            }
            registryAnswers = false;
            hold(record, origin);
        }
    }

    private boolean holding() {
        return nextHeld > firstHeld;
    }

    /**
     * Admits, parks or refuses the record; false, having changed nothing, when its schema could not
     * be fetched because the registry gave no answer.
     */
    private boolean admit(final Record<String, byte[]> record, final RecordMetadata origin) {
        try {
            final String topic = origin.topic();
            checkSize(record);
            if (Topics.SCHOOLS.name().equals(topic)) {
                admitSchool(record, origin);
            } else if (Topics.TRAINING_EVENTS.name().equals(topic)) {
                final TrainingEvent event = read(trainingReader, topic, record);
                checkEvent(record, event, event.getSchoolId());
                // No de-duplication here: a session's identity and its event ids are the session step's.
                admitTraining(record, event, origin);
            } else if (Topics.STAFF_EVENTS.name().equals(topic)) {
                final StaffEvent event = read(staffReader, topic, record);
                checkEvent(record, event, event.getSchoolId());
                if (firstDelivery(topic, event)) {
                    admitStock(record, new Admitted.Staff(event, origin), event.getOccurredAt());
                }
            } else if (Topics.CERTIFICATION_EVENTS.name().equals(topic)) {
                final CertificationEvent event = read(certificationReader, topic, record);
                checkEvent(record, event, event.getSchoolId());
                if (firstDelivery(topic, event)) {
                    admitStock(record, new Admitted.Certification(event, origin), event.getOccurredAt());
                }
            } else if (Topics.DEVICE_EVENTS.name().equals(topic)) {
                final DeviceEvent event = read(deviceReader, topic, record);
                checkEvent(record, event, event.getSchoolId());
                if (firstDelivery(topic, event)) {
                    admitStock(record, new Admitted.Device(event, origin), event.getOccurredAt());
                }
            } else {
                throw new Rejection("topic " + topic + " is not an input of the indicators topology");
            }
        } catch (final RegistryUnavailable outage) {
            return false;
        } catch (final UnknownSchool unknown) {
            park(unknown.schoolId, record, origin);
        } catch (final Rejection rejection) {
            reject(record, origin, rejection.getMessage(), rejection.getCause());
        } catch (final RuntimeException e) {
            // A bug or an unforeseen input must not stop the pipeline: the record is kept as a dead letter.
            reject(record, origin, "processing failed: " + e.getMessage(), e);
        }
        return true;
    }

    /** Whether deciding on the record needs its schema: a record without value or too large is refused unread. */
    private static boolean decodable(final Record<String, byte[]> record) {
        return record.value() != null && recordBytes(record) <= FieldLimits.MAX_RECORD_BYTES;
    }

    /** Keeps the record, as received, behind those already waiting for the registry. */
    private void hold(final Record<String, byte[]> record, final RecordMetadata origin) {
        held.put(heldKey(nextHeld), new ParkedRecord(origin.topic(), origin.partition(), origin.offset(),
                record.timestamp(), context.currentSystemTimeMs(), record.key(), ByteBuffer.wrap(record.value())));
        nextHeld++;
    }

    static String heldKey(final long sequence) {
        return String.format("%019d", sequence);
    }

    /**
     * Tries up to {@code limit} held records again, oldest first, and stops at the first whose schema
     * the registry still cannot give: the rest stay held behind it.
     */
    private void retryHeld(final int limit) {
        int admitted = 0;
        for (; holding() && admitted < limit; admitted++) {
            final String key = heldKey(firstHeld);
            final ParkedRecord oldest = held.get(key);
            if (!admit(recordOf(oldest), originOf(oldest))) {
                registryAnswers = false;
                return;
            }
            held.delete(key);
            firstHeld++;
        }
        if (!registryAnswers && admitted > 0) {
            LOG.info("Task {}: the schema registry answers again; admitting the held records, {} still held",
                    context.taskId(), nextHeld - firstHeld);
        }
        registryAnswers = true;
    }

    /**
     * Refuses, before decoding, a record larger than any valid event can be (the field limits keep a
     * valid one far below): decoding it would only build strings the rules then refuse.
     */
    private static void checkSize(final Record<String, byte[]> record) {
        final long size = recordBytes(record);
        if (size > FieldLimits.MAX_RECORD_BYTES) {
            throw new Rejection("record is " + size + " bytes (key and value), more than the limit of "
                    + FieldLimits.MAX_RECORD_BYTES + " bytes");
        }
    }

    /** Bytes of the record's key (in UTF-8) and value. */
    private static long recordBytes(final Record<String, byte[]> record) {
        return recordBytes(record.key(), record.value());
    }

    /** Bytes of a raw record's key (in UTF-8) and value, as the size limit counts them. */
    static long recordBytes(final String key, final byte[] value) {
        return utf8Length(key) + (value == null ? 0 : value.length);
    }

    private static long utf8Length(final String text) {
        if (text == null) {
            return 0;
        }
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            // A surrogate pair is 4 bytes, 2 for each half.
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    private <T> T read(final Deserializer<T> reader, final String topic, final Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new Rejection(Topics.SCHOOLS.name().equals(topic)
                    ? "value is a tombstone: a school cannot be deleted, publish a new version with a later effectiveFrom"
                    : "value is null");
        }
        try {
            return reader.deserialize(topic, record.value());
        } catch (final SchemaRegistryUnavailableException | SchemaRegistryAuthenticationException outage) {
            lastOutage = outage.getMessage();
            throw new RegistryUnavailable(outage);
        } catch (final RuntimeException e) {
            throw new Rejection("value could not be deserialized: " + e.getMessage(), e);
        }
    }

    /**
     * The rules every entry point applies (received at the record's timestamp: the broker's append
     * time on the raw topics), then what only the pipeline can check: the key, and whether the school
     * is known yet.
     */
    private void checkEvent(final Record<String, byte[]> record, final SpecificRecord event, final String schoolId) {
        checkRules(record, event);
        checkKey(record, schoolId);
        if (schools.get(schoolId) == null) {
            throw new UnknownSchool(schoolId);
        }
    }

    private void checkRules(final Record<String, byte[]> record, final SpecificRecord value) {
        final List<RuleViolation> violations = rules.check(value, Instant.ofEpochMilli(record.timestamp()));
        if (!violations.isEmpty()) {
            final StringBuilder reason = new StringBuilder();
            for (final RuleViolation violation : violations) {
                reason.append(reason.length() == 0 ? "" : "; ").append(violation.describe());
            }
            throw new Rejection(reason.toString());
        }
    }

    /** Events and school records are keyed by their school id (already within its size limit). */
    private static void checkKey(final Record<String, byte[]> record, final String schoolId) {
        if (!schoolId.equals(record.key())) {
            throw new Rejection("record key " + quote(record.key()) + " differs from field schoolId '" + schoolId
                    + "': events are keyed by school id");
        }
    }

    /** A key quoted for a reason, cut to an id's length so that a huge key cannot make a huge dead letter. */
    private static String quote(final String key) {
        if (key == null) {
            return "null";
        }
        return key.length() <= FieldLimits.MAX_ID_LENGTH ? "'" + key + "'"
                : "'" + key.substring(0, FieldLimits.MAX_ID_LENGTH) + "...' (" + key.length() + " characters)";
    }

    /**
     * Records the event id and says whether this is anything but a re-delivery. A re-send carries the
     * same occurredAt, so one window of the id store is looked up; the store keeps a digest of the
     * content, so the same id with other content is let through for the rules core to report as a
     * conflict (it never counts twice: the entity's fold keeps the first). Ids older than the
     * retention (in event time) are forgotten; the entity's history still holds them.
     */
    private boolean firstDelivery(final String topic, final SpecificRecord event) {
        final WindowStore<String, Long> store = seenIds.get(topic);
        final String eventId = String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
        final long time = ((Instant) event.get(event.getSchema().getField("occurredAt").pos())).toEpochMilli();
        final long digest = ContentHash.of(event);
        final Long seen = store.fetch(eventId, time);
        if (seen != null && seen == digest) {
            return false;
        }
        if (seen == null) {
            store.put(eventId, digest, time);
        }
        return true;
    }

    private void admitStock(final Record<String, byte[]> record, final Admitted admitted, final Instant occurredAt) {
        advanceEventsClock(occurredAt.toEpochMilli());
        context.forward(new Record<>(record.key(), admitted, occurredAt.toEpochMilli()));
    }

    private void admitTraining(final Record<String, byte[]> record, final TrainingEvent event,
                               final RecordMetadata origin) {
        final long time = event.getOccurredAt().toEpochMilli();
        advanceEventsClock(time);
        final SchoolVersion school = versionAt(schools.get(event.getSchoolId()), ProvinceCalendar.epochDay(time));
        final TrainingFact fact = new TrainingFact(event.getEventId(), event.getSchoolId(), event.getSessionId(), school, time,
                record.timestamp(), event.getParticipantCount(), TrainingRules.drill(event), TrainingRules.counts(event),
                ContentHash.of(event), splits(event), origin.topic(), origin.partition(), origin.offset());
        context.forward(new Record<>(record.key(), new Admitted.Training(fact, event), time));
    }

    /** The rules core's split counters of a session, as a vector indexed by {@link SessionCounter} ordinal. */
    static List<Long> splits(final TrainingEvent event) {
        final List<Long> splits = new ArrayList<>(Collections.nCopies(SessionCounter.values().length, 0L));
        SessionCounter.of(event).forEach((counter, amount) -> splits.set(counter.ordinal(), amount));
        return splits;
    }

    private void admitSchool(final Record<String, byte[]> record, final RecordMetadata origin) {
        final School school = read(schoolReader, origin.topic(), record);
        checkRules(record, school);
        checkKey(record, school.getSchoolId());
        final SchoolVersion version = versionOf(school);
        final SchoolVersions existing = schools.get(school.getSchoolId());
        if (existing == null || !existing.getVersions().contains(version)) {
            findSchool(school, replacedBy(existing, version), origin);
        }
        final List<SchoolVersion> versions = new ArrayList<>(existing == null ? List.of() : existing.getVersions());
        versions.removeIf(v -> v.getEffectiveFrom() == version.getEffectiveFrom());
        versions.add(version);
        versions.sort(Comparator.comparingInt(SchoolVersion::getEffectiveFrom));
        final SchoolVersions updated = new SchoolVersions(school.getSchoolId(), null, versions);
        // The calendar periods place a school's stocks by the version in force at each month's end.
        context.forward(new Record<>(school.getSchoolId(), new Admitted.Versions(updated),
                ProvinceCalendar.startOfDay(version.getEffectiveFrom())));
        // A correction of the active version itself is published too: activeFrom is reset above.
        activate(updated, clockDay());
        releaseParked(school.getSchoolId());
    }

    /** The version with the same effectiveFrom that {@code version} replaces, or null. */
    private static SchoolVersion replacedBy(final SchoolVersions existing, final SchoolVersion version) {
        if (existing == null) {
            return null;
        }
        for (final SchoolVersion known : existing.getVersions()) {
            if (known.getEffectiveFrom() == version.getEffectiveFrom()) {
                return known;
            }
        }
        return null;
    }

    /**
     * Reports a school record that is valid but doubtful (the rules core decides), keyed by its school.
     * Called once per version the figures use: the same version sent again is not reported again. The
     * count of findings that apply now changes by the difference with the version it replaces (same
     * effectiveFrom): a correction with learners withdraws the finding of the version without them.
     * A school's records are read in its partition's order, so the counts do not depend on how the
     * partitions interleave.
     */
    private void findSchool(final School school, final SchoolVersion replaced, final RecordMetadata origin) {
        final long effective = ProvinceCalendar.startOfDay((int) school.getEffectiveFrom().toEpochDay());
        final Optional<Finding> finding = DataQuality.schoolWithoutLearners(school);
        finding.ifPresent(found -> context.forward(new Record<>(school.getSchoolId(), new Admitted.Finding(
                FindingRecords.of(found, Instant.ofEpochMilli(effective), origin.topic(), origin.partition(),
                        origin.offset())), effective)));
        final int change = (finding.isPresent() ? 1 : 0)
                - (replaced != null && DataQuality.withoutLearners(replaced.getLearnersEnrolled()) ? 1 : 0);
        if (change != 0) {
            context.forward(new Record<>(school.getSchoolId(), new Admitted.FindingCount(
                    Totals.ofFindings(school.getSchoolId(), effective, 0, change)), effective));
        }
    }

    /** Holds an event whose school is not known yet, keyed so that its school's records sit together in log order. */
    private void park(final String schoolId, final Record<String, byte[]> record, final RecordMetadata origin) {
        parked.put(parkedKey(schoolId, origin), new ParkedRecord(origin.topic(), origin.partition(), origin.offset(),
                record.timestamp(), context.currentSystemTimeMs(), record.key(), ByteBuffer.wrap(record.value())));
    }

    private static String parkedKey(final String schoolId, final RecordMetadata origin) {
        return schoolId + SEPARATOR + origin.topic() + SEPARATOR + String.format("%010d%c%019d", origin.partition(),
                SEPARATOR, origin.offset());
    }

    /** Admits, in log order, the events that were waiting for this school (now known, so none parks again). */
    private void releaseParked(final String schoolId) {
        final List<KeyValue<String, ParkedRecord>> waiting = new ArrayList<>();
        try (KeyValueIterator<String, ParkedRecord> it = parked.prefixScan(schoolId + SEPARATOR, new StringSerializer())) {
            it.forEachRemaining(waiting::add);
        }
        for (final KeyValue<String, ParkedRecord> entry : waiting) {
            parked.delete(entry.key);
            handle(recordOf(entry.value), originOf(entry.value));
        }
    }

    /**
     * The wall-clock rule, for a quiet task whose append-time clock stands still: parked events
     * expire only once the task has read nothing new for the whole wait. While it reads (catching
     * up after a restart, say) the school record may still be in the unread backlog, and the
     * append-time rule decides.
     */
    private void expireParkedWhileIdle(final long now) {
        final long streamTime = context.currentStreamTimeMs();
        if (streamTime != lastStreamTime) {
            lastStreamTime = streamTime;
            idleSince = now;
            return;
        }
        final long wait = config.referenceWait().toMillis();
        if (now - idleSince >= wait) {
            expireParked(p -> p.getParkedAt() < now - wait);
        }
    }

    /**
     * Dead-letters the parked events whose wait is over; none while records wait for the registry,
     * since their school's record may be one of them.
     */
    private void expireParked(final Predicate<ParkedRecord> expired) {
        if (holding()) {
            return;
        }
        final List<KeyValue<String, ParkedRecord>> over = new ArrayList<>();
        try (KeyValueIterator<String, ParkedRecord> it = parked.all()) {
            it.forEachRemaining(entry -> {
                if (expired.test(entry.value)) {
                    over.add(entry);
                }
            });
        }
        for (final KeyValue<String, ParkedRecord> entry : over) {
            parked.delete(entry.key);
            final String schoolId = entry.key.substring(0, entry.key.indexOf(SEPARATOR));
            reject(recordOf(entry.value), originOf(entry.value), "field schoolId '" + schoolId
                    + "' names an unknown school: no record in " + Topics.SCHOOLS.name() + " within "
                    + config.referenceWait() + " of the event (reference data must be loaded before events)", null);
        }
    }

    private static Record<String, byte[]> recordOf(final ParkedRecord parkedRecord) {
        final ByteBuffer value = parkedRecord.getValue().duplicate();
        final byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return new Record<>(parkedRecord.getKey(), bytes, parkedRecord.getTimestamp());
    }

    private static RecordMetadata originOf(final ParkedRecord parkedRecord) {
        return new Origin(parkedRecord.getTopic(), parkedRecord.getPartition(), parkedRecord.getOffset());
    }

    /** Where a parked record was read from. */
    private record Origin(String topic, int partition, long offset) implements RecordMetadata {
    }

    private void advanceEventsClock(final long time) {
        final long before = clock(EVENTS_CLOCK);
        if (time <= before) {
            return;
        }
        clocks.put(EVENTS_CLOCK, time);
        final int day = ProvinceCalendar.epochDay(time);
        if (before == Long.MIN_VALUE || day > ProvinceCalendar.epochDay(before)) {
            // A new day in the province: versions whose effective date has come take over, school
            // by school in the store's key order (as a scan of the store would visit them).
            for (final String schoolId : pending.dueBy(day, KEY_ORDER)) {
                activate(schools.get(schoolId), day);
            }
        }
    }

    private void activate(final SchoolVersions versions, final int day) {
        final SchoolVersion current = versionAt(versions, day);
        if (versions.getActiveFrom() != null && versions.getActiveFrom() == current.getEffectiveFrom()) {
            return;
        }
        final SchoolVersions activated = new SchoolVersions(versions.getSchoolId(), current.getEffectiveFrom(),
                versions.getVersions());
        schools.put(versions.getSchoolId(), activated);
        pending.index(activated);
        final long effective = ProvinceCalendar.startOfDay(current.getEffectiveFrom());
        context.forward(new Record<>(versions.getSchoolId(), new Admitted.CurrentSchool(current), effective));
    }

    private int clockDay() {
        final long clock = clock(EVENTS_CLOCK);
        return clock == Long.MIN_VALUE ? Integer.MIN_VALUE : ProvinceCalendar.epochDay(clock);
    }

    private long clock(final String name) {
        final Long value = clocks.get(name);
        return value == null ? Long.MIN_VALUE : value;
    }

    /** A school record as the version the topology keeps: absent optional names and ids as "". */
    static SchoolVersion versionOf(final School school) {
        return new SchoolVersion(school.getSchoolId(), (int) school.getEffectiveFrom().toEpochDay(), school.getName(),
                school.getCommuneId(), school.getCommuneName(), Places.noneAsEmpty(school.getDistrictId()),
                Places.noneAsEmpty(school.getDistrictName()), school.getDistrictIsFormer(), school.getProvinceId(),
                school.getProvinceName(), school.getLearnersEnrolled(), school.getInternetForTeaching(),
                school.getInternet().name(), school.getWifiCoverage());
    }

    /** The version in force on {@code day}: the latest effective by then, else the earliest known. */
    static SchoolVersion versionAt(final SchoolVersions versions, final int day) {
        SchoolVersion found = versions.getVersions().get(0);
        for (final SchoolVersion version : versions.getVersions()) {
            if (version.getEffectiveFrom() <= day) {
                found = version;
            }
        }
        return found;
    }

    /**
     * Sends the record to the dead-letter topic. The dead letter must itself be producible whatever
     * was received: its reason is cut to {@link #MAX_REASON_LENGTH} characters, the key and value are
     * copied only when the record is within {@link FieldLimits#MAX_RECORD_BYTES} (else the reason
     * says where to read them: the raw topics are kept for ever), and it is keyed by the record's key
     * only when that is short enough to be a school id.
     */
    private void reject(final Record<String, byte[]> record, final RecordMetadata origin, final String reason,
                        final Throwable cause) {
        final boolean copied = recordBytes(record) <= FieldLimits.MAX_RECORD_BYTES;
        final String fullReason = copied ? reason : reason + "; key and value not copied here: read them at "
                + origin.topic() + "-" + origin.partition() + "@" + origin.offset();
        final DeadLetter deadLetter = DeadLetter.newBuilder()
                .setReason(fullReason.length() <= MAX_REASON_LENGTH ? fullReason
                        : fullReason.substring(0, MAX_REASON_LENGTH) + "...")
                .setErrorClass(cause == null ? null : cause.getClass().getName())
                .setSourceTopic(origin.topic())
                .setSourcePartition(origin.partition())
                .setSourceOffset(origin.offset())
                .setKey(record.key() == null || !copied ? null
                        : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)))
                .setValue(record.value() == null || !copied ? null : ByteBuffer.wrap(record.value()))
                .setRecordTimestamp(Instant.ofEpochMilli(record.timestamp()))
                .setRejectedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .build();
        final String key = record.key() != null && record.key().length() <= FieldLimits.MAX_ID_LENGTH ? record.key() : null;
        context.forward(new Record<>(key, new Admitted.Rejected(deadLetter), record.timestamp()));
    }

    /** The event names a school with no reference record yet: parked rather than refused. */
    private static final class UnknownSchool extends Rejection {
        private static final long serialVersionUID = 1L;

        private final String schoolId;

        UnknownSchool(final String schoolId) {
            super("school " + schoolId + " not known yet");
            this.schoolId = schoolId;
        }
    }

    /** The registry gave no answer for the record's schema, or refused this client: it is held, not refused. */
    private static final class RegistryUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RegistryUnavailable(final SchemaRegistryException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** A validation failure: the message is the dead letter's reason and names the field. */
    private static class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejection(final String message) {
            super(message, null, false, false);
        }

        Rejection(final String message, final Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
