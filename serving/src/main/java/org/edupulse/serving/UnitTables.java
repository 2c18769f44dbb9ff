package org.edupulse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.edupulse.streams.IndicatorTexts;

/**
 * The tables of a unit's page as data, headed in Vietnamese or English: the figures of the units under
 * it (the districts of the province, the schools of a district or commune) with the unit's own on the
 * last row, a school's own figures, the catalog's definitions, and a series by period. Values are the
 * API's, unrounded; an undefined value is an empty cell.
 */
final class UnitTables {

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "vi", Map.ofEntries(Map.entry("id", "Mã đơn vị"), Map.entry("name", "Tên đơn vị"), Map.entry("level", "Cấp"),
                    Map.entry("asOf", "Số liệu tính đến"), Map.entry("SCHOOL", "Trường"),
                    Map.entry("COMMUNE", "Xã, phường"), Map.entry("DISTRICT", "Huyện"), Map.entry("PROVINCE", "Tỉnh"),
                    Map.entry("children.DISTRICT", "Các huyện"), Map.entry("children.SCHOOL", "Các trường"),
                    Map.entry("figures", "Số liệu của trường"), Map.entry("indicator", "Chỉ số"),
                    Map.entry("indicatorId", "Mã chỉ số"), Map.entry("value", "Giá trị"),
                    Map.entry("numerator", "Tử số"), Map.entry("denominator", "Mẫu số"),
                    Map.entry("definitions", "Định nghĩa"), Map.entry("definition", "Định nghĩa"),
                    Map.entry("unit", "Đơn vị tính"), Map.entry("series", "Chuỗi số liệu"), Map.entry("period", "Kỳ"),
                    Map.entry("start", "Ngày bắt đầu"), Map.entry("end", "Ngày kết thúc"),
                    Map.entry("complete", "Kỳ đã kết thúc"), Map.entry("periods", "So sánh hai kỳ"),
                    Map.entry("change", "Chênh lệch")),
            "en", Map.ofEntries(Map.entry("id", "Unit id"), Map.entry("name", "Unit"), Map.entry("level", "Level"),
                    Map.entry("asOf", "Figures as of"), Map.entry("SCHOOL", "School"), Map.entry("COMMUNE", "Commune"),
                    Map.entry("DISTRICT", "District"), Map.entry("PROVINCE", "Province"),
                    Map.entry("children.DISTRICT", "Districts"), Map.entry("children.SCHOOL", "Schools"),
                    Map.entry("figures", "The school's figures"), Map.entry("indicator", "Indicator"),
                    Map.entry("indicatorId", "Indicator id"), Map.entry("value", "Value"),
                    Map.entry("numerator", "Numerator"), Map.entry("denominator", "Denominator"),
                    Map.entry("definitions", "Definitions"), Map.entry("definition", "Definition"),
                    Map.entry("unit", "Unit of measure"), Map.entry("series", "Series"), Map.entry("period", "Period"),
                    Map.entry("start", "Start"), Map.entry("end", "End"), Map.entry("complete", "Period over"),
                    Map.entry("periods", "Two periods"), Map.entry("change", "Change")));

    private UnitTables() {
    }

    /**
     * The tables of a unit's page: for a school its own figures, otherwise the figures of the units
     * under it (each a set as {@code /api/v1/units/{id}} answers it, or a stand-in with no
     * {@code indicators}) then the unit's own row; and the definitions.
     */
    static List<Table> of(final JsonNode unit, final List<JsonNode> children, final String lang) {
        final Map<String, String> w = WORDS.get(lang);
        final List<Table> tables = new ArrayList<>();
        if ("SCHOOL".equals(unit.path("level").asText())) {
            tables.add(figures(unit, w, lang));
        } else {
            final List<String> headers = new ArrayList<>(List.of(w.get("id"), w.get("name"), w.get("level")));
            IndicatorCatalog.all().forEach(definition -> headers.add(IndicatorTexts.of(definition, lang).name()));
            headers.add(w.get("asOf"));
            final List<List<Object>> rows = new ArrayList<>();
            children.forEach(child -> rows.add(row(child, w)));
            rows.add(row(unit, w));
            final String childLevel = "PROVINCE".equals(unit.path("level").asText()) ? "DISTRICT" : "SCHOOL";
            tables.add(new Table(w.get("children." + childLevel), headers, rows));
        }
        tables.add(definitions(w, lang));
        return tables;
    }

    private static List<Object> row(final JsonNode set, final Map<String, String> w) {
        final List<Object> row = new ArrayList<>();
        row.add(set.path("unitId").asText());
        row.add(set.path("unitName").asText());
        row.add(w.getOrDefault(set.path("level").asText(), set.path("level").asText()));
        IndicatorCatalog.all().forEach(definition -> row.add(number(set.path("indicators").path(definition.id())
                .path("value"))));
        row.add(set.path("asOf").isTextual() ? set.path("asOf").asText() : null);
        return row;
    }

    private static Table figures(final JsonNode school, final Map<String, String> w, final String lang) {
        final List<List<Object>> rows = new ArrayList<>();
        for (final IndicatorDefinition definition : IndicatorCatalog.all()) {
            final JsonNode value = school.path("indicators").path(definition.id());
            final List<Object> row = new ArrayList<>();
            row.add(IndicatorTexts.of(definition, lang).name());
            row.add(definition.id());
            row.add(number(value.path("value")));
            row.add(number(value.path("numerator")));
            row.add(number(value.path("denominator")));
            rows.add(row);
        }
        return new Table(w.get("figures"), List.of(w.get("indicator"), w.get("indicatorId"), w.get("value"),
                w.get("numerator"), w.get("denominator")), rows);
    }

    private static Table definitions(final Map<String, String> w, final String lang) {
        final List<List<Object>> rows = new ArrayList<>();
        for (final IndicatorDefinition definition : IndicatorCatalog.all()) {
            final IndicatorTexts.Text text = IndicatorTexts.of(definition, lang);
            rows.add(new ArrayList<>(List.of(definition.id(), text.name(), text.definition(), definition.unit())));
        }
        return new Table(w.get("definitions"), List.of(w.get("indicatorId"), w.get("indicator"), w.get("definition"),
                w.get("unit")), rows);
    }

    /** A series by period: a row per period, the value's parts, "period over" as a boolean. */
    static Table series(final String indicator, final List<PeriodIndicators> points, final String lang) {
        final Map<String, String> w = WORDS.get(lang);
        final List<List<Object>> rows = new ArrayList<>();
        for (final PeriodIndicators point : points) {
            final IndicatorValue value = point.getIndicators().get(indicator);
            final List<Object> row = new ArrayList<>();
            row.add(point.getPeriod());
            row.add(point.getStart().toString());
            row.add(point.getEnd().toString());
            row.add(point.getComplete());
            row.add(value.getNumerator());
            row.add(value.getDenominator());
            row.add(value.getValue());
            rows.add(row);
        }
        return new Table(w.get("series"), List.of(w.get("period"), w.get("start"), w.get("end"), w.get("complete"),
                w.get("numerator"), w.get("denominator"), w.get("value")), rows);
    }

    /**
     * One period's indicators (those the periods publish, in the catalog's order), and another's beside
     * them with the change (a - b; empty when either has no value).
     */
    static Table periods(final PeriodIndicators a, final PeriodIndicators b, final String lang) {
        final Map<String, String> w = WORDS.get(lang);
        final List<String> headers = new ArrayList<>(List.of(w.get("indicator"), w.get("indicatorId"),
                periodLabel(a.getPeriod(), lang)));
        if (b != null) {
            headers.add(periodLabel(b.getPeriod(), lang));
            headers.add(w.get("change"));
        }
        final List<List<Object>> rows = new ArrayList<>();
        for (final IndicatorDefinition definition : IndicatorCatalog.periods()) {
            final List<Object> row = new ArrayList<>();
            row.add(IndicatorTexts.of(definition, lang).name());
            row.add(definition.id());
            final Double va = valueOf(a, definition.id());
            row.add(va);
            if (b != null) {
                final Double vb = valueOf(b, definition.id());
                row.add(vb);
                row.add(va == null || vb == null ? null : va - vb);
            }
            rows.add(row);
        }
        return new Table(b == null ? periodLabel(a.getPeriod(), lang) : w.get("periods"), headers, rows);
    }

    private static Double valueOf(final PeriodIndicators period, final String indicator) {
        final IndicatorValue value = period.getIndicators().get(indicator);
        return value == null ? null : value.getValue();
    }

    /** A period's label as the dashboard writes it: 11/2025, Quý 3/2025, 2025, Năm học 2024–2025. */
    static String periodLabel(final String period, final String lang) {
        final boolean vi = "vi".equals(lang);
        final java.util.regex.Matcher month = java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})").matcher(period);
        if (month.matches()) {
            return vi ? month.group(2) + "/" + month.group(1)
                    : java.time.Month.of(Integer.parseInt(month.group(2))).getDisplayName(java.time.format.TextStyle.SHORT,
                    java.util.Locale.ENGLISH) + " " + month.group(1);
        }
        final java.util.regex.Matcher quarter = java.util.regex.Pattern.compile("(\\d{4})-Q([1-4])").matcher(period);
        if (quarter.matches()) {
            return vi ? "Quý " + quarter.group(2) + "/" + quarter.group(1) : "Q" + quarter.group(2) + " " + quarter.group(1);
        }
        final java.util.regex.Matcher schoolYear = java.util.regex.Pattern.compile("(\\d{4})-(\\d{4})").matcher(period);
        if (schoolYear.matches()) {
            return (vi ? "Năm học " : "SY ") + schoolYear.group(1) + "–" + schoolYear.group(2);
        }
        return period;
    }

    /** The JSON of a table: its title, headers and rows, cells as they are. */
    static Map<String, Object> json(final List<Table> tables) {
        return Map.of("tables", tables.stream().map(table -> Map.of("title", table.title(), "headers",
                table.headers(), "rows", table.rows())).toList());
    }

    private static Double number(final JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }
}
