package org.edupulse.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;

/**
 * What makes an event (or a school record) valid beyond its Avro schema, written once: the
 * publisher, the HTTP gateway and the file importer check records with it before they send them,
 * and the pipeline checks every raw record with it again, because a school system may write to the
 * raw topics with its own serializer and bypass all three. So a record is accepted or refused for
 * the same reasons wherever it enters, and named by the same field and reason.
 *
 * <p>The rules:
 * <ul>
 *   <li>every string present and not blank, every list entry not blank; optional strings may be absent;</li>
 *   <li>every string and list within {@link FieldLimits};</li>
 *   <li>counts ({@code participantCount}, {@code learnersEnrolled}) zero or more;</li>
 *   <li>a training session lasts: {@code hours} greater than 0 and finite. The pipeline used to allow
 *       0, the publisher did not; a session of no length did not take place, so 0 is refused;</li>
 *   <li>a sponsored device names its programme;</li>
 *   <li>{@code occurredAt} not before {@link #EARLIEST} (typos such as 0025 for 2025) and not later
 *       than the reference instant plus {@link #MAX_FUTURE_SKEW}. The reference is when the record
 *       was received: the publisher's clock when it validates, the broker's append time of the raw
 *       record in the pipeline. Append time is never before the publisher's check, so whatever the
 *       publisher accepts the pipeline accepts too.</li>
 * </ul>
 *
 * <p>The skew was 5 minutes against the publisher's wall clock and a day against the append time in
 * the pipeline; it is now 5 minutes for both: school clocks are synchronised over the internet, and a
 * day let a system that writes local time as UTC (7 hours ahead in the province) put sessions into
 * the future, where they would move the pipeline's event-time clock and close other sessions'
 * windows early.
 *
 * <p>Null fields are reported as missing rather than failing, because the importer's mappers hand
 * over partly-filled records. Thread-safe and immutable; a valid record allocates nothing.
 */
public final class EventRules {

    /** How far a sender's clock may run ahead of the receiver's. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    /** No EduPulse event can predate this; earlier times are typos such as 0025 for 2025. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final long EARLIEST_MILLIS = EARLIEST.toEpochMilli();
    /** Lists up to this long are checked for repeats pairwise, without a set. */
    private static final int SHORT_LIST = 16;
    /** Each schema's {@link FieldCheck}s, worked out on its first record. */
    private static final Map<Schema, FieldCheck[]> FIELD_CHECKS = new ConcurrentHashMap<>();

    private final Duration maxFutureSkew;
    private final long maxFutureSkewMillis;

    /** Rules that allow {@code maxFutureSkew} instead of {@link #MAX_FUTURE_SKEW} (tests, or a known clock drift). */
    public EventRules(final Duration maxFutureSkew) {
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative: " + maxFutureSkew);
        }
        this.maxFutureSkewMillis = maxFutureSkew.toMillis();
    }

    /** The rules every entry point applies by default. */
    public static EventRules standard() {
        return new EventRules(MAX_FUTURE_SKEW);
    }

    /** The allowed skew of these rules. */
    public Duration maxFutureSkew() {
        return maxFutureSkew;
    }

    /**
     * Every rule {@code record} breaks, in field order; empty when it is valid.
     *
     * @param record     an event or a school record
     * @param receivedAt when it was received: the instant {@code occurredAt} may exceed by the skew at most
     */
    public List<RuleViolation> check(final SpecificRecord record, final Instant receivedAt) {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(receivedAt, "receivedAt");
        List<RuleViolation> violations = checkFields(record, null);
        if (record instanceof TrainingEvent) {
            final TrainingEvent event = (TrainingEvent) record;
            violations = atLeastZero("participantCount", event.getParticipantCount(), violations);
            if (!(event.getHours() > 0) || Double.isInfinite(event.getHours())) {
                violations = add(violations, "hours", "must be greater than 0: " + event.getHours());
            }
            if (event.getContents() != null && hasRepeats(event.getContents())) {
                violations = add(violations, "contents", "must name each content once: " + event.getContents());
            }
            if (event.getTrainerStaffId() != null && event.getTrainerStaffId().isBlank()) {
                violations = add(violations, "trainerStaffId", "must not be blank when given (leave it out when the register names nobody)");
            }
            violations = checkOccurredAt(event.getOccurredAt(), receivedAt, violations);
        } else if (record instanceof DeviceEvent) {
            final DeviceEvent event = (DeviceEvent) record;
            if (event.getSource() == DeviceSource.SPONSORSHIP
                    && (event.getProgramme() == null || event.getProgramme().isBlank())) {
                violations = add(violations, "programme", "required when source is SPONSORSHIP");
            }
            violations = checkOccurredAt(event.getOccurredAt(), receivedAt, violations);
        } else if (record instanceof CertificationEvent) {
            violations = checkOccurredAt(((CertificationEvent) record).getOccurredAt(), receivedAt, violations);
        } else if (record instanceof StaffEvent) {
            final StaffEvent event = (StaffEvent) record;
            final boolean team = PersonState.teamAction(event);
            final String commune = event.getTeamCommuneId();
            if (team && (commune == null || commune.isBlank())) {
                violations = add(violations, "teamCommuneId", "required when action is " + event.getAction());
            } else if (!team && commune != null) {
                violations = add(violations, "teamCommuneId", "only for TEAM_JOINED or TEAM_LEFT, not " + event.getAction());
            }
            violations = checkOccurredAt(event.getOccurredAt(), receivedAt, violations);
        } else if (record instanceof School) {
            final School school = (School) record;
            violations = atLeastZero("learnersEnrolled", school.getLearnersEnrolled(), violations);
            violations = checkDistrict(school, violations);
            violations = checkDistinctUnits(school, violations);
        }
        return violations == null ? List.of() : List.copyOf(violations);
    }

    /**
     * A school's district is optional (Vietnam has had no district level since 1 July 2025), but all or
     * nothing: an id without a name, a name without an id, a blank one, or a former district flag
     * with no district would publish a unit nobody can name or a grouping of nothing.
     */
    private static List<RuleViolation> checkDistrict(final School school, final List<RuleViolation> found) {
        List<RuleViolation> violations = found;
        final String id = school.getDistrictId();
        final String name = school.getDistrictName();
        if (id != null && id.isBlank()) {
            violations = add(violations, "districtId", "must not be blank when given (leave it out for a school with no district)");
        }
        if (name != null && name.isBlank()) {
            violations = add(violations, "districtName", "must not be blank when given (leave it out for a school with no district)");
        }
        if (id != null && name == null) {
            violations = add(violations, "districtName", "required when districtId is given");
        }
        if (id == null && name != null) {
            violations = add(violations, "districtId", "required when districtName is given");
        }
        if (id == null && school.getDistrictIsFormer()) {
            violations = add(violations, "districtIsFormer", "true needs a districtId: a former district is a grouping of schools");
        }
        return violations;
    }

    /**
     * A school, its commune, its district and its province are four units, each published under its id: a
     * record that gives two of them the same id would publish two levels' figures under one id (the periods
     * topic is keyed by unit id, and {@code /api/v1/units/{id}} names one unit). The later field is named.
     */
    private static List<RuleViolation> checkDistinctUnits(final School school, final List<RuleViolation> found) {
        List<RuleViolation> violations = found;
        final String[] names = {"schoolId", "communeId", "districtId", "provinceId"};
        final String[] ids = {school.getSchoolId(), school.getCommuneId(), school.getDistrictId(), school.getProvinceId()};
        for (int later = 1; later < ids.length; later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (ids[later] != null && ids[later].equals(ids[earlier])) {
                    violations = add(violations, names[later], "must differ from " + names[earlier] + " ('"
                            + ids[later] + "'): each level is a unit of its own");
                    break;
                }
            }
        }
        return violations;
    }

    /** Presence, blanks and sizes of every field, driven by the schema so that a new field is capped too. */
    private static List<RuleViolation> checkFields(final SpecificRecord record, final List<RuleViolation> found) {
        List<RuleViolation> violations = found;
        for (final FieldCheck field : FIELD_CHECKS.computeIfAbsent(record.getSchema(), EventRules::fieldChecks)) {
            final Object value = record.get(field.pos());
            if (value == null) {
                if (!field.optional()) {
                    violations = add(violations, field.name(), field.missing());
                }
            } else if (value instanceof CharSequence) {
                violations = checkString(field, value.toString(), violations);
            } else if (value instanceof List<?>) {
                violations = checkList(field, (List<?>) value, violations);
            }
        }
        return violations;
    }

    /**
     * The fields of a schema that can hold a null, a string or a list, in field order, each with what the
     * checks need: worked out once per schema. The others are Java primitives in a generated record (an
     * int, long, double or boolean without a logical type), which no rule of this walk applies to.
     */
    private static FieldCheck[] fieldChecks(final Schema schema) {
        final List<FieldCheck> checks = new ArrayList<>();
        for (final Schema.Field field : schema.getFields()) {
            final Schema.Type type = field.schema().getType();
            final boolean primitive = field.schema().getLogicalType() == null && (type == Schema.Type.INT
                    || type == Schema.Type.LONG || type == Schema.Type.FLOAT || type == Schema.Type.DOUBLE
                    || type == Schema.Type.BOOLEAN);
            if (!primitive) {
                checks.add(new FieldCheck(field.pos(), field.name(), field.schema().isNullable(),
                        FieldLimits.maxLength(field),
                        valueType(field.schema()) == Schema.Type.STRING ? "must not be blank" : "missing required field"));
            }
        }
        return checks.toArray(new FieldCheck[0]);
    }

    /** How one field is checked: its position, name, whether it may be left out, its limit, the reason when it is missing. */
    private record FieldCheck(int pos, String name, boolean optional, int maxLength, String missing) {
    }

    private static List<RuleViolation> checkString(final FieldCheck field, final String value,
                                                   final List<RuleViolation> violations) {
        final int max = field.maxLength();
        if (FieldLimits.isLonger(value, max)) {
            return add(violations, field.name(), "must be at most " + max + " characters, found "
                    + FieldLimits.length(value));
        }
        if (!field.optional() && value.isBlank()) {
            return add(violations, field.name(), "must not be blank");
        }
        return violations;
    }

    private static List<RuleViolation> checkList(final FieldCheck field, final List<?> values,
                                                 final List<RuleViolation> violations) {
        if (values.size() > FieldLimits.MAX_LIST_ENTRIES) {
            return add(violations, field.name(), "must have at most " + FieldLimits.MAX_LIST_ENTRIES
                    + " entries, found " + values.size());
        }
        final int max = field.maxLength();
        for (int i = 0; i < values.size(); i++) {
            final Object entry = values.get(i);
            if (entry == null || entry instanceof CharSequence && entry.toString().isBlank()) {
                return add(violations, field.name(), "entry " + (i + 1) + " must not be blank");
            }
            if (entry instanceof CharSequence && FieldLimits.isLonger(entry.toString(), max)) {
                return add(violations, field.name(), "entry " + (i + 1) + " must be at most " + max
                        + " characters, found " + FieldLimits.length(entry.toString()));
            }
        }
        return violations;
    }

    private List<RuleViolation> checkOccurredAt(final Instant occurredAt, final Instant receivedAt,
                                                final List<RuleViolation> violations) {
        if (occurredAt == null) {
            return violations;
        }
        final long at = epochMillis(occurredAt);
        final long received = epochMillis(receivedAt);
        final long latest = received > Long.MAX_VALUE - maxFutureSkewMillis ? Long.MAX_VALUE : received + maxFutureSkewMillis;
        if (at > latest) {
            return add(violations, "occurredAt", "is in the future: " + occurredAt + " is more than "
                    + maxFutureSkew + " (the allowed clock skew) after " + receivedAt + ", when it was received");
        } else if (at < EARLIEST_MILLIS) {
            return add(violations, "occurredAt", "is before " + EARLIEST + ": " + occurredAt);
        }
        return violations;
    }

    /** The type of a field's values, seen through an optional field's union with null. */
    private static Schema.Type valueType(final Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            for (final Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    return branch.getType();
                }
            }
        }
        return schema.getType();
    }

    /** Milliseconds since the epoch; instants beyond a long's range map to its ends. */
    private static long epochMillis(final Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (final ArithmeticException e) {
            return instant.isBefore(EARLIEST) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Whether a list holds an entry twice: compared pairwise while short (a session names a few contents), hashed when long. */
    private static boolean hasRepeats(final List<?> values) {
        if (values.size() > SHORT_LIST) {
            return values.size() != new HashSet<>(values).size();
        }
        for (int i = 1; i < values.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Objects.equals(values.get(i), values.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<RuleViolation> atLeastZero(final String field, final int value,
                                                   final List<RuleViolation> violations) {
        return value < 0 ? add(violations, field, "must be zero or more: " + value) : violations;
    }

    /** {@code violations} with one more; the list is created on the first violation. */
    private static List<RuleViolation> add(final List<RuleViolation> violations, final String field,
                                           final String reason) {
        final List<RuleViolation> list = violations == null ? new ArrayList<>(2) : violations;
        list.add(new RuleViolation(field, reason));
        return list;
    }
}
