package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComparisonTest {

    @Test
    void shouldAgreeWhenEveryFigureIsEqual() {
        // Given the same figures on both sides
        final UnitFigures unit = ReportTestData.district("DB-MA", "Mường Ảng",
                Map.of("staff.active", new Figure(12, null, 12.0)));

        // When they are compared
        final ReplayResult result = ReportTestData.result(List.of(unit), List.of(unit));

        // Then there is no difference and the exit code is 0
        assertThat(result.agrees()).isTrue();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void shouldReportEveryDifferingPartAndEveryMissingSide() {
        // Given a changed numerator and value, a changed denominator, and units and indicators missing on either side
        final ReplayResult result = ReportTestData.result(List.of(
                ReportTestData.district("DB-MA", "MA", Map.of(
                        "staff.active", new Figure(12, null, 12.0),
                        "staff.it_certified.share", new Figure(1, 4.0, 25.0),
                        "devices.tablets.in_service", new Figure(3, null, 3.0))),
                ReportTestData.district("DB-TC", "TC", Map.of("staff.active", new Figure(7, null, 7.0)))), List.of(
                ReportTestData.district("DB-MA", "MA", Map.of(
                        "staff.active", new Figure(13, null, 13.0),
                        "staff.it_certified.share", new Figure(1, 5.0, 25.0),
                        "schools.total", new Figure(2, null, 2.0))),
                ReportTestData.district("DB-DB", "DB", Map.of("staff.active", new Figure(1, null, 1.0)))));

        // When they are compared
        // Then each is a difference, sorted by unit then indicator, and the exit code is 3
        assertThat(result.differences()).extracting(d -> d.unitId() + " " + d.indicatorId() + ": " + d.reason())
                .containsExactly(
                        "DB-DB staff.active: not recomputed",
                        "DB-MA devices.tablets.in_service: not published",
                        "DB-MA schools.total: not recomputed",
                        "DB-MA staff.active: numerator, value",
                        "DB-MA staff.it_certified.share: denominator",
                        "DB-TC staff.active: not published");
        assertThat(result.exitCode()).isEqualTo(3);
    }

    @Test
    void shouldTellACountFromARatioWithAZeroDenominator() {
        // Given a plain count on one side and a ratio whose denominator is 0 on the other
        final ReplayResult result = ReportTestData.result(
                List.of(ReportTestData.district("DB-MA", "MA", Map.of("x", new Figure(0, null, 0.0)))),
                List.of(ReportTestData.district("DB-MA", "MA", Map.of("x", new Figure(0, 0.0, 0.0)))));

        // When they are compared
        // Then the denominator differs
        assertThat(result.differences()).extracting(Difference::reason).containsExactly("denominator");
    }
}
