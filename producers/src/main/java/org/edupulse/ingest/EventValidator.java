package org.edupulse.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.rules.EventRules;
import org.edupulse.rules.FieldLimits;
import org.edupulse.rules.RuleViolation;

/**
 * The publisher's, the gateway's and the importer's view of {@link EventRules}: a record is checked
 * against its clock's now, as the pipeline checks it again against the broker's append time, so a
 * record refused here would be a dead letter there and one accepted here is accepted there (field
 * sizes in {@link FieldLimits} included). It knows nothing about files or lines; null fields are
 * reported as missing, because the mapper hands over partly-filled records.
 */
public final class EventValidator {

    /** Default tolerance for school clocks running ahead of ours: the rules core's. */
    public static final Duration DEFAULT_MAX_CLOCK_SKEW = EventRules.MAX_FUTURE_SKEW;

    /** No EduPulse event can predate this; earlier times are typos such as 0025 for 2025. */
    public static final Instant EARLIEST = EventRules.EARLIEST;

    private final Clock clock;
    private final EventRules rules;

    public EventValidator(final Clock clock, final Duration maxClockSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rules = new EventRules(Objects.requireNonNull(maxClockSkew, "maxClockSkew"));
    }

    public EventValidator(final Clock clock) {
        this(clock, DEFAULT_MAX_CLOCK_SKEW);
    }

    public EventValidator() {
        this(Clock.systemUTC());
    }

    /** Every semantic violation of the record, in field order; empty when it is fine. */
    public List<Violation> validate(final SpecificRecord record) {
        final List<RuleViolation> found = rules.check(record, clock.instant());
        if (found.isEmpty()) {
            return List.of();
        }
        final List<Violation> violations = new ArrayList<>(found.size());
        for (final RuleViolation violation : found) {
            violations.add(new Violation(violation.field(), violation.reason()));
        }
        return List.copyOf(violations);
    }
}
