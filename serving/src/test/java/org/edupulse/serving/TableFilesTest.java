package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.edupulse.streams.IndicatorCatalog;
import org.junit.jupiter.api.Test;

class TableFilesTest {

    @Test
    void shouldWriteAWorkbookWithASheetPerTableVietnameseHeadersAndNumbersAsNumbers() throws Exception {
        // Given a district with two schools, one with no figures yet, one whose certification share has no value
        final JsonNode district = set("DB-MA", "Mường Ảng", "DISTRICT", 840.0, 75.0);
        final JsonNode school = set("DB-MA-SCH-001", "Trường TH Ẳng Nưa", "SCHOOL", 31.0, null);
        final JsonNode empty = Reply.mapper().valueToTree(Map.of("unitId", "DB-MA-SCH-002", "unitName",
                "=HYPERLINK(\"http://x\")", "level", "SCHOOL"));

        // When its tables are written as a workbook and read back
        final byte[] xlsx = TableFiles.xlsx(UnitTables.of(district, List.of(school, empty), "vi"));
        final List<List<Row>> sheets = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            for (final Sheet sheet : workbook.getSheets().toList()) {
                names.add(sheet.getName());
                sheets.add(sheet.read());
            }
        }

        // Then there is one sheet per table, headed in Vietnamese
        assertThat(names).containsExactly("Các trường", "Định nghĩa");
        final List<Row> rows = sheets.get(0);
        final int staff = 3 + IndicatorCatalog.all().indexOf(IndicatorCatalog.byId("staff.active").orElseThrow());
        final int share = 3 + IndicatorCatalog.all().indexOf(IndicatorCatalog.byId("staff.it_certified.share")
                .orElseThrow());
        assertThat(rows.get(0).getCellText(0)).isEqualTo("Mã đơn vị");
        assertThat(rows.get(0).getCellText(share)).isEqualTo("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT (%)");
        // and the figures are numbers, the undefined share and the school with no figures empty cells, never 0
        assertThat(rows.get(1).getCell(staff).getType()).isEqualTo(CellType.NUMBER);
        assertThat(rows.get(1).getCell(staff).asNumber()).isEqualByComparingTo(new BigDecimal("31"));
        assertThat(rows.get(1).getCellText(share)).isEmpty();
        assertThat(rows.get(2).getCellText(1)).isEqualTo("=HYPERLINK(\"http://x\")");
        assertThat(rows.get(2).getCell(1).getType()).isEqualTo(CellType.STRING);
        assertThat(rows.get(2).getCellText(staff)).isEmpty();
        // and the district itself is the last row
        assertThat(rows.get(3).getCellText(0)).isEqualTo("DB-MA");
        assertThat(rows.get(3).getCell(share).asNumber()).isEqualByComparingTo(new BigDecimal("75"));
        assertThat(sheets.get(1)).hasSize(1 + IndicatorCatalog.all().size());
    }

    @Test
    void shouldPutTwoPeriodsSideBySideWithTheChangeAndLabelThemAsTheDashboardDoes() {
        // Given two school years of Mường Ảng, the earlier with no certification share (no staff)
        final org.edupulse.schemas.PeriodIndicators now = PeriodSeriesTest.record("DB-MA",
                org.edupulse.schemas.PeriodGrain.SCHOOL_YEAR, "2024-2025", "2024-09-01", "2025-08-31", 630, 840.0, 75.0,
                true);
        final org.edupulse.schemas.PeriodIndicators before = PeriodSeriesTest.record("DB-MA",
                org.edupulse.schemas.PeriodGrain.SCHOOL_YEAR, "2023-2024", "2023-09-01", "2024-08-31", 0, 0.0, null, true);

        // When
        final Table table = UnitTables.periods(now, before, "vi");

        // Then the headings name the years, and the change of a value beside none is empty, never a number
        assertThat(table.headers()).containsExactly("Chỉ số", "Mã chỉ số", "Năm học 2024–2025", "Năm học 2023–2024",
                "Chênh lệch");
        final List<Object> share = table.rows().stream().filter(row -> "staff.it_certified.share".equals(row.get(1)))
                .findFirst().orElseThrow();
        assertThat(share).containsExactly("Tỷ lệ cán bộ, giáo viên có chứng chỉ CNTT (%)", "staff.it_certified.share",
                75.0, null, null);
        assertThat(UnitTables.periods(now, null, "en").headers()).containsExactly("Indicator", "Indicator id", "SY 2024–2025");
        assertThat(UnitTables.periodLabel("2025-11", "vi")).isEqualTo("11/2025");
        assertThat(UnitTables.periodLabel("2025-11", "en")).isEqualTo("Nov 2025");
        assertThat(UnitTables.periodLabel("2025-Q3", "vi")).isEqualTo("Quý 3/2025");
        assertThat(UnitTables.periodLabel("2025", "vi")).isEqualTo("2025");
    }

    @Test
    void shouldWriteCsvWithAByteOrderMarkNeutralisedTextAndPlainNumbers() {
        // Given
        final Table table = new Table("Các trường", List.of("Tên đơn vị", "Giá trị", "Kỳ đã kết thúc"),
                List.of(Arrays.asList("=cmd|' /C calc'!A0", 84.5, true), Arrays.asList("Mường Ảng, Điện Biên", null, false)));

        // When
        final String csv = TableFiles.csv(table);

        // Then
        assertThat(csv).isEqualTo("\uFEFFTên đơn vị,Giá trị,Kỳ đã kết thúc\n"
                + CsvCells.text("=cmd|' /C calc'!A0") + ",84.5,true\n\"Mường Ảng, Điện Biên\",,false\n");
        assertThat(CsvCells.text("=cmd|' /C calc'!A0")).startsWith("'=");
    }

    @Test
    void shouldNameSheetsAsExcelAllowsAndRefuseARowOfTheWrongWidth() {
        final Set<String> taken = new HashSet<>();
        assertThat(TableFiles.sheetName("Số liệu: Mường Ảng / 2025 [quý 3]", taken)).hasSizeLessThanOrEqualTo(31)
                .startsWith("Số liệu  Mường Ảng").doesNotContain(":", "/", "[", "]");
        assertThat(TableFiles.sheetName("a".repeat(40), taken)).hasSize(31);
        assertThat(TableFiles.sheetName("a".repeat(40), taken)).hasSize(31).endsWith(" (2)");
        assertThatThrownBy(() -> new Table("t", List.of("a", "b"), List.of(List.of("x"))))
                .hasMessageContaining("1 cells for 2 headers");
    }

    private static JsonNode set(final String id, final String name, final String level, final double staff,
                                final Double share) {
        final Map<String, Object> shareValue = new java.util.LinkedHashMap<>();
        shareValue.put("numerator", share == null ? 0.0 : 630.0);
        shareValue.put("denominator", share == null ? 0.0 : 840.0);
        shareValue.put("value", share);
        final Map<String, Object> indicators = Map.of(
                "staff.active", Map.of("numerator", staff, "value", staff),
                "staff.it_certified.share", shareValue);
        return Reply.mapper().valueToTree(Map.of("unitId", id, "unitName", name, "level", level,
                "asOf", "2025-11-30T16:59:59.999Z", "indicators", indicators));
    }
}
