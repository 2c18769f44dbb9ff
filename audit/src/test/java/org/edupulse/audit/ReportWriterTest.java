package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edupulse.schemas.UnitLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteByteIdenticalReportsForTheSameResult() throws Exception {
        // Given one replay result
        final ReplayResult result = ReportTestData.sample();

        // When it is written twice
        final List<Path> first = ReportWriter.write(result, dir.resolve("a"));
        final List<Path> second = ReportWriter.write(ReportTestData.sample(), dir.resolve("b"));

        // Then the three files are byte-identical
        assertThat(first).extracting(p -> p.getFileName().toString())
                .containsExactly("report.json", "report.csv", "report.html");
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(first.get(i))).isEqualTo(Files.readAllBytes(second.get(i)));
        }
    }

    @Test
    void shouldWriteJsonWithMetadataOffsetsDifferencesAndValues() throws Exception {
        // Given a result with one difference
        // When its JSON report is written
        final Path json = ReportWriter.write(ReportTestData.sample(), dir).get(0);

        // Then it carries the instant, axis, catalog, verdict, offsets and every value in plain decimals
        final JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.get("asOf").asText()).isEqualTo("2025-06-30T17:00:00Z");
        assertThat(root.get("axis").asText()).isEqualTo("known-at");
        assertThat(root.get("catalogVersion").asText()).isEqualTo("1.0.0");
        assertThat(root.get("exitCode").asInt()).isEqualTo(3);
        assertThat(root.get("units")).isEmpty();
        assertThat(root.has("districts")).isFalse();
        assertThat(root.get("sourceOffsets")).hasSize(2);
        assertThat(root.get("sourceOffsets").get(1).get("toOffset").asLong()).isEqualTo(40);
        assertThat(root.get("differences")).hasSize(2);
        assertThat(root.get("values")).hasSize(3);
        final String text = Files.readString(json, StandardCharsets.UTF_8);
        assertThat(text).contains("\"value\" : 33.333333").doesNotContain("E+").doesNotContain("\r");
    }

    @Test
    void shouldNameTheUnitsAskedForAtAnyLevelInEveryFormat() throws Exception {
        // Given a result for a school, a commune and the province, asked for by id
        final UnitFigures school = ReportTestData.unit("DB-MA-SCH-001", "Mường Ảng Primary", UnitLevel.SCHOOL,
                Map.of("staff.active", new Figure(3, null, 3.0)));
        final UnitFigures commune = ReportTestData.unit("DB-MA-X01", "Mường Ảng town", UnitLevel.COMMUNE,
                Map.of("staff.active", new Figure(5, null, 5.0)));
        final UnitFigures province = ReportTestData.unit("DB", "Điện Biên", UnitLevel.PROVINCE,
                Map.of("staff.active", new Figure(50, null, 50.0)));
        final ReplayResult result = ReportTestData.result(Set.of("DB-MA-X01", "DB", "DB-MA-SCH-001"),
                List.of(school, commune, province), List.of(school, commune, province));

        // When its reports are written
        final List<Path> files = ReportWriter.write(result, dir);

        // Then the JSON lists the units sorted under "units", the CSV and the HTML name them, with each row's level
        final JsonNode root = new ObjectMapper().readTree(files.get(0).toFile());
        assertThat(root.get("units")).extracting(JsonNode::asText).containsExactly("DB", "DB-MA-SCH-001", "DB-MA-X01");
        assertThat(root.get("values")).extracting(v -> v.get("unitId").asText() + " " + v.get("level").asText())
                .containsExactly("DB PROVINCE", "DB-MA-SCH-001 SCHOOL", "DB-MA-X01 COMMUNE");
        assertThat(Files.readAllLines(files.get(1))).contains("# units: DB DB-MA-SCH-001 DB-MA-X01",
                "DB-MA-X01,Mường Ảng town,COMMUNE,staff.active,5,,5,5,,5,agrees");
        assertThat(Files.readString(files.get(2))).contains("<dt>Units</dt><dd>DB, DB-MA-SCH-001, DB-MA-X01</dd>");
    }

    @Test
    void shouldWriteCsvWithCommentedMetadataAndQuotedCells() throws Exception {
        // Given a unit name with a comma and quotes
        // When the CSV report is written
        final List<String> lines = Files.readAllLines(ReportWriter.write(ReportTestData.sample(), dir).get(1));

        // Then metadata lines come first, then the header, then one row per unit and indicator
        assertThat(lines.get(0)).isEqualTo("# as_of: 2025-06-30T17:00:00Z");
        assertThat(lines).contains("# axis: known-at", "# catalog_version: 1.0.0", "# units: all",
                "# source_offsets: edupulse.staff.events-0 [0, 40) records=39", CsvReport.HEADER);
        assertThat(lines).contains("DB-MA,\"Mường Ảng, \"\"huyện\"\"\",DISTRICT,staff.active,12,,12,13,,13,"
                + "\"differs: numerator, value\"");
        assertThat(lines).contains("DB-MA,\"Mường Ảng, \"\"huyện\"\"\",DISTRICT,staff.it_certified.share,1,3,"
                + "33.333333,1,3,33.333333,agrees");
        assertThat(lines.stream().filter(l -> !l.startsWith("#"))).hasSize(4);
    }

    @Test
    void shouldWriteNamesThatLookLikeFormulasAsTextAndFiguresAsNumbers() throws Exception {
        // Given units whose names and ids a spreadsheet would run as formulas, with ordinary and negative figures
        final UnitFigures hyperlink = ReportTestData.district("DB-HL", "=HYPERLINK(\"http://evil.example\",\"open\")",
                Map.of("staff.active", new Figure(-2, null, -2.0)));
        final UnitFigures sum = ReportTestData.district("@SUM(A1)", "-1+1", Map.of("staff.active", new Figure(7, null, 7.0)));
        final ReplayResult result = ReportTestData.result(List.of(hyperlink, sum), List.of(hyperlink, sum));

        // When the CSV report is written
        final List<String> lines = Files.readAllLines(ReportWriter.write(result, dir).get(1));

        // Then the text cells start with a single quote and the figures are plain numbers, negative ones too
        assertThat(lines).contains("DB-HL,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\",DISTRICT,staff.active,"
                + "-2,,-2,-2,,-2,agrees");
        assertThat(lines).contains("'@SUM(A1),'-1+1,DISTRICT,staff.active,7,,7,7,,7,agrees");
    }

    @Test
    void shouldWriteASelfContainedEscapedHtmlPage() throws Exception {
        // Given a unit name with markup in it
        // When the HTML report is written
        final String html = Files.readString(ReportWriter.write(ReportTestData.sample(), dir).get(2));

        // Then it has its style inline, no external reference, and escapes text
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("Differs")
                .contains("Tuần Giáo &lt;b&gt;").doesNotContain("Tuần Giáo <b>")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("<script")
                .doesNotContain("<link");
    }
}
