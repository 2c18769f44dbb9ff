package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.ingest.RowBuilder.aDeviceRow;
import static org.edupulse.ingest.RowBuilder.aSchoolRow;
import static org.edupulse.ingest.RowBuilder.aStaffRow;
import static org.edupulse.ingest.RowBuilder.aTrainingRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainingAction;
import org.edupulse.schemas.TrainingEvent;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private final EventParser parser = TestEvents.parser();

    @Test
    void shouldBuildTheRecordFromAValidRow() {
        // Given / When
        final ParseResult result = parser.parse(EventType.TRAINING, aTrainingRow().build());

        // Then
        assertThat(result.violations()).isEmpty();
        final TrainingEvent event = (TrainingEvent) result.record();
        assertThat(event.getSchoolId()).isEqualTo("DB-MA-TH-01");
        assertThat(event.getParticipantCount()).isEqualTo(2);
        assertThat(event.getStaffIds()).containsExactly("NV-MA-0001", "NV-MA-0002");
        assertThat(event.getHours()).isEqualTo(3.5);
        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2025-03-01T01:00:00Z"));
        assertThat(event.getAction()).as("a row without action is a held session").isNull();
    }

    @Test
    void shouldReadACancellationAndNameAnUnknownAction() {
        // Given / When
        final ParseResult cancelled = parser.parse(EventType.TRAINING, aTrainingRow().with("action", "cancelled").build());
        final ParseResult unknown = parser.parse(EventType.TRAINING, aTrainingRow().with("action", "POSTPONED").build());

        // Then
        assertThat(cancelled.violations()).isEmpty();
        assertThat(((TrainingEvent) cancelled.record()).getAction()).isEqualTo(TrainingAction.CANCELLED);
        assertThat(unknown.violations()).singleElement().satisfies(violation ->
                assertThat(violation.toString()).contains("action").contains("POSTPONED"));
    }

    @Test
    void shouldBuildASchoolWithItsDateAndNoEventId() {
        // Given / When
        final ParseResult result = parser.parse(EventType.SCHOOL, aSchoolRow().build());

        // Then
        assertThat(result.violations()).isEmpty();
        final School school = (School) result.record();
        assertThat(school.getEffectiveFrom()).isEqualTo(LocalDate.parse("2024-09-05"));
        assertThat(school.getInternetForTeaching()).isTrue();
    }

    @Test
    void shouldReadWhetherTheDistrictIsAFormerOneAndTakeFalseWhenAbsentOrBlank() {
        // Given / When
        final School absent = (School) parser.parse(EventType.SCHOOL, aSchoolRow().build()).record();
        final School blank = (School) parser.parse(EventType.SCHOOL, aSchoolRow().with("districtIsFormer", " ").build())
                .record();
        final School former = (School) parser.parse(EventType.SCHOOL,
                aSchoolRow().with("districtIsFormer", "TRUE").with("communeId", "DB-MA-X01").build()).record();
        final School notFormer = (School) parser.parse(EventType.SCHOOL,
                aSchoolRow().with("districtIsFormer", "no").build()).record();

        // Then
        assertThat(absent.getDistrictIsFormer()).isFalse();
        assertThat(blank.getDistrictIsFormer()).isFalse();
        assertThat(former.getDistrictIsFormer()).isTrue();
        assertThat(former.getCommuneId()).isEqualTo("DB-MA-X01");
        assertThat(notFormer.getDistrictIsFormer()).isFalse();
    }

    @Test
    void shouldNameDistrictIsFormerWhenItIsNotABoolean() {
        // Given
        final RowBuilder row = aSchoolRow().with("districtIsFormer", "former");

        // When
        final ParseResult result = parser.parse(EventType.SCHOOL, row.build());

        // Then
        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).containsExactly(
                new Violation("districtIsFormer", "not a boolean: 'former'; allowed: true, false, yes, no, 1, 0"));
    }

    @Test
    void shouldAcceptEnumSymbolsInAnyCase() {
        // Given
        final RowBuilder row = aStaffRow().with("role", " it_teacher ").with("action", "Joined");

        // When
        final ParseResult result = parser.parse(EventType.STAFF, row.build());

        // Then
        assertThat(((StaffEvent) result.record()).getRole()).isEqualTo(StaffRole.IT_TEACHER);
    }

    @Test
    void shouldNameTheFieldAndListTheAllowedSymbolsForAnUnknownSymbol() {
        // Given
        final RowBuilder row = aStaffRow().with("role", "HEADMASTER");

        // When
        final ParseResult result = parser.parse(EventType.STAFF, row.build());

        // Then
        assertThat(result.violations()).containsExactly(new Violation("role",
                "unknown symbol 'HEADMASTER'; allowed: TEACHER, IT_TEACHER, MANAGER, EMPLOYEE"));
    }

    @Test
    void shouldAcceptAnInstantInUtcAndWithAnOffsetAlike() {
        // Given
        final RowBuilder utc = aStaffRow().with("occurredAt", "2025-03-01T01:00:00Z");
        final RowBuilder offset = aStaffRow().with("occurredAt", "2025-03-01T08:00:00+07:00");

        // When
        final StaffEvent fromUtc = (StaffEvent) parser.parse(EventType.STAFF, utc.build()).record();
        final StaffEvent fromOffset = (StaffEvent) parser.parse(EventType.STAFF, offset.build()).record();

        // Then
        assertThat(fromUtc.getOccurredAt()).isEqualTo(fromOffset.getOccurredAt()).isEqualTo(Instant.parse("2025-03-01T01:00:00Z"));
        assertThat(fromUtc.getEventId()).isEqualTo(fromOffset.getEventId());
    }

    @Test
    void shouldRejectADateOnlyOccurredAtWithAReason() {
        // Given
        final RowBuilder row = aStaffRow().with("occurredAt", "2025-03-01");

        // When
        final ParseResult result = parser.parse(EventType.STAFF, row.build());

        // Then
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("occurredAt");
            assertThat(v.reason()).startsWith("a date without a time is not an instant: '2025-03-01'");
        });
    }

    @Test
    void shouldRejectATimestampWithoutOffsetOrThatIsNotATimestamp() {
        // Given
        final RowBuilder local = aStaffRow().with("occurredAt", "2025-03-01T08:00:00");
        final RowBuilder garbage = aStaffRow().with("occurredAt", "01/03/2025 08:00");

        // When
        final List<Violation> localViolations = parser.parse(EventType.STAFF, local.build()).violations();
        final List<Violation> garbageViolations = parser.parse(EventType.STAFF, garbage.build()).violations();

        // Then
        assertThat(localViolations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("occurredAt");
            assertThat(v.reason()).contains("not an ISO-8601 instant with offset: '2025-03-01T08:00:00'");
        });
        assertThat(garbageViolations).extracting(Violation::field).containsExactly("occurredAt");
    }

    @Test
    void shouldRejectNumbersThatAreNotNumbers() {
        // Given
        final RowBuilder row = aTrainingRow().with("participantCount", "twelve").with("hours", "1,5");

        // When
        final ParseResult result = parser.parse(EventType.TRAINING, row.build());

        // Then
        assertThat(result.violations()).containsExactly(
                new Violation("participantCount", "not a whole number: 'twelve'"),
                new Violation("hours", "not a number: '1,5' (use '.' as the decimal separator)"));
    }

    @Test
    void shouldRejectAFractionalCountAndNotANumberHours() {
        // Given
        final RowBuilder row = aTrainingRow().with("participantCount", "2.5").with("hours", "NaN");

        // When
        final ParseResult result = parser.parse(EventType.TRAINING, row.build());

        // Then
        assertThat(result.violations()).extracting(Violation::field).containsExactly("participantCount", "hours");
    }

    @Test
    void shouldRejectNegativeCountsEvenWhenAnotherFieldIsAlsoWrong() {
        // Given
        final RowBuilder row = aTrainingRow().with("participantCount", "-3").with("topic", "POETRY");

        // When
        final ParseResult result = parser.parse(EventType.TRAINING, row.build());

        // Then
        assertThat(result.violations()).extracting(Violation::field).containsExactlyInAnyOrder("topic", "participantCount");
        assertThat(result.violations()).contains(new Violation("participantCount", "must be zero or more: -3"));
    }

    @Test
    void shouldAcceptBooleanWordsAndRejectOthers() {
        // Given
        final List<String> accepted = List.of("true", "FALSE", "yes", "No", "1", "0");

        // When / Then
        accepted.forEach(word -> assertThat(parser.parse(EventType.DEVICE, aDeviceRow().with("has4gSim", word).build()).isValid())
                .as(word).isTrue());
        assertThat(parser.parse(EventType.DEVICE, aDeviceRow().with("has4gSim", "có").build()).violations())
                .containsExactly(new Violation("has4gSim", "not a boolean: 'có'; allowed: true, false, yes, no, 1, 0"));
    }

    @Test
    void shouldRejectADateThatIsNotYearMonthDay() {
        // Given
        final RowBuilder row = aSchoolRow().with("effectiveFrom", "05/09/2024");

        // When
        final ParseResult result = parser.parse(EventType.SCHOOL, row.build());

        // Then
        assertThat(result.violations()).containsExactly(
                new Violation("effectiveFrom", "not a date in the form yyyy-MM-dd: '05/09/2024'"));
    }

    @Test
    void shouldCollectEveryMissingRequiredField() {
        // Given
        final RowBuilder row = aStaffRow().without("staffId").with("role", "  ").without("occurredAt");

        // When
        final ParseResult result = parser.parse(EventType.STAFF, row.build());

        // Then
        assertThat(result.record()).isNull();
        assertThat(result.violations()).containsExactly(
                new Violation("staffId", "missing required field"),
                new Violation("role", "missing required field"),
                new Violation("occurredAt", "missing required field"));
    }

    @Test
    void shouldRejectAnUnknownFieldNamingIt() {
        // Given
        final RowBuilder row = aStaffRow().with("teacherName", "Lò Văn A");

        // When
        final ParseResult result = parser.parse(EventType.STAFF, row.build());

        // Then
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("teacherName");
            assertThat(v.reason()).startsWith("unknown field 'teacherName' for staff; expected: eventId, staffId, schoolId");
        });
    }

    @Test
    void shouldRequireAProgrammeForASponsoredDevice() {
        // Given
        final RowBuilder row = aDeviceRow().with("source", "SPONSORSHIP");

        // When
        final ParseResult result = parser.parse(EventType.DEVICE, row.build());

        // Then
        assertThat(result.violations()).containsExactly(new Violation("programme", "required when source is SPONSORSHIP"));
        assertThat(parser.parse(EventType.DEVICE, row.with("programme", "Sóng và máy tính cho em").build()).isValid()).isTrue();
    }

    @Test
    void shouldDeriveTheSameEventIdFromTheSameContent() {
        // Given
        final RowBuilder row = aTrainingRow();

        // When
        final String first = ((TrainingEvent) parser.parse(EventType.TRAINING, row.build()).record()).getEventId();
        final String second = ((TrainingEvent) parser.parse(EventType.TRAINING, row.build()).record()).getEventId();
        final String other = ((TrainingEvent) parser.parse(EventType.TRAINING, row.with("hours", "4").build()).record()).getEventId();

        // Then
        assertThat(first).isEqualTo(second).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void shouldKeepAGivenEventIdAndDeriveOneForABlankId() {
        // Given
        final RowBuilder given = aStaffRow().with("eventId", "hr-2025-0042");
        final RowBuilder blank = aStaffRow().with("eventId", " ");

        // When
        final StaffEvent withId = (StaffEvent) parser.parse(EventType.STAFF, given.build()).record();
        final StaffEvent withBlankId = (StaffEvent) parser.parse(EventType.STAFF, blank.build()).record();

        // Then
        assertThat(withId.getEventId()).isEqualTo("hr-2025-0042");
        assertThat(withBlankId.getEventId()).isEqualTo(EventIds.derive(EventType.STAFF, withBlankId));
    }

    @Test
    void shouldAcceptTheSameEventAsAJsonLineAndGiveItTheSameId() {
        // Given
        final String line = "{\"schoolId\":\"DB-MA-TH-01\",\"sessionId\":\"TH01-2025-001\",\"topic\":\"DIGITAL_TEACHING\","
                + "\"audience\":\"STAFF\",\"participantCount\":2,\"staffIds\":[\"NV-MA-0001\",\"NV-MA-0002\"],"
                + "\"hours\":3.5,\"occurredAt\":\"2025-03-01T01:00:00Z\"}";

        // When
        final ParseResult fromJson = parser.parseJsonLine(EventType.TRAINING, line);
        final ParseResult fromRow = parser.parse(EventType.TRAINING, aTrainingRow().build());

        // Then
        assertThat(fromJson.record()).isEqualTo(fromRow.record());
    }

    @Test
    void shouldRejectMalformedJsonAsOneLineViolation() {
        // Given
        final String line = "{\"staffId\":\"NV-MA-0001\",";

        // When
        final ParseResult result = parser.parseJsonLine(EventType.STAFF, line);

        // Then
        assertThat(result.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo(Violation.LINE);
            assertThat(v.reason()).startsWith("malformed JSON: ");
        });
    }

    @Test
    void shouldRejectJsonThatIsNotAFlatObject() {
        // Given
        final String array = "[1,2]";
        final String nested = "{\"staffId\":{\"id\":\"NV-MA-0001\"},\"schoolId\":\"DB-MA-TH-01\",\"role\":\"TEACHER\","
                + "\"action\":\"JOINED\",\"occurredAt\":\"2025-03-01T01:00:00Z\"}";
        final String duplicate = "{\"staffId\":\"a\",\"staffId\":\"b\"}";

        // When / Then
        assertThat(parser.parseJsonLine(EventType.STAFF, array).violations())
                .containsExactly(new Violation(Violation.LINE, "expected a JSON object, found ARRAY"));
        assertThat(parser.parseJsonLine(EventType.STAFF, nested).violations())
                .containsExactly(new Violation("staffId", "must be a string, number, boolean or array, not an OBJECT"));
        assertThat(parser.parseJsonLine(EventType.STAFF, duplicate).violations())
                .extracting(Violation::field).containsExactly(Violation.LINE);
    }

    @Test
    void shouldRequireStaffIdsToBeAListOfNonBlankIds() {
        // Given
        final String asString = "{\"schoolId\":\"DB-MA-TH-01\",\"sessionId\":\"S1\",\"topic\":\"BASIC_IT\",\"audience\":\"STAFF\","
                + "\"participantCount\":2,\"staffIds\":\"NV-1;NV-2\",\"hours\":1,\"occurredAt\":\"2025-03-01T01:00:00Z\"}";
        final RowBuilder blankEntry = aTrainingRow().with("staffIds", List.of("NV-MA-0001", " "));

        // When / Then
        assertThat(parser.parseJsonLine(EventType.TRAINING, asString).violations()).extracting(Violation::field)
                .containsExactly("staffIds");
        assertThat(parser.parse(EventType.TRAINING, blankEntry.build()).violations())
                .containsExactly(new Violation("staffIds", "list entry 2 is blank"));
    }

    @Test
    void shouldTreatAJsonNullAsAbsent() {
        // Given
        final String line = "{\"deviceId\":\"D1\",\"schoolId\":\"DB-MA-TH-01\",\"type\":\"TABLET\",\"purpose\":\"TEACHING\","
                + "\"has4gSim\":false,\"action\":\"RECEIVED\",\"source\":\"PURCHASE\",\"programme\":null,"
                + "\"occurredAt\":\"2025-03-01T01:00:00Z\"}";

        // When
        final ParseResult result = parser.parseJsonLine(EventType.DEVICE, line);

        // Then
        assertThat(((DeviceEvent) result.record()).getProgramme()).isNull();
    }

    @Test
    void shouldRejectA600KilobyteFieldNamingTheFieldAndTheLimit() {
        // Given a JSON body, as the gateway receives it, with a 600 KB staff id, and a list of too many staff
        final String line = "{\"staffId\":\"" + "N".repeat(600 * 1024) + "\",\"schoolId\":\"DB-MA-TH-01\","
                + "\"role\":\"TEACHER\",\"action\":\"JOINED\",\"occurredAt\":\"2025-03-01T01:00:00Z\"}";
        final RowBuilder crowded = aTrainingRow().with("participantCount", "1001")
                .with("staffIds", Collections.nCopies(1001, "NV-MA-0001"));

        // When
        final ParseResult result = parser.parseJsonLine(EventType.STAFF, line);

        // Then
        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).containsExactly(
                new Violation("staffId", "must be at most 100 characters, found 614400"));
        assertThat(parser.parse(EventType.TRAINING, crowded.build()).violations()).containsExactly(
                new Violation("staffIds", "must have at most 1000 entries, found 1001"));
    }
}
