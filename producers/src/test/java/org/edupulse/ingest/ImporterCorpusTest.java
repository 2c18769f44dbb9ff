package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad input files, one kind of mistake each (encodings, byte order marks, line endings,
 * CSV quoting, headers, types, ranges, sizes, JSON nesting and shape), imported through
 * {@link FileImporter} as {@code edupulse import} does. For each file the reject file must hold
 * exactly the expected rows (line, field, a reason naming the problem) and exactly the valid rows
 * must be published: a school clerk can fix a file from its reject file alone, and no valid row is
 * lost because a neighbour is bad.
 */
class ImporterCorpusTest {

    private static final String STAFF_HEADER = "staffId,schoolId,role,action,occurredAt";
    private static final String TRAINING_HEADER = "schoolId,sessionId,topic,audience,participantCount,staffIds,hours,occurredAt";
    private static final String SCHOOL_HEADER = "schoolId,name,level,communeId,communeName,districtId,districtName,"
            + "provinceId,provinceName,learnersEnrolled,internet,internetForTeaching,effectiveFrom";
    private static final String DEVICE_HEADER = "deviceId,schoolId,type,purpose,has4gSim,action,source,programme,occurredAt";
    private static final String AT = "2025-03-01T08:00:00+07:00";

    @TempDir
    Path dir;

    /** One input file and what importing it must give. */
    record Case(EventType type, String fileName, byte[] content, List<Reject> rejects, List<String> accepted) {
    }

    /** One expected row of the reject file; the reason must contain {@code reasonPart}. */
    record Reject(long line, String field, String reasonPart) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldRejectEachBadRowWithItsOwnReasonAndPublishExactlyTheValidRows(final Case input) throws IOException {
        // Given
        final Path file = Files.write(dir.resolve(input.fileName()), input.content());
        final RecordingSink sink = new RecordingSink();

        // When
        final ImportSummary summary = new FileImporter(TestEvents.parser())
                .importFile(file, input.type(), sink, ProgressListener.NONE);

        // Then exactly the valid rows are published, in file order
        assertThat(sink.records()).extracting(ImporterCorpusTest::idOf).containsExactlyElementsOf(input.accepted());
        assertThat(summary.accepted()).isEqualTo(input.accepted().size());
        assertThat(summary.rejected()).isEqualTo(input.rejects().stream().mapToLong(Reject::line).distinct().count());
        assertThat(summary.failed()).isZero();
        // and each bad row is rejected with its line, its field and a reason that names the problem
        final List<RejectRows.Row> rows = summary.rejectFile() == null ? List.of() : RejectRows.read(summary.rejectFile());
        assertThat(rows).as("reject rows").hasSameSizeAs(input.rejects());
        for (int i = 0; i < rows.size(); i++) {
            final RejectRows.Row row = rows.get(i);
            final Reject expected = input.rejects().get(i);
            assertThat(row.line()).as("line of reject %d: %s", i, row).isEqualTo(Long.toString(expected.line()));
            assertThat(row.field()).as("field of reject %d: %s", i, row).isEqualTo(expected.field());
            assertThat(row.reason()).as("reason of reject %d", i).contains(expected.reasonPart());
        }
    }

    static Stream<Named<Case>> corpus() {
        final List<Named<Case>> cases = new ArrayList<>();
        encodings(cases);
        lineEndings(cases);
        quoting(cases);
        headers(cases);
        types(cases);
        ranges(cases);
        sizes(cases);
        json(cases);
        return cases.stream();
    }

    private static void encodings(final List<Named<Case>> cases) {
        add(cases, "Latin-1 bytes in a UTF-8 file", csv(EventType.STAFF, bytes(
                        utf8(STAFF_HEADER + "\n" + staff("NV-1") + "\n"),
                        latin1(staff("NV-Tr\u00ECnh") + "\n"),
                        utf8(staff("NV-3") + "\n"))),
                List.of(reject(3, Violation.LINE, "not valid UTF-8")), "NV-1", "NV-3");
        add(cases, "invalid UTF-8: a lone continuation byte and a cut sequence", csv(EventType.STAFF, bytes(
                        utf8(STAFF_HEADER + "\n"),
                        utf8("NV-"), new byte[] {(byte) 0x80}, utf8("1,DB-MA-TH-01,TEACHER,JOINED," + AT + "\n"),
                        utf8("NV-"), new byte[] {(byte) 0xE1, (byte) 0xBB}, utf8(",DB-MA-TH-01,TEACHER,JOINED," + AT + "\n"),
                        utf8(staff("NV-4") + "\n"))),
                List.of(reject(2, Violation.LINE, "not valid UTF-8"), reject(3, Violation.LINE, "not valid UTF-8")), "NV-4");
        add(cases, "UTF-16LE CSV with a byte order mark", csv(EventType.STAFF, bytes(
                        new byte[] {(byte) 0xFF, (byte) 0xFE},
                        (STAFF_HEADER + "\n" + staff("NV-1") + "\n" + staff("NV-2") + "\n").getBytes(StandardCharsets.UTF_16LE))),
                List.of(reject(2, Violation.LINE, "UTF-16"), reject(3, Violation.LINE, "UTF-16")));
        add(cases, "UTF-16BE NDJSON with a byte order mark", ndjson(EventType.STAFF, bytes(
                        new byte[] {(byte) 0xFE, (byte) 0xFF},
                        (staffJson("NV-1") + "\n").getBytes(StandardCharsets.UTF_16BE))),
                List.of(reject(1, Violation.LINE, "UTF-16")));
        add(cases, "UTF-8 byte order mark before the CSV header is accepted", csv(EventType.STAFF, bytes(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8(STAFF_HEADER + "\n" + staff("NV-1") + "\n"))),
                List.of(), "NV-1");
        add(cases, "UTF-8 byte order mark before the first NDJSON line is accepted", ndjson(EventType.STAFF, bytes(
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                        utf8(staffJson("NV-1") + "\n" + staffJson("NV-2") + "\n"))),
                List.of(), "NV-1", "NV-2");
        add(cases, "Vietnamese letters in UTF-8 are data, not an error", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "Trường Tiểu học Mường Ảng", "612") + "\n")),
                List.of(), "DB-1");
    }

    private static void lineEndings(final List<Named<Case>> cases) {
        add(cases, "CRLF line endings", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\r\n" + staff("NV-1") + "\r\n" + staff("NV-2") + "\r\n")),
                List.of(), "NV-1", "NV-2");
        add(cases, "CR alone (classic Mac) line endings", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\r" + staff("NV-1") + "\r" + staff("NV-2") + "\r")),
                List.of(), "NV-1", "NV-2");
        add(cases, "mixed line endings keep line numbers", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\r\n" + staff("NV-1") + "\n" + staff("NV-2") + "\r"
                                + "NV-3,DB-MA-TH-01,HEADMASTER,JOINED," + AT + "\r\n" + staff("NV-5") + "\n")),
                List.of(reject(4, "role", "unknown symbol 'HEADMASTER'")), "NV-1", "NV-2", "NV-5");
        add(cases, "no newline after the last row", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staff("NV-1") + "\n" + staff("NV-2"))),
                List.of(), "NV-1", "NV-2");
        add(cases, "CRLF NDJSON without a final newline", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1") + "\r\n" + staffJson("NV-2"))),
                List.of(), "NV-1", "NV-2");
        add(cases, "CRLF inside a quoted cell, and the row after it numbered by its own line", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\r\n" + school("DB-1", "\"Trường Tiểu học\r\nMường Ảng\"", "612") + "\r\n"
                                + school("DB-2", "B", "-5") + "\r\n")),
                List.of(reject(4, "learnersEnrolled", "must be zero or more")), "DB-1");
    }

    private static void quoting(final List<Named<Case>> cases) {
        add(cases, "doubled quotes inside a quoted cell", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "\"Trường \"\"Hoa Ban\"\"\"", "612") + "\n")),
                List.of(), "DB-1");
        add(cases, "a comma inside a quoted cell", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "\"Trường Tiểu học A, điểm B\"", "612") + "\n")),
                List.of(), "DB-1");
        add(cases, "a line break inside a quoted cell", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "\"Trường\nTiểu học\"", "612") + "\n"
                                + school("DB-2", "B", "x") + "\n")),
                List.of(reject(4, "learnersEnrolled", "not a whole number: 'x'")), "DB-1");
        add(cases, "a quote that is never closed rejects its own line only", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\nNV-1,\"DB-MA-TH-01,TEACHER,JOINED," + AT + "\n" + staff("NV-2") + "\n"
                                + staff("NV-3") + "\n")),
                List.of(reject(2, Violation.LINE, "a quoted field is not closed")), "NV-2", "NV-3");
        add(cases, "text after a closing quote", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n\"NV-1\"x,DB-MA-TH-01,TEACHER,JOINED," + AT + "\n" + staff("NV-2") + "\n")),
                List.of(reject(2, Violation.LINE, "malformed CSV")), "NV-2");
        add(cases, "an empty quoted cell is a missing value", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n\"\",DB-MA-TH-01,TEACHER,JOINED," + AT + "\n")),
                List.of(reject(2, "staffId", "missing required field")));
        add(cases, "spaces around values are trimmed", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n  NV-1 , DB-MA-TH-01 ,TEACHER, JOINED ," + AT + "\n")),
                List.of(), "NV-1");
    }

    private static void headers(final List<Named<Case>> cases) {
        add(cases, "no header: the first line is a data row", csv(EventType.STAFF,
                        utf8(staff("NV-1") + "\n" + staff("NV-2") + "\n")),
                List.of(reject(2, "(header)", "is not a header")));
        add(cases, "a column named twice", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + ",role\n" + staff("NV-1") + ",MANAGER\n")),
                List.of(reject(2, "role", "more than once")));
        add(cases, "an unknown column", csv(EventType.STAFF,
                        utf8("staffId,schoolId,rank,action,occurredAt\n" + staff("NV-1") + "\n")),
                List.of(reject(2, "rank", "unknown field 'rank' for staff"), reject(2, "role", "missing required field")));
        add(cases, "a column name in the wrong case", csv(EventType.STAFF,
                        utf8("StaffId,schoolId,role,action,occurredAt\n" + staff("NV-1") + "\n")),
                List.of(reject(2, "StaffId", "did you mean 'staffId'"), reject(2, "staffId", "missing required field")));
        add(cases, "an extra column in header and rows", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + ",note\n" + staff("NV-1") + ",hello\n")),
                List.of(reject(2, "note", "unknown field 'note'")));
        add(cases, "a required column missing from the header", csv(EventType.STAFF,
                        utf8("staffId,schoolId,role,action\nNV-1,DB-MA-TH-01,TEACHER,JOINED\n")),
                List.of(reject(2, "occurredAt", "missing required field")));
        add(cases, "a header column without a name", csv(EventType.STAFF,
                        utf8("staffId,,role,action,occurredAt\n" + staff("NV-1") + "\n")),
                List.of(reject(2, "(header)", "column 2 has no name")));
        add(cases, "rows with more or fewer cells than the header", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staff("NV-1") + ",extra\nNV-2,DB-MA-TH-01\n" + staff("NV-3") + "\n")),
                List.of(reject(2, Violation.LINE, "expected 5 columns as in the header, found 6"),
                        reject(3, Violation.LINE, "expected 5 columns as in the header, found 2")), "NV-3");
        add(cases, "a header and no rows", csv(EventType.STAFF, utf8(STAFF_HEADER + "\n")), List.of());
        add(cases, "blank and whitespace-only lines between rows", csv(EventType.STAFF,
                        utf8("\n" + STAFF_HEADER + "\n\n   \n" + staff("NV-1") + "\n\t\n" + staff("NV-2") + "\n\n")),
                List.of(), "NV-1", "NV-2");
    }

    private static void types(final List<Named<Case>> cases) {
        add(cases, "text in a whole number", trainingCsv(training("S-1", "twelve", "2.5", AT)),
                List.of(reject(2, "participantCount", "not a whole number: 'twelve'")));
        add(cases, "a decimal in a whole number", trainingCsv(training("S-1", "12.0", "2.5", AT)),
                List.of(reject(2, "participantCount", "not a whole number: '12.0'")));
        add(cases, "a whole number beyond the int range", trainingCsv(training("S-1", "3000000000", "2.5", AT)),
                List.of(reject(2, "participantCount", "out of range")));
        add(cases, "a decimal comma", trainingCsv(training("S-1", "12", "\"2,5\"", AT)),
                List.of(reject(2, "hours", "use '.' as the decimal separator")));
        add(cases, "NaN and Infinity as numbers", trainingCsv(training("S-1", "12", "NaN", AT),
                        training("S-2", "12", "Infinity", AT)),
                List.of(reject(2, "hours", "not a number: 'NaN'"), reject(3, "hours", "not a number: 'Infinity'")));
        add(cases, "booleans spelled oddly, and spellings that are allowed", csv(EventType.DEVICE,
                        utf8(DEVICE_HEADER + "\n" + device("D-1", "Y") + "\n" + device("D-2", "có") + "\n"
                                + device("D-3", "TRUE") + "\n" + device("D-4", "No") + "\n" + device("D-5", "0") + "\n")),
                List.of(reject(2, "has4gSim", "not a boolean: 'Y'"), reject(3, "has4gSim", "not a boolean: 'có'")),
                "D-3", "D-4", "D-5");
        add(cases, "an unknown enum symbol, and one in lower case", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\nNV-1,DB-MA-TH-01,HEADMASTER,JOINED," + AT + "\nNV-2,DB-MA-TH-01,teacher,joined,"
                                + AT + "\nNV-3,DB-MA-TH-01,TEACHER,PROMOTED," + AT + "\n")),
                List.of(reject(2, "role", "unknown symbol 'HEADMASTER'; allowed: TEACHER"),
                        reject(4, "action", "unknown symbol 'PROMOTED'; allowed: JOINED")), "NV-2");
        add(cases, "dates in other forms", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "A", "1").replace("2024-09-05", "05/09/2024") + "\n"
                                + school("DB-2", "B", "1").replace("2024-09-05", "2024-02-30") + "\n"
                                + school("DB-3", "C", "1").replace("2024-09-05", "2024-9-5") + "\n")),
                List.of(reject(2, "effectiveFrom", "not a date in the form yyyy-MM-dd: '05/09/2024'"),
                        reject(3, "effectiveFrom", "not a date in the form yyyy-MM-dd: '2024-02-30'"),
                        reject(4, "effectiveFrom", "not a date in the form yyyy-MM-dd: '2024-9-5'")));
        add(cases, "instants without an offset, with a space, or as a bare date", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staffAt("NV-1", "2025-03-01T08:00:00") + "\n"
                                + staffAt("NV-2", "2025-03-01 08:00:00+07:00") + "\n"
                                + staffAt("NV-3", "2025-03-01") + "\n"
                                + staffAt("NV-4", "2025-02-30T08:00:00Z") + "\n")),
                List.of(reject(2, "occurredAt", "not an ISO-8601 instant with offset: '2025-03-01T08:00:00'"),
                        reject(3, "occurredAt", "not an ISO-8601 instant with offset"),
                        reject(4, "occurredAt", "a date without a time is not an instant"),
                        reject(5, "occurredAt", "not an ISO-8601 instant with offset: '2025-02-30T08:00:00Z'")));
        add(cases, "offsets: +7 and +0700 refused, Z and +07:00 accepted", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staffAt("NV-1", "2025-03-01T08:00:00+7") + "\n"
                                + staffAt("NV-2", "2025-03-01T08:00:00+0700") + "\n"
                                + staffAt("NV-3", "2025-03-01T01:00:00Z") + "\n"
                                + staffAt("NV-4", "2025-03-01T08:00:00+07:00") + "\n")),
                List.of(reject(2, "occurredAt", "not an ISO-8601 instant with offset"),
                        reject(3, "occurredAt", "not an ISO-8601 instant with offset")), "NV-3", "NV-4");
        add(cases, "a timestamp as epoch milliseconds", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staffAt("NV-1", "1740790800000") + "\n")),
                List.of(reject(2, "occurredAt", "not an ISO-8601 instant with offset: '1740790800000'")));
        add(cases, "a timestamp as a JSON number", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1").replace("\"" + AT + "\"", "1740790800000") + "\n")),
                List.of(reject(1, "occurredAt", "not an ISO-8601 instant with offset: '1740790800000'")));
        add(cases, "a JSON boolean and a JSON number as text fields", ndjson(EventType.STAFF,
                        utf8("{\"staffId\":12,\"schoolId\":\"DB-MA-TH-01\",\"role\":true,\"action\":\"JOINED\",\"occurredAt\":\""
                                + AT + "\"}\n")),
                List.of(reject(1, "role", "unknown symbol 'true'")));
    }

    private static void ranges(final List<Named<Case>> cases) {
        add(cases, "a negative count", trainingCsv(training("S-1", "-1", "2", AT)),
                List.of(reject(2, "participantCount", "must be zero or more: -1")));
        add(cases, "a session of 0 hours, and one of negative hours", trainingCsv(training("S-1", "3", "0", AT),
                        training("S-2", "3", "-2", AT), training("S-3", "3", "0.5", AT)),
                List.of(reject(2, "hours", "must be greater than 0"), reject(3, "hours", "must be greater than 0")), "S-3");
        add(cases, "occurredAt in the future beyond the allowed clock skew", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staffAt("NV-1", "2026-01-01T00:10:00Z") + "\n"
                                + staffAt("NV-2", "2026-01-01T00:04:00Z") + "\n")),
                List.of(reject(2, "occurredAt", "is in the future")), "NV-2");
        add(cases, "occurredAt before 2000, as in a year typed 0025", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n" + staffAt("NV-1", "1999-12-31T23:59:59Z") + "\n"
                                + staffAt("NV-2", "0025-03-01T08:00:00+07:00") + "\n"
                                + staffAt("NV-3", "2000-01-01T00:00:00Z") + "\n")),
                List.of(reject(2, "occurredAt", "is before 2000-01-01"), reject(3, "occurredAt", "is before 2000-01-01")),
                "NV-3");
        add(cases, "a negative number of learners", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "A", "-612") + "\n")),
                List.of(reject(2, "learnersEnrolled", "must be zero or more: -612")));
        add(cases, "a sponsored device without its programme", csv(EventType.DEVICE,
                        utf8(DEVICE_HEADER + "\n" + device("D-1", "true").replace("PURCHASE", "SPONSORSHIP") + "\n")),
                List.of(reject(2, "programme", "required when source is SPONSORSHIP")));
        add(cases, "a required field that is only spaces", csv(EventType.STAFF,
                        utf8(STAFF_HEADER + "\n   ,DB-MA-TH-01,TEACHER,JOINED," + AT + "\n")),
                List.of(reject(2, "staffId", "missing required field")));
    }

    private static void sizes(final List<Named<Case>> cases) {
        add(cases, "a 600 KB id in NDJSON", ndjson(EventType.STAFF,
                        utf8(staffJson("N".repeat(600 * 1024)) + "\n" + staffJson("NV-2") + "\n")),
                List.of(reject(1, "staffId", "must be at most 100 characters, found 614400")), "NV-2");
        add(cases, "1,001 staffIds, and exactly 1,000", trainingCsv(
                        training("S-1", "1001", "2", AT).replace("NV-1;NV-2", staffIds(1_001)),
                        training("S-2", "1000", "2", AT).replace("NV-1;NV-2", staffIds(1_000))),
                List.of(reject(2, "staffIds", "must have at most 1000 entries, found 1001")), "S-2");
        add(cases, "a school name of 201 characters", csv(EventType.SCHOOL,
                        utf8(SCHOOL_HEADER + "\n" + school("DB-1", "Ư".repeat(201), "1") + "\n"
                                + school("DB-2", "Ư".repeat(200), "1") + "\n")),
                List.of(reject(2, "name", "must be at most 200 characters, found 201")), "DB-2");
        add(cases, "a blank entry in a list", trainingCsv(training("S-1", "2", "2", AT).replace("NV-1;NV-2", "NV-1;;NV-2")),
                List.of(reject(2, "staffIds", "list entry 2 is blank")));
    }

    private static void json(final List<Named<Case>> cases) {
        add(cases, "an object where a string is expected", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1").replace("\"TEACHER\"", "{\"name\":\"TEACHER\"}") + "\n")),
                List.of(reject(1, "role", "must be a string, number, boolean or array, not an OBJECT")));
        add(cases, "an array where a string is expected", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1").replace("\"TEACHER\"", "[\"TEACHER\"]") + "\n")),
                List.of(reject(1, "role", "must be a single value, not a list")));
        add(cases, "objects and arrays inside a list", ndjson(EventType.TRAINING,
                        utf8(trainingJson("S-1", "[{\"id\":\"NV-1\"}]") + "\n" + trainingJson("S-2", "[[\"NV-1\"]]") + "\n"
                                + trainingJson("S-3", "\"NV-1;NV-2\"") + "\n")),
                List.of(reject(1, "staffIds", "array entries must be strings, found OBJECT"),
                        reject(2, "staffIds", "array entries must be strings, found ARRAY"),
                        reject(3, "staffIds", "must be a list of strings")));
        add(cases, "JSON nested 10,000 deep", ndjson(EventType.STAFF,
                        utf8("[".repeat(10_000) + "]".repeat(10_000) + "\n" + staffJson("NV-2") + "\n")),
                List.of(reject(1, Violation.LINE, "nesting depth")), "NV-2");
        add(cases, "a duplicate key", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1").replace("}", ",\"staffId\":\"NV-9\"}") + "\n")),
                List.of(reject(1, Violation.LINE, "Duplicate field 'staffId'")));
        add(cases, "content after the object", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1") + " " + staffJson("NV-2") + "\n" + staffJson("NV-3") + " x\n")),
                List.of(reject(1, Violation.LINE, "Trailing token"), reject(2, Violation.LINE, "malformed JSON")));
        add(cases, "a scalar, an array, null and a string instead of an object", ndjson(EventType.STAFF,
                        utf8("42\n[" + staffJson("NV-1") + "]\nnull\n\"NV-1\"\n")),
                List.of(reject(1, Violation.LINE, "expected a JSON object, found NUMBER"),
                        reject(2, Violation.LINE, "expected a JSON object, found ARRAY"),
                        reject(3, Violation.LINE, "expected a JSON object"),
                        reject(4, Violation.LINE, "expected a JSON object, found STRING")));
        add(cases, "NaN and Infinity literals", ndjson(EventType.TRAINING,
                        utf8(trainingJson("S-1", "[]").replace("\"hours\":2", "\"hours\":NaN") + "\n"
                                + trainingJson("S-2", "[]").replace("\"hours\":2", "\"hours\":Infinity") + "\n")),
                List.of(reject(1, Violation.LINE, "malformed JSON"), reject(2, Violation.LINE, "malformed JSON")));
        add(cases, "a line cut in the middle of an object", ndjson(EventType.STAFF,
                        utf8("{\"staffId\":\"NV-1\",\"schoolId\":\n" + staffJson("NV-2") + "\n")),
                List.of(reject(1, Violation.LINE, "malformed JSON")), "NV-2");
        add(cases, "null for a required field", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1").replace("\"TEACHER\"", "null") + "\n")),
                List.of(reject(1, "role", "missing required field")));
        add(cases, "an unknown JSON key and one in the wrong case", ndjson(EventType.STAFF,
                        utf8(staffJson("NV-1").replace("}", ",\"comment\":\"x\"}") + "\n"
                                + staffJson("NV-2").replace("\"schoolId\"", "\"SchoolID\"") + "\n")),
                List.of(reject(1, "comment", "unknown field 'comment' for staff"),
                        reject(2, "SchoolID", "did you mean 'schoolId'"),
                        reject(2, "schoolId", "missing required field")));
    }

    private static void add(final List<Named<Case>> cases, final String name, final Input input,
                            final List<Reject> rejects, final String... accepted) {
        cases.add(Named.of(name, new Case(input.type(), input.fileName(), input.content(), rejects, List.of(accepted))));
    }

    private record Input(EventType type, String fileName, byte[] content) {
    }

    private static Input csv(final EventType type, final byte[] content) {
        return new Input(type, type.cliName() + ".csv", content);
    }

    private static Input ndjson(final EventType type, final byte[] content) {
        return new Input(type, type.cliName() + ".ndjson", content);
    }

    private static Input trainingCsv(final String... rows) {
        return csv(EventType.TRAINING, utf8(TRAINING_HEADER + "\n" + String.join("\n", rows) + "\n"));
    }

    private static Reject reject(final long line, final String field, final String reasonPart) {
        return new Reject(line, field, reasonPart);
    }

    private static String staff(final String staffId) {
        return staffAt(staffId, AT);
    }

    private static String staffAt(final String staffId, final String occurredAt) {
        return staffId + ",DB-MA-TH-01,TEACHER,JOINED," + occurredAt;
    }

    private static String staffJson(final String staffId) {
        return "{\"staffId\":\"" + staffId + "\",\"schoolId\":\"DB-MA-TH-01\",\"role\":\"TEACHER\",\"action\":\"JOINED\","
                + "\"occurredAt\":\"" + AT + "\"}";
    }

    private static String training(final String sessionId, final String participants, final String hours, final String at) {
        return "DB-MA-TH-01," + sessionId + ",DIGITAL_TEACHING,STAFF," + participants + ",NV-1;NV-2," + hours + "," + at;
    }

    private static String trainingJson(final String sessionId, final String staffIds) {
        return "{\"schoolId\":\"DB-MA-TH-01\",\"sessionId\":\"" + sessionId + "\",\"topic\":\"DIGITAL_TEACHING\","
                + "\"audience\":\"STAFF\",\"participantCount\":2,\"staffIds\":" + staffIds + ",\"hours\":2,"
                + "\"occurredAt\":\"" + AT + "\"}";
    }

    private static String school(final String schoolId, final String name, final String learners) {
        return schoolId + "," + name + ",PRIMARY,DB-MA-C01,Thị trấn Mường Ảng,DB-MA,Huyện Mường Ảng,DB,Tỉnh Điện Biên,"
                + learners + ",FIXED_BROADBAND,true,2024-09-05";
    }

    private static String device(final String deviceId, final String has4gSim) {
        return deviceId + ",DB-MA-TH-01,TABLET,TEACHING," + has4gSim + ",RECEIVED,PURCHASE,," + AT;
    }

    private static String staffIds(final int count) {
        final StringBuilder ids = new StringBuilder();
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "" : ";").append("NV-").append(i);
        }
        return ids.toString();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] latin1(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** The identifier a clerk would recognise in the row: session, device, staff member or school. */
    private static String idOf(final SpecificRecord record) {
        for (final String field : List.of("sessionId", "deviceId", "staffId", "schoolId")) {
            if (record.getSchema().getField(field) != null) {
                return String.valueOf(record.get(record.getSchema().getField(field).pos()));
            }
        }
        throw new IllegalArgumentException("no id field in " + record.getSchema().getName());
    }
}
