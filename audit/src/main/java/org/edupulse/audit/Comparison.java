package org.edupulse.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares recomputed with published figures unit by unit and indicator by indicator. Exact
 * comparison on purpose: both sides come from the same formulas over the same integer counters, so
 * any difference at all is a finding; a unit or an indicator missing on one side is a difference too.
 */
final class Comparison {

    private Comparison() {
    }

    static List<Difference> differences(final Map<String, UnitFigures> recomputed,
                                        final Map<String, UnitFigures> published) {
        final List<Difference> differences = new ArrayList<>();
        final TreeSet<String> units = new TreeSet<>(recomputed.keySet());
        units.addAll(published.keySet());
        for (final String unit : units) {
            final Map<String, Figure> mine = figures(recomputed.get(unit));
            final Map<String, Figure> theirs = figures(published.get(unit));
            final TreeSet<String> indicators = new TreeSet<>(mine.keySet());
            indicators.addAll(theirs.keySet());
            for (final String indicator : indicators) {
                final Figure left = mine.get(indicator);
                final Figure right = theirs.get(indicator);
                if (left == null) {
                    differences.add(new Difference(unit, indicator, null, right, "not recomputed"));
                } else if (right == null) {
                    differences.add(new Difference(unit, indicator, left, null, "not published"));
                } else {
                    final String parts = left.differencesTo(right);
                    if (!parts.isEmpty()) {
                        differences.add(new Difference(unit, indicator, left, right, parts));
                    }
                }
            }
        }
        return differences;
    }

    private static Map<String, Figure> figures(final UnitFigures unit) {
        return unit == null ? Map.of() : unit.figures();
    }
}
