package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.ingest.TestEvents.aCertificationEvent;
import static org.edupulse.ingest.TestEvents.aDeviceEvent;
import static org.edupulse.ingest.TestEvents.aSchool;
import static org.edupulse.ingest.TestEvents.aStaffEvent;
import static org.edupulse.ingest.TestEvents.aTrainingEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.edupulse.rules.EventRules;
import org.edupulse.rules.FieldLimits;
import org.edupulse.rules.RuleViolation;
import org.edupulse.schemas.DeviceSource;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private final EventValidator validator = new EventValidator(TestEvents.CLOCK);

    @Test
    void shouldFindNothingWrongWithValidRecords() {
        // Given / When / Then
        assertThat(validator.validate(aTrainingEvent().build())).isEmpty();
        assertThat(validator.validate(aCertificationEvent().build())).isEmpty();
        assertThat(validator.validate(aDeviceEvent().build())).isEmpty();
        assertThat(validator.validate(aStaffEvent().build())).isEmpty();
        assertThat(validator.validate(aSchool().build())).isEmpty();
    }

    @Test
    void shouldRejectBlankRequiredStrings() {
        // Given
        final var event = aStaffEvent().setStaffId(" ").setSchoolId("").build();

        // When
        final List<Violation> violations = validator.validate(event);

        // Then
        assertThat(violations).containsExactly(
                new Violation("staffId", "must not be blank"),
                new Violation("schoolId", "must not be blank"));
    }

    @Test
    void shouldRejectNegativeCountsAndSessionsWithoutLength() {
        // Given
        final var training = aTrainingEvent().setParticipantCount(-1).setHours(0).build();
        final var school = aSchool().setLearnersEnrolled(-5).build();

        // When / Then
        assertThat(validator.validate(training)).containsExactly(
                new Violation("participantCount", "must be zero or more: -1"),
                new Violation("hours", "must be greater than 0: 0.0"));
        assertThat(validator.validate(school)).containsExactly(new Violation("learnersEnrolled", "must be zero or more: -5"));
    }

    @Test
    void shouldAcceptZeroParticipants() {
        // Given
        final var training = aTrainingEvent().setParticipantCount(0).setStaffIds(List.of()).build();

        // When / Then
        assertThat(validator.validate(training)).isEmpty();
    }

    @Test
    void shouldRequireAProgrammeOnlyForSponsorship() {
        // Given
        final var sponsored = aDeviceEvent().setSource(DeviceSource.SPONSORSHIP).setProgramme(" ").build();
        final var purchased = aDeviceEvent().setSource(DeviceSource.PURCHASE).setProgramme(null).build();

        // When / Then
        assertThat(validator.validate(sponsored)).containsExactly(new Violation("programme", "required when source is SPONSORSHIP"));
        assertThat(validator.validate(purchased)).isEmpty();
    }

    @Test
    void shouldAllowTheClockSkewButNotMore() {
        // Given
        final var withinSkew = aStaffEvent().setOccurredAt(TestEvents.NOW.plus(Duration.ofMinutes(5))).build();
        final var beyondSkew = aStaffEvent().setOccurredAt(TestEvents.NOW.plus(Duration.ofMinutes(5)).plusMillis(1)).build();

        // When / Then
        assertThat(validator.validate(withinSkew)).isEmpty();
        assertThat(validator.validate(beyondSkew)).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("occurredAt");
            assertThat(v.reason()).startsWith("is in the future: 2026-01-01T00:05:00.001Z");
        });
    }

    @Test
    void shouldUseTheConfiguredClockSkew() {
        // Given
        final EventValidator strict = new EventValidator(TestEvents.CLOCK, Duration.ZERO);
        final var oneSecondAhead = aCertificationEvent().setOccurredAt(TestEvents.NOW.plusSeconds(1)).build();

        // When / Then
        assertThat(strict.validate(oneSecondAhead)).extracting(Violation::field).containsExactly("occurredAt");
        assertThat(validator.validate(oneSecondAhead)).isEmpty();
    }

    @Test
    void shouldRejectEventsBeforeTheYear2000() {
        // Given
        final var typo = aDeviceEvent().setOccurredAt(Instant.parse("0025-03-01T01:00:00Z")).build();

        // When / Then
        assertThat(validator.validate(typo)).containsExactly(
                new Violation("occurredAt", "is before 2000-01-01T00:00:00Z: 0025-03-01T01:00:00Z"));
    }

    @Test
    void shouldRejectAZeroHourSessionForTheSameReasonAsThePipeline() {
        // Given a session of no length, which the pipeline used to count
        final var training = aTrainingEvent().setHours(0).build();

        // When
        final List<Violation> violations = validator.validate(training);

        // Then the field and the reason are the rules core's, which the pipeline puts in its dead letter
        final RuleViolation core = EventRules.standard().check(training, TestEvents.NOW).get(0);
        assertThat(violations).containsExactly(new Violation(core.field(), core.reason()));
        assertThat(core).isEqualTo(new RuleViolation("hours", "must be greater than 0: 0.0"));
    }

    @Test
    void shouldCapIdsAtTheirLimitNamingTheFieldAndTheLimit() {
        // Given
        final var atLimit = aStaffEvent().setStaffId("N".repeat(FieldLimits.MAX_ID_LENGTH)).build();
        final var huge = aStaffEvent().setStaffId("N".repeat(600 * 1024)).build();

        // When / Then
        assertThat(validator.validate(atLimit)).isEmpty();
        assertThat(validator.validate(huge)).containsExactly(
                new Violation("staffId", "must be at most 100 characters, found 614400"));
    }
}
