package org.edupulse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.edupulse.schemas.UnitLevel;

/** Small replay results for the report and comparison tests. */
final class ReportTestData {

    private ReportTestData() {
    }

    static UnitFigures district(final String id, final String name, final Map<String, Figure> figures) {
        return unit(id, name, UnitLevel.DISTRICT, figures);
    }

    static UnitFigures unit(final String id, final String name, final UnitLevel level, final Map<String, Figure> figures) {
        return new UnitFigures(id, name, level, "1.0.0", figures);
    }

    static ReplayResult result(final List<UnitFigures> recomputed, final List<UnitFigures> published) {
        return result(Set.of(), recomputed, published);
    }

    static ReplayResult result(final Set<String> unitIds, final List<UnitFigures> recomputed,
                               final List<UnitFigures> published) {
        final Map<String, UnitFigures> mine = new TreeMap<>();
        recomputed.forEach(u -> mine.put(u.unitId(), u));
        final Map<String, UnitFigures> theirs = new TreeMap<>();
        published.forEach(u -> theirs.put(u.unitId(), u));
        return new ReplayResult(Instant.parse("2025-06-30T17:00:00Z"), Axis.KNOWN_AT, "1.0.0", unitIds,
                List.of(new PartitionOffsets("edupulse.school.reference", 0, 0, 12, 12),
                        new PartitionOffsets("edupulse.staff.events", 0, 0, 40, 39)),
                List.of(new PartitionOffsets("edupulse.indicator.history", 0, 0, 9, 9)),
                51, recomputed, published, Comparison.differences(mine, theirs));
    }

    static ReplayResult sample() {
        final UnitFigures ma = district("DB-MA", "Mường Ảng, \"huyện\"", Map.of(
                "staff.active", new Figure(12, null, 12.0),
                "staff.it_certified.share", new Figure(1, 3.0, 100.0 / 3)));
        final UnitFigures tampered = district("DB-MA", "Mường Ảng, \"huyện\"", Map.of(
                "staff.active", new Figure(13, null, 13.0),
                "staff.it_certified.share", new Figure(1, 3.0, 100.0 / 3)));
        final UnitFigures tc = district("DB-TC", "Tuần Giáo <b>", Map.of("staff.active", new Figure(7, null, 7.0)));
        return result(List.of(tc, ma), List.of(tampered));
    }
}
