package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainerKind;
import org.edupulse.schemas.TrainingContent;
import org.edupulse.schemas.TrainingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileImporterTest {

    private static final String STAFF_HEADER = "staffId,schoolId,role,action,occurredAt";
    private static final String STAFF_ROW_1 = "NV-MA-0001,DB-MA-TH-01,TEACHER,JOINED,2025-03-01T08:00:00+07:00";
    private static final String STAFF_ROW_2 = "NV-MA-0002,DB-MA-TH-01,IT_TEACHER,JOINED,2025-03-01T08:00:00+07:00";
    private static final String STAFF_JSON_1 = "{\"staffId\":\"NV-MA-0001\",\"schoolId\":\"DB-MA-TH-01\",\"role\":\"TEACHER\","
            + "\"action\":\"JOINED\",\"occurredAt\":\"2025-03-01T08:00:00+07:00\"}";
    private static final String STAFF_JSON_2 = "{\"staffId\":\"NV-MA-0002\",\"schoolId\":\"DB-MA-TH-01\",\"role\":\"IT_TEACHER\","
            + "\"action\":\"JOINED\",\"occurredAt\":\"2025-03-01T08:00:00+07:00\"}";

    @TempDir
    Path dir;

    private final FileImporter importer = new FileImporter(TestEvents.parser());
    private final RecordingSink sink = new RecordingSink();

    @Test
    void shouldPublishEveryRowOfAValidCsvFileAndWriteNoRejectFile() throws IOException {
        // Given
        final Path file = write("staff.csv", STAFF_HEADER, STAFF_ROW_1, STAFF_ROW_2);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0, null));
        assertThat(summary.exitCode()).isZero();
        assertThat(sink.records()).extracting(r -> ((StaffEvent) r).getStaffId()).containsExactly("NV-MA-0001", "NV-MA-0002");
        assertThat(dir.resolve("staff.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void shouldPublishEveryLineOfAValidNdjsonFileSkippingBlankLines() throws IOException {
        // Given
        final Path file = write("staff.ndjson", STAFF_JSON_1, "", STAFF_JSON_2, "");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0, null));
        assertThat(sink.records()).hasSize(2);
    }

    @Test
    void shouldWriteOneRejectRowPerViolationWithLineFieldReasonAndRaw() throws IOException {
        // Given
        final String badRole = "NV-MA-0003,DB-MA-TH-01,HEADMASTER,JOINED,2025-03-01T08:00:00+07:00";
        final String twoProblems = ",DB-MA-TH-01,TEACHER,PROMOTED,2025-03-01T08:00:00+07:00";
        final Path file = write("staff.csv", STAFF_HEADER, STAFF_ROW_1, "", badRole, twoProblems, STAFF_ROW_2);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(4, 2, 2, 0, dir.resolve("staff.csv.rejects.csv")));
        assertThat(summary.exitCode()).isEqualTo(2);
        assertThat(RejectRows.read(summary.rejectFile())).containsExactly(
                new RejectRows.Row("4", "role", "unknown symbol 'HEADMASTER'; allowed: TEACHER, IT_TEACHER, MANAGER, EMPLOYEE", badRole),
                new RejectRows.Row("5", "staffId", "missing required field", twoProblems),
                new RejectRows.Row("5", "action", "unknown symbol 'PROMOTED'; allowed: JOINED, TRANSFERRED, LEFT, RELEASED, TEAM_JOINED, TEAM_LEFT", twoProblems));
    }

    @Test
    void shouldWriteRawLinesThatLookLikeFormulasAsTextInTheRejectFile() throws IOException {
        // Given rows a spreadsheet would run as formulas, and an ordinary bad row
        final String hyperlink = "=HYPERLINK(\"\"http://evil.example\"\"),DB-MA-TH-01,HEADMASTER,JOINED,2025-03-01T08:00:00+07:00";
        final String sum = "@SUM(A1:A9),DB-MA-TH-01,TEACHER,PROMOTED,2025-03-01T08:00:00+07:00";
        final String ordinary = "NV-MA-0003,DB-MA-TH-01,HEADMASTER,JOINED,2025-03-01T08:00:00+07:00";
        final Path file = write("staff.csv", STAFF_HEADER, hyperlink, sum, ordinary);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then the hostile raw lines carry a leading quote; the line numbers and the ordinary row are unchanged
        assertThat(RejectRows.read(summary.rejectFile())).extracting(RejectRows.Row::line, RejectRows.Row::raw)
                .containsExactly(
                        tuple("2", "'" + hyperlink),
                        tuple("3", "'" + sum),
                        tuple("4", ordinary));
    }

    @Test
    void shouldRejectEveryLineOfAFullyInvalidNdjsonFile() throws IOException {
        // Given
        final String malformed = "{\"staffId\": \"NV-MA-0001\"";
        final String notAnObject = "\"just text\"";
        final String dateOnly = STAFF_JSON_1.replace("2025-03-01T08:00:00+07:00", "2025-03-01");
        final Path file = write("staff.ndjson", malformed, notAnObject, dateOnly);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(3, 0, 3, 0, dir.resolve("staff.ndjson.rejects.csv")));
        assertThat(sink.records()).isEmpty();
        final List<RejectRows.Row> rejects = RejectRows.read(summary.rejectFile());
        assertThat(rejects).extracting(RejectRows.Row::line).containsExactly("1", "2", "3");
        assertThat(rejects).extracting(RejectRows.Row::field).containsExactly("(line)", "(line)", "occurredAt");
        assertThat(rejects.get(0).reason()).startsWith("malformed JSON: ");
        assertThat(rejects.get(0).raw()).isEqualTo(malformed);
        assertThat(rejects.get(1).reason()).isEqualTo("expected a JSON object, found STRING");
    }

    @Test
    void shouldRejectARowWithA600KilobyteFieldAndImportTheRowsAroundIt() throws IOException {
        // Given a staff id of 600 KB between two valid rows
        final String huge = "N".repeat(600 * 1024) + ",DB-MA-TH-01,TEACHER,JOINED,2025-03-01T08:00:00+07:00";
        final Path file = write("staff.csv", STAFF_HEADER, STAFF_ROW_1, huge, STAFF_ROW_2);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then the row is rejected naming the field and the limit, and the others are published
        assertThat(summary).isEqualTo(new ImportSummary(3, 2, 1, 0, dir.resolve("staff.csv.rejects.csv")));
        assertThat(sink.records()).extracting(r -> ((StaffEvent) r).getStaffId()).containsExactly("NV-MA-0001", "NV-MA-0002");
        assertThat(RejectRows.read(summary.rejectFile())).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo("3");
            assertThat(row.field()).isEqualTo("staffId");
            assertThat(row.reason()).isEqualTo("must be at most 100 characters, found 614400");
        });
    }

    @Test
    void shouldRejectACsvRowWithTheWrongNumberOfColumns() throws IOException {
        // Given
        final String tooMany = STAFF_ROW_2 + ",extra";
        final String tooFew = "NV-MA-0004,DB-MA-TH-01";
        final Path file = write("staff.csv", STAFF_HEADER, tooMany, tooFew, STAFF_ROW_1);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(RejectRows.read(summary.rejectFile())).containsExactly(
                new RejectRows.Row("2", "(line)", "expected 5 columns as in the header, found 6", tooMany),
                new RejectRows.Row("3", "(line)", "expected 5 columns as in the header, found 2", tooFew));
    }

    @Test
    void shouldRejectEveryRowWhenTheHeaderHasAnUnknownColumn() throws IOException {
        // Given
        final Path file = write("staff.csv", "staffId,schoolId,rank,action,occurredAt",
                "NV-MA-0001,DB-MA-TH-01,TEACHER,JOINED,2025-03-01T08:00:00+07:00");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        final List<RejectRows.Row> rejects = RejectRows.read(summary.rejectFile());
        assertThat(rejects).extracting(RejectRows.Row::field).containsExactly("rank", "role");
        assertThat(rejects.get(0).reason()).startsWith("unknown field 'rank' for staff");
    }

    @Test
    void shouldReadAQuotedCellWithALineBreakAndNumberTheRowByItsFirstLine() throws IOException {
        // Given
        final Path file = write("school.csv",
                "schoolId,name,level,communeId,communeName,districtId,districtName,provinceId,provinceName,"
                        + "learnersEnrolled,internet,internetForTeaching,effectiveFrom",
                "DB-MA-TH-01,\"Trường Tiểu học\nThị trấn Mường Ảng\",PRIMARY,DB-MA-C01,Thị trấn Mường Ảng,DB-MA,"
                        + "Huyện Mường Ảng,DB,Tỉnh Điện Biên,612,FIXED_BROADBAND,true,2024-09-05",
                "DB-MA-TH-02,\"Trường \"\"B\"\"\",PRIMARY,DB-MA-C01,x,DB-MA,y,DB,z,-1,NONE,false,2024-09-05");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.SCHOOL, sink, ProgressListener.NONE);

        // Then
        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(String.valueOf(sink.records().get(0).get(1))).isEqualTo("Trường Tiểu học\nThị trấn Mường Ảng");
        assertThat(RejectRows.read(summary.rejectFile())).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo("4");
            assertThat(row.field()).isEqualTo("learnersEnrolled");
        });
    }

    @Test
    void shouldReadTheOptionalDistrictIsFormerColumnOfSchoolRows() throws IOException {
        // Given: a version before the reform (blank cell), one after it, and a value that is no boolean
        final Path file = write("school.csv",
                "schoolId,name,level,communeId,communeName,districtId,districtName,districtIsFormer,provinceId,"
                        + "provinceName,learnersEnrolled,internet,internetForTeaching,effectiveFrom",
                "DB-MA-TH-01,A,PRIMARY,DB-MA-C01,Mường Ảng,DB-MA,Mường Ảng,,DB,Điện Biên,612,FIXED_BROADBAND,true,2024-09-05",
                "DB-MA-TH-01,A,PRIMARY,DB-MA-X01,Mường Ảng,DB-MA,Mường Ảng,true,DB,Điện Biên,612,FIXED_BROADBAND,true,"
                        + "2025-07-01",
                "DB-MA-TH-02,B,PRIMARY,DB-MA-X01,Mường Ảng,DB-MA,Mường Ảng,former,DB,Điện Biên,90,NONE,false,2025-07-01");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.SCHOOL, sink, ProgressListener.NONE);

        // Then
        assertThat(sink.records()).extracting(r -> ((School) r).getEffectiveFrom().toString(),
                        r -> ((School) r).getDistrictIsFormer())
                .containsExactly(tuple("2024-09-05", false), tuple("2025-07-01", true));
        assertThat(RejectRows.read(summary.rejectFile())).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo("4");
            assertThat(row.field()).isEqualTo("districtIsFormer");
            assertThat(row.reason()).startsWith("not a boolean: 'former'");
        });
    }

    @Test
    void shouldAcceptSchoolRowsWithoutADistrictButNotWithHalfOfOne() throws IOException {
        // Given: a file with no district columns at all, and one whose second row names a district without its name
        final Path withoutColumns = write("school.csv",
                "schoolId,name,level,communeId,communeName,provinceId,provinceName,learnersEnrolled,internet,"
                        + "internetForTeaching,effectiveFrom",
                "DB-X-TH-01,A,PRIMARY,DB-X01,Xã Mường Ảng,DB,Điện Biên,612,FIXED_BROADBAND,true,2025-07-01");
        final Path halfDistrict = write("school-half.csv",
                "schoolId,name,level,communeId,communeName,districtId,districtName,provinceId,provinceName,"
                        + "learnersEnrolled,internet,internetForTeaching,effectiveFrom",
                "DB-X-TH-01,A,PRIMARY,DB-X01,Xã Mường Ảng,,,DB,Điện Biên,612,FIXED_BROADBAND,true,2025-07-01",
                "DB-X-TH-02,B,PRIMARY,DB-X01,Xã Mường Ảng,DB-MA,,DB,Điện Biên,90,NONE,false,2025-07-01");

        // When
        final ImportSummary first = importer.importFile(withoutColumns, EventType.SCHOOL, sink, ProgressListener.NONE);
        final ImportSummary second = importer.importFile(halfDistrict, EventType.SCHOOL, sink, ProgressListener.NONE);

        // Then: the rows without a district are published with none; the half district is refused by name
        assertThat(first.rejected()).isZero();
        assertThat(sink.records()).extracting(r -> ((School) r).getSchoolId(), r -> ((School) r).getDistrictId())
                .containsExactly(tuple("DB-X-TH-01", null), tuple("DB-X-TH-01", null));
        assertThat(RejectRows.read(second.rejectFile())).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo("3");
            assertThat(row.field()).isEqualTo("districtName");
            assertThat(row.reason()).isEqualTo("required when districtId is given");
        });
    }

    @Test
    void shouldReadDistrictIsFormerAsAJsonBooleanAndTakeFalseWhenTheKeyIsMissing() throws IOException {
        // Given
        final String school = "{\"schoolId\":\"DB-MA-TH-01\",\"name\":\"A\",\"level\":\"PRIMARY\","
                + "\"communeId\":\"%s\",\"communeName\":\"Mường Ảng\",\"districtId\":\"DB-MA\","
                + "\"districtName\":\"Mường Ảng\",%s\"provinceId\":\"DB\",\"provinceName\":\"Điện Biên\","
                + "\"learnersEnrolled\":612,\"internet\":\"FIXED_BROADBAND\",\"internetForTeaching\":true,"
                + "\"effectiveFrom\":\"%s\"}";
        final Path file = write("school.ndjson",
                String.format(school, "DB-MA-C01", "", "2024-09-05"),
                String.format(school, "DB-MA-X01", "\"districtIsFormer\":true,", "2025-07-01"));

        // When
        final ImportSummary summary = importer.importFile(file, EventType.SCHOOL, sink, ProgressListener.NONE);

        // Then
        assertThat(summary.rejected()).isZero();
        assertThat(sink.records()).extracting(r -> ((School) r).getCommuneId(), r -> ((School) r).getDistrictIsFormer())
                .containsExactly(tuple("DB-MA-C01", false), tuple("DB-MA-X01", true));
    }

    @Test
    void shouldReadContentsAndTrainerAsOptionalColumnsOfTrainingRows() throws IOException {
        // Given: a file of the first contract's columns, and one with contents (';'-separated) and the trainer
        final Path v1 = write("training-v1.csv", "schoolId,sessionId,topic,audience,participantCount,staffIds,hours,occurredAt",
                "DB-MA-TH-01,S1,BASIC_IT,STAFF,2,NV-MA-0001;NV-MA-0002,3.5,2025-03-01T08:00:00+07:00");
        final Path v2 = write("training.csv",
                "schoolId,sessionId,topic,audience,participantCount,staffIds,hours,occurredAt,contents,trainerStaffId,trainerKind",
                "DB-MA-TH-01,S2,STUDENT_DIGITAL_SKILLS,STUDENTS,31,,2,2025-03-02T08:00:00+07:00,"
                        + "ONLINE_PUBLIC_SERVICES;cyberspace_self_protection,NV-MA-0002,IT_TEACHER",
                "DB-MA-TH-01,S3,STUDENT_DIGITAL_SKILLS,STUDENTS,28,,2,2025-03-03T08:00:00+07:00,,,");

        // When
        final ImportSummary first = importer.importFile(v1, EventType.TRAINING, sink, ProgressListener.NONE);
        final ImportSummary second = importer.importFile(v2, EventType.TRAINING, sink, ProgressListener.NONE);

        // Then: absent and blank cells take the defaults (not stated); symbols are read in any case
        assertThat(first.rejected() + second.rejected()).isZero();
        assertThat(sink.records()).extracting(r -> ((TrainingEvent) r).getSessionId(), r -> ((TrainingEvent) r).getContents(),
                        r -> ((TrainingEvent) r).getTrainerStaffId(), r -> ((TrainingEvent) r).getTrainerKind())
                .containsExactly(
                        tuple("S1", null, null, null),
                        tuple("S2", List.of(TrainingContent.ONLINE_PUBLIC_SERVICES, TrainingContent.CYBERSPACE_SELF_PROTECTION),
                                "NV-MA-0002", TrainerKind.IT_TEACHER),
                        tuple("S3", null, null, null));
    }

    @Test
    void shouldRejectUnknownContentsTrainerKindsAndRepeatedContentsNamingTheField() throws IOException {
        // Given
        final String training = "{\"schoolId\":\"DB-MA-TH-01\",\"sessionId\":\"%s\",\"topic\":\"STUDENT_DIGITAL_SKILLS\","
                + "\"audience\":\"STUDENTS\",\"participantCount\":30,\"hours\":2,"
                + "\"occurredAt\":\"2025-03-02T08:00:00+07:00\",%s}";
        final Path file = write("training.ndjson",
                String.format(training, "S1", "\"contents\":[\"ONLINE_PUBLIC_SERVICES\",\"GAMING\"]"),
                String.format(training, "S2", "\"contents\":\"ONLINE_PUBLIC_SERVICES\""),
                String.format(training, "S3", "\"contents\":[\"OTHER\",\"OTHER\"]"),
                String.format(training, "S4", "\"trainerKind\":\"VOLUNTEER\""),
                String.format(training, "S5", "\"contents\":[\"LOCAL_DIGITAL_PLATFORMS\"],\"trainerStaffId\":\"NV-MA-0002\","
                        + "\"trainerKind\":\"IT_STAFF\""));

        // When
        final ImportSummary summary = importer.importFile(file, EventType.TRAINING, sink, ProgressListener.NONE);

        // Then
        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(RejectRows.read(summary.rejectFile())).extracting(RejectRows.Row::line, RejectRows.Row::field,
                        RejectRows.Row::reason)
                .containsExactly(
                        tuple("1", "contents", "list entry 2: unknown symbol 'GAMING'; allowed: ONLINE_PUBLIC_SERVICES, "
                                + "ONLINE_SHOPPING_AND_PAYMENT, CYBERSPACE_SELF_PROTECTION, LOCAL_DIGITAL_PLATFORMS, "
                                + "BASIC_DIGITAL_SKILLS, OTHER"),
                        tuple("2", "contents", "must be a list of symbols (a JSON array, or ';'-separated in CSV)"),
                        tuple("3", "contents", "must name each content once: [OTHER, OTHER]"),
                        tuple("4", "trainerKind", "unknown symbol 'VOLUNTEER'; allowed: IT_TEACHER, IT_STAFF, OTHER"));
    }

    @Test
    void shouldReadCommunityTeamMembershipsOfStaffRowsAndRefuseATeamEventWithoutItsCommune() throws IOException {
        // Given
        final Path file = write("staff.csv", STAFF_HEADER + ",teamCommuneId",
                STAFF_ROW_2 + ",",
                "NV-MA-0002,DB-MA-TH-01,IT_TEACHER,TEAM_JOINED,2025-04-01T08:00:00+07:00,DB-MA-C01",
                "NV-MA-0002,DB-MA-TH-01,IT_TEACHER,TEAM_LEFT,2025-05-01T08:00:00+07:00,",
                "NV-MA-0001,DB-MA-TH-01,TEACHER,JOINED,2025-03-01T08:00:00+07:00,DB-MA-C01");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(sink.records()).extracting(r -> ((StaffEvent) r).getAction().name(), r -> ((StaffEvent) r).getTeamCommuneId())
                .containsExactly(tuple("JOINED", null), tuple("TEAM_JOINED", "DB-MA-C01"));
        assertThat(RejectRows.read(summary.rejectFile())).extracting(RejectRows.Row::line, RejectRows.Row::field,
                        RejectRows.Row::reason)
                .containsExactly(
                        tuple("4", "teamCommuneId", "required when action is TEAM_LEFT"),
                        tuple("5", "teamCommuneId", "only for TEAM_JOINED or TEAM_LEFT, not JOINED"));
    }

    @Test
    void shouldReadWifiCoverageAsAnOptionalColumnOfSchoolRows() throws IOException {
        // Given
        final Path file = write("school.csv",
                "schoolId,name,level,communeId,communeName,provinceId,provinceName,learnersEnrolled,internet,"
                        + "internetForTeaching,wifiCoverage,effectiveFrom",
                "DB-X-TH-01,A,PRIMARY,DB-X01,Xã Mường Ảng,DB,Điện Biên,612,WIFI_BROADBAND,true,yes,2025-07-01",
                "DB-X-TH-02,B,PRIMARY,DB-X01,Xã Mường Ảng,DB,Điện Biên,90,FIXED_BROADBAND,true,,2025-07-01",
                "DB-X-TH-03,C,PRIMARY,DB-X01,Xã Mường Ảng,DB,Điện Biên,90,FIXED_BROADBAND,true,partly,2025-07-01");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.SCHOOL, sink, ProgressListener.NONE);

        // Then
        assertThat(sink.records()).extracting(r -> ((School) r).getSchoolId(), r -> ((School) r).getWifiCoverage())
                .containsExactly(tuple("DB-X-TH-01", true), tuple("DB-X-TH-02", false));
        assertThat(RejectRows.read(summary.rejectFile())).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo("4");
            assertThat(row.field()).isEqualTo("wifiCoverage");
            assertThat(row.reason()).startsWith("not a boolean: 'partly'");
        });
    }

    @Test
    void shouldRejectOnlyTheLineOfAnUnclosedQuoteAndReadTheFollowingRows() throws IOException {
        // Given
        final String stray = "NV-MA-0003,\"DB-MA-TH-01,TEACHER,JOINED,2025-03-01T08:00:00+07:00";
        final Path file = write("staff.csv", STAFF_HEADER, stray, STAFF_ROW_1, STAFF_ROW_2);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(3, 2, 1, 0, dir.resolve("staff.csv.rejects.csv")));
        assertThat(RejectRows.read(summary.rejectFile())).containsExactly(
                new RejectRows.Row("2", "(line)", "a quoted field is not closed (unbalanced '\"')", stray));
    }

    @Test
    void shouldRejectALineThatIsNotUtf8() throws IOException {
        // Given a row in Windows-1258, as legacy Vietnamese exports are
        final Path file = dir.resolve("staff.csv");
        Files.write(file, (STAFF_HEADER + "\n" + STAFF_ROW_1 + "\n").getBytes(StandardCharsets.UTF_8));
        Files.write(file, "NV-MA-0005,DB-MA-TH-01,TEACHER,JOINED,2025-03-01T08:00:00+07:00,Tr\u00ECnh\n"
                .getBytes(StandardCharsets.ISO_8859_1), StandardOpenOption.APPEND);

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(RejectRows.read(summary.rejectFile())).singleElement().satisfies(row -> {
            assertThat(row.line()).isEqualTo("3");
            assertThat(row.reason()).isEqualTo("not valid UTF-8; save the file with UTF-8 encoding");
        });
    }

    @Test
    void shouldDeleteAStaleRejectFileWhenNothingIsRejected() throws IOException {
        // Given
        final Path file = write("staff.csv", STAFF_HEADER, STAFF_ROW_1);
        final Path stale = Files.writeString(dir.resolve("staff.csv.rejects.csv"), "line,field,reason,raw\n9,x,y,z\n");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary.rejectFile()).isNull();
        assertThat(stale).doesNotExist();
    }

    @Test
    void shouldGiveIdenticalEventIdsWhenTheSameFileIsImportedTwice() throws IOException {
        // Given
        final Path file = write("training.csv", "schoolId,sessionId,topic,audience,participantCount,staffIds,hours,occurredAt",
                "DB-MA-TH-01,S-1,DIGITAL_TEACHING,STAFF,2,NV-MA-0001;NV-MA-0002,3.5,2025-03-01T08:00:00+07:00",
                "DB-MA-TH-01,S-2,BASIC_IT,STAFF,1,NV-MA-0001,2,2025-03-02T08:00:00+07:00");
        final RecordingSink secondSink = new RecordingSink();

        // When
        importer.importFile(file, EventType.TRAINING, sink, ProgressListener.NONE);
        importer.importFile(file, EventType.TRAINING, secondSink, ProgressListener.NONE);

        // Then
        assertThat(sink.eventIds()).hasSize(2).doesNotHaveDuplicates().isEqualTo(secondSink.eventIds());
        assertThat(((TrainingEvent) sink.records().get(0)).getStaffIds()).containsExactly("NV-MA-0001", "NV-MA-0002");
    }

    @Test
    void shouldCountAFailedPublicationAsFailedAndNameItInTheRejectFile() throws IOException {
        // Given
        final Path file = write("staff.csv", STAFF_HEADER, STAFF_ROW_1, STAFF_ROW_2);
        final RecordingSink failing = new RecordingSink(r -> ((StaffEvent) r).getStaffId().equals("NV-MA-0002"));

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, failing, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(2, 1, 0, 1, dir.resolve("staff.csv.rejects.csv")));
        assertThat(summary.exitCode()).isEqualTo(2);
        assertThat(RejectRows.read(summary.rejectFile())).containsExactly(
                new RejectRows.Row("3", "(publish)", "publishing failed: broker unavailable", STAFF_ROW_2));
    }

    @Test
    void shouldWaitForEveryPendingPublicationBeforeReporting() throws IOException {
        // Given futures completed by another thread some time after publish returns
        final Path file = write("staff.ndjson", STAFF_JSON_1, STAFF_JSON_2);
        final EventSink slow = record -> CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, slow, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(2, 2, 0, 0, null));
    }

    @Test
    void shouldCountASinkThatThrowsAsFailed() throws IOException {
        // Given
        final Path file = write("staff.ndjson", STAFF_JSON_1);
        final EventSink throwing = record -> {
            throw new IllegalStateException("producer closed");
        };

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, throwing, ProgressListener.NONE);

        // Then
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(RejectRows.read(summary.rejectFile())).extracting(RejectRows.Row::reason)
                .containsExactly("publishing failed: producer closed");
    }

    @Test
    void shouldReportProgressEveryNRowsAndAtTheEnd() throws IOException {
        // Given
        final FileImporter everyTwoRows = new FileImporter(TestEvents.parser(), 2, 100);
        final Path file = write("staff.csv", STAFF_HEADER, STAFF_ROW_1, STAFF_ROW_2, STAFF_ROW_1, STAFF_ROW_2, STAFF_ROW_1);
        final List<Long> lines = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();

        // When
        everyTwoRows.importFile(file, EventType.STAFF, sink, (linesRead, bytesRead, totalBytes) -> {
            lines.add(linesRead);
            totals.add(totalBytes);
        });

        // Then
        assertThat(lines).containsExactly(3L, 5L, 6L);
        assertThat(totals).containsOnly(Files.size(file));
    }

    @Test
    void shouldImportAnEmptyFileAsNothingRead() throws IOException {
        // Given
        final Path file = write("staff.csv");

        // When
        final ImportSummary summary = importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(0, 0, 0, 0, null));
    }

    @Test
    void shouldRefuseAFileOfUnknownFormat() throws IOException {
        // Given
        final Path file = write("staff.xlsx", STAFF_HEADER);

        // When / Then
        assertThatThrownBy(() -> importer.importFile(file, EventType.STAFF, sink, ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a .csv, .ndjson or .jsonl file");
    }

    private Path write(final String name, final String... lines) throws IOException {
        final StringBuilder text = new StringBuilder();
        for (final String line : lines) {
            text.append(line).append('\n');
        }
        return Files.writeString(dir.resolve(name), text.toString(), StandardCharsets.UTF_8);
    }
}
