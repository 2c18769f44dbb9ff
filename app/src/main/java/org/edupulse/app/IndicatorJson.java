package org.edupulse.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;

/** The JSON shape of a published {@link IndicatorSet}: the same fields, indicators sorted by id. */
final class IndicatorJson {

    private IndicatorJson() {
    }

    static Map<String, Object> of(final IndicatorSet set) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("unitId", set.getUnitId());
        json.put("unitName", set.getUnitName());
        json.put("level", set.getLevel().name());
        json.put("asOf", set.getAsOf().toString());
        json.put("catalogVersion", set.getCatalogVersion());
        final Map<String, Object> indicators = new TreeMap<>();
        for (final Map.Entry<String, IndicatorValue> entry : set.getIndicators().entrySet()) {
            final Map<String, Object> value = new LinkedHashMap<>();
            value.put("numerator", entry.getValue().getNumerator());
            value.put("denominator", entry.getValue().getDenominator());
            value.put("value", entry.getValue().getValue());
            indicators.put(entry.getKey(), value);
        }
        json.put("indicators", indicators);
        return json;
    }
}
