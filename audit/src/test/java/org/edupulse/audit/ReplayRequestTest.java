package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edupulse.schemas.UnitLevel;
import org.junit.jupiter.api.Test;

class ReplayRequestTest {

    private static final Instant AS_OF = Instant.parse("2025-11-30T17:00:00Z");

    @Test
    void shouldReportEveryUnitAtEveryLevelWhenNoneIsListed() {
        // Given a request that lists no unit
        final ReplayRequest request = ReplayRequest.of(AS_OF, Axis.KNOWN_AT);

        // When asked about units of every level
        // Then each is reported
        assertThat(List.of("DB-MA-SCH-001", "DB-MA-CMN-01", "DB-MA-X01", "DB-MA", "DB"))
                .allSatisfy(unit -> assertThat(request.reports(unit)).as(unit).isTrue());
    }

    @Test
    void shouldReportExactlyTheListedUnitsWhateverTheirLevel() {
        // Given a request for a school, a pre-reform commune and the province
        final ReplayRequest request = new ReplayRequest(AS_OF, Axis.KNOWN_AT, Set.of("DB-MA-SCH-001", "DB-MA-CMN-01", "DB"));

        // When asked about those and others
        // Then only the listed ones are reported, the province included
        assertThat(List.of("DB-MA-SCH-001", "DB-MA-CMN-01", "DB"))
                .allSatisfy(unit -> assertThat(request.reports(unit)).as(unit).isTrue());
        assertThat(List.of("DB-MA-SCH-002", "DB-MA-X01", "DB-MA"))
                .allSatisfy(unit -> assertThat(request.reports(unit)).as(unit).isFalse());
    }

    @Test
    void shouldNameTheListedUnitsThatNeitherSideHas() {
        // Given a result for a school and a merged commune, asked also for a mistyped id
        final UnitFigures school = ReportTestData.unit("DB-MA-SCH-001", "School", UnitLevel.SCHOOL,
                Map.of("staff.active", new Figure(3, null, 3.0)));
        final UnitFigures commune = ReportTestData.unit("DB-MA-X01", "Mường Ảng town", UnitLevel.COMMUNE,
                Map.of("staff.active", new Figure(5, null, 5.0)));
        final ReplayResult result = ReportTestData.result(Set.of("DB-MA-SCH-001", "DB-MA-X01", "DB-MA-X1"),
                List.of(school), List.of(commune));

        // When the units not found are asked for
        // Then only the mistyped id is named; every unit asked for is never "not found"
        assertThat(result.unitsNotFound()).containsExactly("DB-MA-X1");
        assertThat(ReportTestData.result(List.of(), List.of()).unitsNotFound()).isEmpty();
    }
}
