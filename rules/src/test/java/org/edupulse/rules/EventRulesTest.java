package org.edupulse.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.edupulse.rules.TestRecords.NOW;
import static org.edupulse.rules.TestRecords.certification;
import static org.edupulse.rules.TestRecords.device;
import static org.edupulse.rules.TestRecords.school;
import static org.edupulse.rules.TestRecords.staff;
import static org.edupulse.rules.TestRecords.text;
import static org.edupulse.rules.TestRecords.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventRulesTest {

    private final EventRules rules = EventRules.standard();

    @Test
    void shouldFindNothingWrongWithValidRecords() {
        // Given / When / Then
        assertThat(rules.check(training().build(), NOW)).isEmpty();
        assertThat(rules.check(staff().build(), NOW)).isEmpty();
        assertThat(rules.check(certification().build(), NOW)).isEmpty();
        assertThat(rules.check(device().build(), NOW)).isEmpty();
        assertThat(rules.check(school().build(), NOW)).isEmpty();
    }

    @Test
    void shouldRejectBlankAndMissingRequiredFields() {
        // Given
        final var staff = staff().build();
        staff.setStaffId(" ");
        staff.setSchoolId(null);
        staff.setRole(null);

        // When
        final List<RuleViolation> violations = rules.check(staff, NOW);

        // Then
        assertThat(violations).containsExactly(
                new RuleViolation("staffId", "must not be blank"),
                new RuleViolation("schoolId", "must not be blank"),
                new RuleViolation("role", "missing required field"));
    }

    @Test
    void shouldLeaveOptionalTextOut() {
        // Given
        final var purchased = device().setSource(DeviceSource.PURCHASE).setProgramme(null).build();
        final var noIssuer = certification().setIssuer(null).build();

        // When / Then
        assertThat(rules.check(purchased, NOW)).isEmpty();
        assertThat(rules.check(noIssuer, NOW)).isEmpty();
    }

    /** Every capped string field: the record with a value of the given length in it. */
    static Stream<Arguments> cappedStrings() {
        return Stream.of(
                capped("eventId", FieldLimits.MAX_ID_LENGTH, v -> staff().setEventId(v).build()),
                capped("staffId", FieldLimits.MAX_ID_LENGTH, v -> staff().setStaffId(v).build()),
                capped("schoolId", FieldLimits.MAX_ID_LENGTH, v -> training().setSchoolId(v).build()),
                capped("sessionId", FieldLimits.MAX_ID_LENGTH, v -> training().setSessionId(v).build()),
                capped("deviceId", FieldLimits.MAX_ID_LENGTH, v -> device().setDeviceId(v).build()),
                capped("staffId", FieldLimits.MAX_ID_LENGTH, v -> certification().setStaffId(v).build()),
                capped("communeId", FieldLimits.MAX_ID_LENGTH, v -> school().setCommuneId(v).build()),
                capped("districtId", FieldLimits.MAX_ID_LENGTH, v -> school().setDistrictId(v).build()),
                capped("provinceId", FieldLimits.MAX_ID_LENGTH, v -> school().setProvinceId(v).build()),
                capped("name", FieldLimits.MAX_NAME_LENGTH, v -> school().setName(v).build()),
                capped("communeName", FieldLimits.MAX_NAME_LENGTH, v -> school().setCommuneName(v).build()),
                capped("districtName", FieldLimits.MAX_NAME_LENGTH, v -> school().setDistrictName(v).build()),
                capped("provinceName", FieldLimits.MAX_NAME_LENGTH, v -> school().setProvinceName(v).build()),
                capped("programme", FieldLimits.MAX_TEXT_LENGTH, v -> device().setProgramme(v).build()),
                capped("issuer", FieldLimits.MAX_TEXT_LENGTH, v -> certification().setIssuer(v).build()));
    }

    private static Arguments capped(final String field, final int max, final Function<String, SpecificRecord> withValue) {
        return Arguments.of(field, max, withValue);
    }

    @ParameterizedTest(name = "{0} at most {1}")
    @MethodSource("cappedStrings")
    void shouldAcceptAStringAtItsLimitAndRejectOneCharacterMore(final String field, final int max,
                                                                 final Function<String, SpecificRecord> withValue) {
        // Given
        final SpecificRecord atLimit = withValue.apply(text(max));
        final SpecificRecord aboveLimit = withValue.apply(text(max + 1));

        // When / Then
        assertThat(rules.check(atLimit, NOW)).isEmpty();
        assertThat(rules.check(aboveLimit, NOW)).containsExactly(
                new RuleViolation(field, "must be at most " + max + " characters, found " + (max + 1)));
    }

    @Test
    void shouldNameTheFieldAndTheLimitButNotRepeatAHugeValue() {
        // Given a 600 KB staff id, as a hostile or broken school system could send
        final var huge = staff().setStaffId(text(600 * 1024)).build();

        // When
        final List<RuleViolation> violations = rules.check(huge, NOW);

        // Then
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("staffId");
            assertThat(v.reason()).isEqualTo("must be at most 100 characters, found 614400");
            assertThat(v.describe()).isEqualTo("field staffId must be at most 100 characters, found 614400");
        });
    }

    @Test
    void shouldCountCharactersNotUtf16Units() {
        // Given an id of 100 characters outside the basic plane (200 UTF-16 units)
        final String wide = "\uD83D\uDCDA".repeat(FieldLimits.MAX_ID_LENGTH);

        // When / Then
        assertThat(rules.check(staff().setStaffId(wide).build(), NOW)).isEmpty();
        assertThat(rules.check(staff().setStaffId(wide + "x").build(), NOW)).extracting(RuleViolation::field)
                .containsExactly("staffId");
    }

    @Test
    void shouldAcceptAsManyStaffIdsAsTheLimitAndNotOneMore() {
        // Given
        final List<String> atLimit = new ArrayList<>();
        for (int i = 0; i < FieldLimits.MAX_LIST_ENTRIES; i++) {
            atLimit.add("NV-" + i);
        }
        final List<String> aboveLimit = new ArrayList<>(atLimit);
        aboveLimit.add("NV-one-more");

        // When / Then
        assertThat(rules.check(training().setParticipantCount(1000).setStaffIds(atLimit).build(), NOW)).isEmpty();
        assertThat(rules.check(training().setParticipantCount(1001).setStaffIds(aboveLimit).build(), NOW))
                .containsExactly(new RuleViolation("staffIds", "must have at most 1000 entries, found 1001"));
    }

    @Test
    void shouldCapEachStaffIdAndRejectBlankOnes() {
        // Given
        final var atLimit = training().setStaffIds(List.of("NV-1", text(FieldLimits.MAX_ID_LENGTH))).build();
        final var tooLong = training().setStaffIds(List.of("NV-1", text(FieldLimits.MAX_ID_LENGTH + 1))).build();
        final var blank = training().setStaffIds(List.of("NV-1", " ")).build();

        // When / Then
        assertThat(rules.check(atLimit, NOW)).isEmpty();
        assertThat(rules.check(tooLong, NOW)).containsExactly(
                new RuleViolation("staffIds", "entry 2 must be at most 100 characters, found 101"));
        assertThat(rules.check(blank, NOW)).containsExactly(new RuleViolation("staffIds", "entry 2 must not be blank"));
    }

    @Test
    void shouldRejectNegativeCountsButAcceptZero() {
        // Given / When / Then
        assertThat(rules.check(training().setParticipantCount(0).setStaffIds(List.of()).build(), NOW)).isEmpty();
        assertThat(rules.check(training().setParticipantCount(-1).build(), NOW))
                .containsExactly(new RuleViolation("participantCount", "must be zero or more: -1"));
        assertThat(rules.check(school().setLearnersEnrolled(0).build(), NOW)).isEmpty();
        assertThat(rules.check(school().setLearnersEnrolled(-5).build(), NOW))
                .containsExactly(new RuleViolation("learnersEnrolled", "must be zero or more: -5"));
    }

    @Test
    void shouldRefuseASchoolRecordThatGivesTwoLevelsOneId() {
        // Given / When / Then: the later field of each clash is named
        assertThat(rules.check(school().setCommuneId("DB-MA-TH-01").setSchoolId("DB-MA-TH-01").build(), NOW))
                .containsExactly(new RuleViolation("communeId",
                        "must differ from schoolId ('DB-MA-TH-01'): each level is a unit of its own"));
        assertThat(rules.check(school().setDistrictId("X").setProvinceId("X").build(), NOW))
                .extracting(RuleViolation::field).containsExactly("provinceId");
        assertThat(rules.check(school().setCommuneId("X").setDistrictId("X").setProvinceId("X").build(), NOW))
                .extracting(RuleViolation::field).containsExactly("districtId", "provinceId");
    }

    @Test
    void shouldAcceptASchoolWithoutADistrictButNotHalfADistrict() {
        // Given / When / Then: no district at all is valid (Vietnam has had no district level since 1 July 2025)
        assertThat(rules.check(school().setDistrictId(null).setDistrictName(null).build(), NOW)).isEmpty();
        assertThat(rules.check(school().setDistrictName(null).build(), NOW))
                .containsExactly(new RuleViolation("districtName", "required when districtId is given"));
        assertThat(rules.check(school().setDistrictId(null).build(), NOW))
                .containsExactly(new RuleViolation("districtId", "required when districtName is given"));
        assertThat(rules.check(school().setDistrictId(" ").build(), NOW)).extracting(RuleViolation::field)
                .containsExactly("districtId");
        assertThat(rules.check(school().setDistrictId(null).setDistrictName(null).setDistrictIsFormer(true).build(), NOW))
                .extracting(RuleViolation::field).containsExactly("districtIsFormer");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -0.5, Double.NaN, Double.POSITIVE_INFINITY})
    void shouldRejectSessionsWithoutALength(final double hours) {
        // Given / When / Then
        assertThat(rules.check(training().setHours(hours).build(), NOW))
                .containsExactly(new RuleViolation("hours", "must be greater than 0: " + hours));
    }

    @Test
    void shouldAcceptTheShortestSession() {
        // Given / When / Then
        assertThat(rules.check(training().setHours(Double.MIN_VALUE).build(), NOW)).isEmpty();
    }

    @Test
    void shouldRequireATeamCommuneExactlyForCommunityTeamEvents() {
        // Given
        final var joined = staff().setAction(StaffAction.TEAM_JOINED).setTeamCommuneId("DB-X-01").build();
        final var missing = staff().setAction(StaffAction.TEAM_LEFT).setTeamCommuneId(" ").build();
        final var roster = staff().setTeamCommuneId("DB-X-01").build();

        // When / Then
        assertThat(rules.check(joined, NOW)).isEmpty();
        assertThat(rules.check(missing, NOW)).containsExactly(
                new RuleViolation("teamCommuneId", "required when action is TEAM_LEFT"));
        assertThat(rules.check(roster, NOW)).containsExactly(
                new RuleViolation("teamCommuneId", "only for TEAM_JOINED or TEAM_LEFT, not JOINED"));
    }

    @Test
    void shouldAcceptContentsAndATrainerButNotAContentTwiceOrABlankTrainer() {
        // Given
        final var led = training().setContents(List.of(TrainingContent.ONLINE_PUBLIC_SERVICES,
                TrainingContent.CYBERSPACE_SELF_PROTECTION)).setTrainerStaffId("NV-0009")
                .setTrainerKind(TrainerKind.IT_TEACHER).build();
        final var twice = training().setContents(List.of(TrainingContent.BASIC_DIGITAL_SKILLS,
                TrainingContent.BASIC_DIGITAL_SKILLS)).setTrainerStaffId(" ").build();

        // When / Then
        assertThat(rules.check(led, NOW)).isEmpty();
        assertThat(rules.check(twice, NOW)).extracting(RuleViolation::field)
                .containsExactlyInAnyOrder("contents", "trainerStaffId");
        // A long list is checked through a set rather than pairwise: the same answer
        assertThat(rules.check(training().setContents(Collections.nCopies(17, TrainingContent.OTHER)).build(),
                NOW)).extracting(RuleViolation::field).containsExactly("contents");
    }

    @Test
    void shouldRequireAProgrammeOnlyForSponsorship() {
        // Given
        final var sponsored = device().setSource(DeviceSource.SPONSORSHIP).setProgramme(" ").build();
        final var missing = device().setSource(DeviceSource.SPONSORSHIP).setProgramme(null).build();

        // When / Then
        assertThat(rules.check(sponsored, NOW)).containsExactly(
                new RuleViolation("programme", "required when source is SPONSORSHIP"));
        assertThat(rules.check(missing, NOW)).extracting(RuleViolation::field).containsExactly("programme");
    }

    @Test
    void shouldAllowTheClockSkewAfterTheReceptionButNotOneMillisecondMore() {
        // Given
        final Instant limit = NOW.plus(EventRules.MAX_FUTURE_SKEW);

        // When / Then
        for (final SpecificRecord atLimit : List.<SpecificRecord>of(training().setOccurredAt(limit).build(),
                staff().setOccurredAt(limit).build(), certification().setOccurredAt(limit).build(),
                device().setOccurredAt(limit).build())) {
            assertThat(rules.check(atLimit, NOW)).isEmpty();
        }
        for (final SpecificRecord beyond : List.<SpecificRecord>of(training().setOccurredAt(limit.plusMillis(1)).build(),
                staff().setOccurredAt(limit.plusMillis(1)).build(), certification().setOccurredAt(limit.plusMillis(1)).build(),
                device().setOccurredAt(limit.plusMillis(1)).build())) {
            assertThat(rules.check(beyond, NOW)).containsExactly(new RuleViolation("occurredAt",
                    "is in the future: 2026-01-01T00:05:00.001Z is more than PT5M (the allowed clock skew) after "
                            + "2026-01-01T00:00:00Z, when it was received"));
        }
    }

    @Test
    void shouldJudgeTheFutureAgainstTheGivenReceptionInstant() {
        // Given an event stamped a minute after the publisher's check
        final var event = staff().setOccurredAt(NOW.plusSeconds(60)).build();

        // When / Then: fine when received now or later, in the future when received 5 minutes earlier
        assertThat(rules.check(event, NOW)).isEmpty();
        assertThat(rules.check(event, NOW.plusSeconds(3600))).isEmpty();
        assertThat(rules.check(event, NOW.minus(Duration.ofMinutes(5)))).extracting(RuleViolation::field)
                .containsExactly("occurredAt");
    }

    @Test
    void shouldUseAnotherSkewWhenGivenOne() {
        // Given
        final EventRules strict = new EventRules(Duration.ZERO);
        final var oneSecondAhead = certification().setOccurredAt(NOW.plusSeconds(1)).build();

        // When / Then
        assertThat(strict.check(oneSecondAhead, NOW)).extracting(RuleViolation::field).containsExactly("occurredAt");
        assertThat(rules.check(oneSecondAhead, NOW)).isEmpty();
        assertThatThrownBy(() -> new EventRules(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectEventsBeforeTheYear2000() {
        // Given
        final var first = device().setOccurredAt(EventRules.EARLIEST).build();
        final var before = device().setOccurredAt(EventRules.EARLIEST.minusMillis(1)).build();
        final var typo = device().setOccurredAt(Instant.parse("0025-03-01T01:00:00Z")).build();

        // When / Then
        assertThat(rules.check(first, NOW)).isEmpty();
        assertThat(rules.check(before, NOW)).extracting(RuleViolation::field).containsExactly("occurredAt");
        assertThat(rules.check(typo, NOW)).containsExactly(
                new RuleViolation("occurredAt", "is before 2000-01-01T00:00:00Z: 0025-03-01T01:00:00Z"));
    }

    @Test
    void shouldReportEveryBrokenRuleInFieldOrder() {
        // Given
        final var training = training().setEventId(text(101)).setParticipantCount(-1)
                .setStaffIds(Collections.nCopies(1001, "NV")).setHours(0).build();

        // When / Then
        assertThat(rules.check(training, NOW)).extracting(RuleViolation::field)
                .containsExactly("eventId", "staffIds", "participantCount", "hours");
    }

    @Test
    void shouldClassifyFieldsByName() {
        // Given / When / Then
        assertThat(FieldLimits.maxLength("keyId")).isEqualTo(FieldLimits.MAX_ID_LENGTH);
        assertThat(FieldLimits.maxLength("staffIds")).isEqualTo(FieldLimits.MAX_ID_LENGTH);
        assertThat(FieldLimits.maxLength("unitName")).isEqualTo(FieldLimits.MAX_NAME_LENGTH);
        assertThat(FieldLimits.maxLength("label")).isEqualTo(FieldLimits.MAX_TEXT_LENGTH);
    }
}
