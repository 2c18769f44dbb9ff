package org.edupulse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edupulse.schemas.UnitLevel;

/**
 * The rows every report format shows: one per unit and indicator, recomputed beside published,
 * sorted by unit id then indicator id, so that JSON, CSV and HTML list the same things in the same order.
 */
final class ReportRows {

    /**
     * @param unitId      unit
     * @param unitName    its name
     * @param level       SCHOOL, COMMUNE, DISTRICT or PROVINCE
     * @param indicatorId indicator
     * @param recomputed  recomputed figure or null
     * @param published   published figure or null
     * @param difference  what differs, or null when they agree
     */
    record Row(String unitId, String unitName, UnitLevel level, String indicatorId, Figure recomputed, Figure published,
               String difference) {
    }

    private ReportRows() {
    }

    static List<Row> of(final ReplayResult result) {
        final Map<String, UnitFigures> recomputed = byUnit(result.recomputed());
        final Map<String, UnitFigures> published = byUnit(result.published());
        final Map<String, String> differences = new TreeMap<>();
        result.differences().forEach(d -> differences.put(d.unitId() + "\u0000" + d.indicatorId(), d.reason()));
        final TreeSet<String> units = new TreeSet<>(recomputed.keySet());
        units.addAll(published.keySet());
        final List<Row> rows = new ArrayList<>();
        for (final String unit : units) {
            final UnitFigures mine = recomputed.get(unit);
            final UnitFigures theirs = published.get(unit);
            final UnitFigures any = mine != null ? mine : theirs;
            final TreeSet<String> indicators = new TreeSet<>(mine == null ? Map.<String, Figure>of().keySet()
                    : mine.figures().keySet());
            if (theirs != null) {
                indicators.addAll(theirs.figures().keySet());
            }
            for (final String indicator : indicators) {
                rows.add(new Row(unit, any.unitName(), any.level(), indicator,
                        mine == null ? null : mine.figures().get(indicator),
                        theirs == null ? null : theirs.figures().get(indicator),
                        differences.get(unit + "\u0000" + indicator)));
            }
        }
        return rows;
    }

    private static Map<String, UnitFigures> byUnit(final List<UnitFigures> units) {
        final Map<String, UnitFigures> map = new TreeMap<>();
        units.forEach(u -> map.put(u.unitId(), u));
        return map;
    }
}
