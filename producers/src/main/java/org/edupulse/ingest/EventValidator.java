package org.edupulse.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;

/**
 * Semantic checks on a built record that the Avro schema cannot express: counts not negative,
 * sessions that last, sponsorship with a programme, event times neither in the future nor before
 * the pipeline's epoch. The file importer, the publisher and the HTTP gateway all call it, so it
 * knows nothing about files or lines. Null fields are reported as missing rather than failing,
 * because the mapper hands over partly-filled records.
 */
public final class EventValidator {

    /** Default tolerance for school clocks running ahead of ours. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    /** No EduPulse event can predate this; earlier times are typos such as 0025 for 2025. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final long EARLIEST_MILLIS = EARLIEST.toEpochMilli();

    private final Clock clock;
    private final Duration maxClockSkew;
    private final long maxClockSkewMillis;

    public EventValidator(final Clock clock, final Duration maxClockSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative: " + maxClockSkew);
        }
        this.maxClockSkewMillis = maxClockSkew.toMillis();
    }

    public EventValidator(final Clock clock) {
        this(clock, DEFAULT_MAX_CLOCK_SKEW);
    }

    public EventValidator() {
        this(Clock.systemUTC());
    }

    /** Every semantic violation of the record, in field order; empty when it is fine. */
    public List<Violation> validate(final SpecificRecord record) {
        // Runs on every publisher's sending thread for every event: a valid record allocates nothing.
        List<Violation> violations = checkRequired(record, null);
        if (record instanceof TrainingEvent) {
            final TrainingEvent event = (TrainingEvent) record;
            violations = atLeastZero("participantCount", event.getParticipantCount(), violations);
            violations = checkStaffIds(event.getStaffIds(), violations);
            if (!(event.getHours() > 0) || Double.isInfinite(event.getHours())) {
                violations = add(violations, "hours", "must be greater than 0: " + event.getHours());
            }
            violations = checkOccurredAt(event.getOccurredAt(), violations);
        } else if (record instanceof DeviceEvent) {
            final DeviceEvent event = (DeviceEvent) record;
            if (event.getSource() == DeviceSource.SPONSORSHIP && isBlank(event.getProgramme())) {
                violations = add(violations, "programme", "required when source is SPONSORSHIP");
            }
            violations = checkOccurredAt(event.getOccurredAt(), violations);
        } else if (record instanceof CertificationEvent) {
            violations = checkOccurredAt(((CertificationEvent) record).getOccurredAt(), violations);
        } else if (record instanceof StaffEvent) {
            violations = checkOccurredAt(((StaffEvent) record).getOccurredAt(), violations);
        } else if (record instanceof School) {
            violations = atLeastZero("learnersEnrolled", ((School) record).getLearnersEnrolled(), violations);
        }
        return violations == null ? List.of() : List.copyOf(violations);
    }

    /** {@code violations} with one more; the list is created on the first violation. */
    private static List<Violation> add(final List<Violation> violations, final String field, final String reason) {
        final List<Violation> list = violations == null ? new ArrayList<>(2) : violations;
        list.add(new Violation(field, reason));
        return list;
    }

    private static List<Violation> checkRequired(final SpecificRecord record, final List<Violation> found) {
        List<Violation> violations = found;
        for (final Schema.Field field : record.getSchema().getFields()) {
            final Object value = record.get(field.pos());
            if (field.schema().getType() == Schema.Type.STRING) {
                if (isBlank((String) value)) {
                    violations = add(violations, field.name(), "must not be blank");
                }
            } else if (value == null && !field.schema().isNullable()) {
                violations = add(violations, field.name(), "missing required field");
            }
        }
        return violations;
    }

    private static List<Violation> checkStaffIds(final List<String> staffIds, final List<Violation> violations) {
        if (staffIds != null) {
            for (final String staffId : staffIds) {
                if (isBlank(staffId)) {
                    return add(violations, "staffIds", "list entries must not be blank");
                }
            }
        }
        return violations;
    }

    private List<Violation> checkOccurredAt(final Instant occurredAt, final List<Violation> violations) {
        if (occurredAt == null) {
            return violations;
        }
        final long at = epochMillis(occurredAt);
        if (at > clock.millis() + maxClockSkewMillis) {
            return add(violations, "occurredAt", "is in the future: " + occurredAt
                    + " is later than now plus the allowed clock skew of " + maxClockSkew);
        } else if (at < EARLIEST_MILLIS) {
            return add(violations, "occurredAt", "is before " + EARLIEST + ": " + occurredAt);
        }
        return violations;
    }

    /** Milliseconds since the epoch; instants beyond a long's range map to its ends. */
    private static long epochMillis(final Instant instant) {
        try {
            return instant.toEpochMilli();
        } catch (final ArithmeticException e) {
            return instant.isBefore(EARLIEST) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    private static List<Violation> atLeastZero(final String field, final int value, final List<Violation> violations) {
        return value < 0 ? add(violations, field, "must be zero or more: " + value) : violations;
    }

    private static boolean isBlank(final String value) {
        return value == null || value.isBlank();
    }
}
