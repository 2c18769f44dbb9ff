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

    private final Clock clock;
    private final Duration maxClockSkew;

    public EventValidator(final Clock clock, final Duration maxClockSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClockSkew = Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (maxClockSkew.isNegative()) {
            throw new IllegalArgumentException("maxClockSkew must not be negative: " + maxClockSkew);
        }
    }

    public EventValidator(final Clock clock) {
        this(clock, DEFAULT_MAX_CLOCK_SKEW);
    }

    public EventValidator() {
        this(Clock.systemUTC());
    }

    /** Every semantic violation of the record, in field order; empty when it is fine. */
    public List<Violation> validate(final SpecificRecord record) {
        final List<Violation> violations = new ArrayList<>();
        checkRequired(record, violations);
        if (record instanceof TrainingEvent) {
            final TrainingEvent event = (TrainingEvent) record;
            atLeastZero("participantCount", event.getParticipantCount(), violations);
            checkStaffIds(event.getStaffIds(), violations);
            if (!(event.getHours() > 0) || Double.isInfinite(event.getHours())) {
                violations.add(new Violation("hours", "must be greater than 0: " + event.getHours()));
            }
            checkOccurredAt(event.getOccurredAt(), violations);
        } else if (record instanceof DeviceEvent) {
            final DeviceEvent event = (DeviceEvent) record;
            if (event.getSource() == DeviceSource.SPONSORSHIP && isBlank(event.getProgramme())) {
                violations.add(new Violation("programme", "required when source is SPONSORSHIP"));
            }
            checkOccurredAt(event.getOccurredAt(), violations);
        } else if (record instanceof CertificationEvent) {
            checkOccurredAt(((CertificationEvent) record).getOccurredAt(), violations);
        } else if (record instanceof StaffEvent) {
            checkOccurredAt(((StaffEvent) record).getOccurredAt(), violations);
        } else if (record instanceof School) {
            atLeastZero("learnersEnrolled", ((School) record).getLearnersEnrolled(), violations);
        }
        return List.copyOf(violations);
    }

    private static void checkRequired(final SpecificRecord record, final List<Violation> violations) {
        for (final Schema.Field field : record.getSchema().getFields()) {
            final Object value = record.get(field.pos());
            if (field.schema().getType() == Schema.Type.STRING && isBlank((String) value)) {
                violations.add(new Violation(field.name(), "must not be blank"));
            } else if (value == null && !field.schema().isNullable()) {
                violations.add(new Violation(field.name(), "missing required field"));
            }
        }
    }

    private static void checkStaffIds(final List<String> staffIds, final List<Violation> violations) {
        if (staffIds != null && staffIds.stream().anyMatch(EventValidator::isBlank)) {
            violations.add(new Violation("staffIds", "list entries must not be blank"));
        }
    }

    private void checkOccurredAt(final Instant occurredAt, final List<Violation> violations) {
        if (occurredAt == null) {
            return;
        }
        final Instant latest = clock.instant().plus(maxClockSkew);
        if (occurredAt.isAfter(latest)) {
            violations.add(new Violation("occurredAt", "is in the future: " + occurredAt
                    + " is later than now plus the allowed clock skew of " + maxClockSkew));
        } else if (occurredAt.isBefore(EARLIEST)) {
            violations.add(new Violation("occurredAt", "is before " + EARLIEST + ": " + occurredAt));
        }
    }

    private static void atLeastZero(final String field, final int value, final List<Violation> violations) {
        if (value < 0) {
            violations.add(new Violation(field, "must be zero or more: " + value));
        }
    }

    private static boolean isBlank(final String value) {
        return value == null || value.isBlank();
    }
}
