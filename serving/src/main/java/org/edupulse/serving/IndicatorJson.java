package org.edupulse.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.edupulse.streams.IndicatorTexts;

/**
 * The JSON shapes of the API: an IndicatorSet with the same field names and the values exactly as
 * published (indicators sorted by id, {@code asOf} as an ISO-8601 instant, {@code breakdowns} an object,
 * empty when the unit has none), and the catalog.
 */
final class IndicatorJson {

    private IndicatorJson() {
    }

    static Map<String, Object> of(final IndicatorSet set) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("unitId", set.getUnitId());
        json.put("unitName", set.getUnitName());
        json.put("level", set.getLevel().name());
        json.put("asOf", set.getAsOf().toString());
        // The instant the rolling windows were evaluated (their last day is its day) and the latest event time reflected.
        json.put("evaluatedAt", set.getEvaluatedAt() == null ? null : set.getEvaluatedAt().toString());
        json.put("dataThrough", set.getDataThrough() == null ? null : set.getDataThrough().toString());
        json.put("catalogVersion", set.getCatalogVersion());
        final Map<String, Object> indicators = new TreeMap<>();
        for (final Map.Entry<String, IndicatorValue> entry : set.getIndicators().entrySet()) {
            indicators.put(entry.getKey(), value(entry.getValue()));
        }
        json.put("indicators", indicators);
        json.put("breakdowns", breakdowns(set.getBreakdowns()));
        return json;
    }

    /**
     * A set's breakdowns, by id then key, both sorted; an empty object for a set that has none (null in
     * the record, as sets written before schema version 2 have it), so clients read one shape.
     */
    static Map<String, Object> breakdowns(final Map<String, Map<String, IndicatorValue>> breakdowns) {
        final Map<String, Object> json = new TreeMap<>();
        if (breakdowns != null) {
            breakdowns.forEach((id, byKey) -> {
                final Map<String, Object> values = new TreeMap<>();
                byKey.forEach((key, value) -> values.put(key, value(value)));
                json.put(id, values);
            });
        }
        return json;
    }

    /**
     * An IndicatorSet of any level, as {@link #of} with where it sits: its parent, a school's district
     * and whether a district is a grouping (a former district).
     */
    static Map<String, Object> unit(final IndicatorSet set) {
        final Map<String, Object> json = of(set);
        final Object indicators = json.remove("indicators");
        final Object breakdowns = json.remove("breakdowns");
        json.put("parentId", set.getParentId());
        json.put("parentName", set.getParentName());
        json.put("districtId", set.getDistrictId());
        json.put("districtName", set.getDistrictName());
        json.put("grouping", set.getGrouping());
        json.put("indicators", indicators);
        json.put("breakdowns", breakdowns);
        return json;
    }

    static Map<String, Object> value(final IndicatorValue value) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("numerator", value.getNumerator());
        json.put("denominator", value.getDenominator());
        // null, with the reason, where a ratio's denominator is 0: "no data", never 0
        json.put("value", value.getValue());
        json.put("undefinedReason", value.getUndefinedReason());
        return json;
    }

    /**
     * The catalog: its version, every live definition in publication order, each saying whether it has
     * a series by period ({@code "periods"}), and the definitions of the periods in their order
     * ({@code "periodIndicators"}: the stock indicators and the flows summed over a period, which only
     * periods publish), so that a client offers the series API only what it answers, and the definitions
     * of the breakdowns a unit publishes under {@code "breakdowns"} ({@code "breakdowns"}: each the formula
     * of its indicator applied to the part of the unit's stock that has one key, e.g. one programme).
     */
    static Map<String, Object> catalog() {
        return catalog(ApiRoutes.DEFAULT_LANGUAGE);
    }

    /**
     * The catalog as {@link #catalog()}, its {@code lang} the language of each definition's
     * {@code localized} words; every definition also carries its {@code texts} in every language, and
     * keeps its English {@code name} and {@code definition} for the clients that read them.
     */
    static Map<String, Object> catalog(final String lang) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("catalogVersion", IndicatorCatalog.VERSION);
        json.put("lang", lang);
        json.put("languages", IndicatorTexts.LANGUAGES);
        json.put("indicators", IndicatorCatalog.all().stream().map(d -> definition(d, lang)).toList());
        json.put("periodIndicators", IndicatorCatalog.periods().stream().map(d -> definition(d, lang)).toList());
        json.put("breakdowns", IndicatorCatalog.breakdowns().stream().map(d -> definition(d, lang)).toList());
        return json;
    }

    static Map<String, Object> definition(final IndicatorDefinition definition, final String lang) {
        final Map<String, Object> json = definition(definition);
        final Map<String, Object> texts = new LinkedHashMap<>();
        for (final String language : IndicatorTexts.LANGUAGES) {
            texts.put(language, text(IndicatorTexts.of(definition, language)));
        }
        json.put("texts", texts);
        json.put("localized", texts.get(lang));
        return json;
    }

    private static Map<String, Object> text(final IndicatorTexts.Text text) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", text.name());
        json.put("definition", text.definition());
        json.put("correspondence", text.correspondence());
        return json;
    }

    static Map<String, Object> definition(final IndicatorDefinition definition) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", definition.id());
        json.put("name", definition.name());
        json.put("definition", definition.definition());
        json.put("unit", definition.unit());
        json.put("ratio", definition.isRatio());
        json.put("factor", definition.factor());
        json.put("numerator", definition.numerator().name());
        json.put("numeratorDescription", definition.numerator().description());
        json.put("denominator", definition.isRatio() ? definition.denominator().name() : null);
        json.put("denominatorDescription", definition.isRatio() ? definition.denominator().description() : null);
        json.put("correspondence", definition.correspondence().orElse(null));
        json.put("periods", IndicatorCatalog.periodById(definition.id()).isPresent());
        return json;
    }
}
