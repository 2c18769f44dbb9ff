package org.edupulse.audit;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.UnitLevel;

/**
 * Every indicator of one unit (a school, a commune, a district or a province), as recomputed or as
 * published: the comparable part of an IndicatorSet, sorted by indicator id so reports are deterministic.
 *
 * @param unitId         school, commune, district or province id
 * @param unitName       its name
 * @param level          SCHOOL, COMMUNE, DISTRICT or PROVINCE
 * @param catalogVersion catalog version the values were computed with
 * @param figures        figures by indicator id
 */
public record UnitFigures(String unitId, String unitName, UnitLevel level, String catalogVersion,
                          Map<String, Figure> figures) {

    public UnitFigures {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(level, "level");
        figures = Collections.unmodifiableMap(new TreeMap<>(figures));
    }

    static UnitFigures of(final IndicatorSet set) {
        final Map<String, Figure> figures = new TreeMap<>();
        set.getIndicators().forEach((id, value) -> figures.put(id, Figure.of(value)));
        return new UnitFigures(set.getUnitId(), set.getUnitName(), set.getLevel(), set.getCatalogVersion(), figures);
    }
}
