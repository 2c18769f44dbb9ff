package org.edupulse.topics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.EntityHolder;
import org.edupulse.schemas.EntityKind;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.LateEvent;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;

/**
 * The catalog of every topic EduPulse reads or writes. Raw event topics keep everything
 * because the auditors replay them; reference and indicator topics are compacted by key.
 * Events are keyed by school id so that one school's events stay in order.
 */
public final class Topics {

    /** Partitions of the school-keyed topics; equal everywhere so they are co-partitioned. */
    public static final int EVENT_PARTITIONS = 3;

    private static final Map<String, String> KEEP_FOREVER = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1");

    /**
     * The log the auditors replay: kept forever, and stamped by the broker when appended, so that
     * "what was known at instant T" is read from the log itself, whatever a client's clock says.
     */
    private static final Map<String, String> AUDIT_LOG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1",
            TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    private static final Map<String, String> COMPACTED = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

    public static final Topic<String, TrainingEvent> TRAINING_EVENTS = new Topic<>(
            "edupulse.training.events", String.class, TrainingEvent.class, EVENT_PARTITIONS, AUDIT_LOG);

    public static final Topic<String, CertificationEvent> CERTIFICATION_EVENTS = new Topic<>(
            "edupulse.certification.events", String.class, CertificationEvent.class, EVENT_PARTITIONS, AUDIT_LOG);

    public static final Topic<String, DeviceEvent> DEVICE_EVENTS = new Topic<>(
            "edupulse.device.events", String.class, DeviceEvent.class, EVENT_PARTITIONS, AUDIT_LOG);

    public static final Topic<String, StaffEvent> STAFF_EVENTS = new Topic<>(
            "edupulse.staff.events", String.class, StaffEvent.class, EVENT_PARTITIONS, AUDIT_LOG);

    /**
     * School reference data by school id. Kept whole rather than compacted: a school's mapping is
     * effective-dated, and an audit of an instant before a re-mapping needs the version then in force,
     * which compaction by school id would erase.
     */
    public static final Topic<String, School> SCHOOLS = new Topic<>(
            "edupulse.school.reference", String.class, School.class, EVENT_PARTITIONS, AUDIT_LOG);

    /** The latest IndicatorSet of each school, keyed by school id. */
    public static final Topic<String, IndicatorSet> SCHOOL_INDICATORS = new Topic<>(
            "edupulse.school.indicators", String.class, IndicatorSet.class, EVENT_PARTITIONS, COMPACTED);

    /** The latest IndicatorSet of each commune (those merged away keep their history), keyed by commune id. */
    public static final Topic<String, IndicatorSet> COMMUNE_INDICATORS = new Topic<>(
            "edupulse.commune.indicators", String.class, IndicatorSet.class, EVENT_PARTITIONS, COMPACTED);

    public static final Topic<String, IndicatorSet> DISTRICT_INDICATORS = new Topic<>(
            "edupulse.district.indicators", String.class, IndicatorSet.class, EVENT_PARTITIONS, COMPACTED);

    public static final Topic<String, IndicatorSet> PROVINCE_INDICATORS = new Topic<>(
            "edupulse.province.indicators", String.class, IndicatorSet.class, 1, COMPACTED);

    /**
     * The indicators of every unit per month, quarter, year and school year, keyed
     * {@code unitId|grain|period} (see {@link #periodKey}) and compacted: a BI tool reads any unit's
     * whole series from it; a late event replaces the values of its period.
     */
    public static final Topic<String, PeriodIndicators> INDICATOR_PERIODS = new Topic<>(
            "edupulse.indicator.periods", String.class, PeriodIndicators.class, EVENT_PARTITIONS, COMPACTED);

    public static final Topic<String, DeadLetter> DEAD_LETTER = new Topic<>(
            "edupulse.dead-letter", String.class, DeadLetter.class, 1, KEEP_FOREVER);

    /**
     * Every IndicatorSet ever published, at every level, keyed by unit id and never
     * compacted: the compacted indicator topics keep only the latest value, this keeps the history
     * for auditors and trend charts.
     */
    public static final Topic<String, IndicatorSet> INDICATOR_HISTORY = new Topic<>(
            "edupulse.indicator.history", String.class, IndicatorSet.class, EVENT_PARTITIONS, AUDIT_LOG);

    /** Events that arrived after the grace period of their windows, with the reason, keyed by school id. */
    public static final Topic<String, LateEvent> LATE_EVENTS = new Topic<>(
            "edupulse.late.events", String.class, LateEvent.class, 1, KEEP_FOREVER);

    /**
     * Findings of the rules core about valid but doubtful or refused events (another school's person
     * or device, an event id reused with other content), keyed by the posting school's id (by the unit's id
     * for a finding about a unit, e.g. schools that name it differently), kept forever.
     */
    public static final Topic<String, DataQualityFinding> DATA_QUALITY = new Topic<>(
            "edupulse.data-quality", String.class, DataQualityFinding.class, 1, KEEP_FOREVER);

    /**
     * The school holding each person and device, keyed {@code person/<staffId>} or {@code device/<deviceId>}
     * (see {@link #holderKey}), compacted: the gateway refuses a school's event about what another holds.
     */
    public static final Topic<String, EntityHolder> ENTITY_HOLDERS = new Topic<>(
            "edupulse.entity.holders", String.class, EntityHolder.class, EVENT_PARTITIONS, COMPACTED);

    /** Gateway API keys, stored hashed and keyed by hash, so every gateway instance sees every key. */
    public static final Topic<String, ApiKey> API_KEYS = new Topic<>(
            "edupulse.gateway.api-keys", String.class, ApiKey.class, 1, COMPACTED);

    /** The raw event topics the auditors replay, in a fixed order. */
    public static final List<Topic<String, ?>> RAW_EVENTS = List.of(
            TRAINING_EVENTS, CERTIFICATION_EVENTS, DEVICE_EVENTS, STAFF_EVENTS);

    /**
     * Everything the indicators are computed from: the school reference records first, then the raw
     * events in {@link #RAW_EVENTS}' order (the order that breaks timestamp ties in a replay).
     */
    public static final List<Topic<String, ?>> INDICATOR_INPUTS = List.of(
            SCHOOLS, TRAINING_EVENTS, CERTIFICATION_EVENTS, DEVICE_EVENTS, STAFF_EVENTS);

    /** Every topic in the catalog, in the order provisioning creates them. */
    public static final List<Topic<String, ?>> ALL = List.of(
            TRAINING_EVENTS, CERTIFICATION_EVENTS, DEVICE_EVENTS, STAFF_EVENTS, SCHOOLS,
            SCHOOL_INDICATORS, COMMUNE_INDICATORS, DISTRICT_INDICATORS, PROVINCE_INDICATORS, INDICATOR_PERIODS,
            DEAD_LETTER, INDICATOR_HISTORY, LATE_EVENTS, DATA_QUALITY, ENTITY_HOLDERS, API_KEYS);

    /** The key of a unit's period in {@link #INDICATOR_PERIODS}: {@code DB-MA|MONTH|2025-11}. */
    public static String periodKey(final String unitId, final PeriodGrain grain, final String period) {
        return unitId + "|" + grain.name() + "|" + period;
    }

    /** The key of an entity in {@link #ENTITY_HOLDERS}. */
    public static String holderKey(final EntityKind kind, final String entityId) {
        return kind.name().toLowerCase(Locale.ROOT) + "/" + entityId;
    }

    private Topics() {
    }
}
