package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.schemas.UnitLevel;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A unit's series of one indicator from the published periods: order, bounds, tombstones, JSON and CSV. */
class PeriodSeriesTest {

    private static final String SHARE = "staff.it_certified.share";

    private final PeriodSeries series = new PeriodSeries();

    @BeforeEach
    void givenFourMonthsOfMuongAngPublishedOutOfOrder() {
        put(month("2025-11", 630, 840.0, 75.0, false));
        put(month("2025-08", 600, 840.0, 600 * 100 / 840.0, true));
        put(month("2025-10", 620, 840.0, 620 * 100 / 840.0, true));
        put(month("2025-09", 0, 0.0, null, true));
        put(record("DB-MA", PeriodGrain.YEAR, "2025", "2025-01-01", "2025-12-31", 630, 840.0, 75.0, false));
    }

    @Test
    void shouldSortByPeriodStartAndFilterByTheBoundsInclusive() {
        // When
        final PeriodSeries.Periods months = series.periods("DB-MA", PeriodGrain.MONTH).orElseThrow();
        final List<PeriodIndicators> all = PeriodSeries.points(months, SHARE, null, null).orElseThrow();
        final List<PeriodIndicators> some = PeriodSeries.points(months, SHARE, LocalDate.of(2025, 9, 1),
                LocalDate.of(2025, 10, 31)).orElseThrow();
        final List<PeriodIndicators> fromMidMonth = PeriodSeries.points(months, SHARE, LocalDate.of(2025, 9, 15),
                null).orElseThrow();

        // Then
        assertThat(all).extracting(PeriodIndicators::getPeriod).containsExactly("2025-08", "2025-09", "2025-10",
                "2025-11");
        assertThat(some).extracting(PeriodIndicators::getPeriod).containsExactly("2025-09", "2025-10");
        assertThat(fromMidMonth).extracting(PeriodIndicators::getPeriod).containsExactly("2025-10", "2025-11");
        assertThat(series.periods("DB-MA", PeriodGrain.YEAR).orElseThrow().periods()).hasSize(1);
    }

    @Test
    void shouldReplaceAPeriodByItsLatestRecordAndRemoveItOnATombstone() {
        // When: a late event revises October, then August is deleted
        put(month("2025-10", 621, 840.0, 621 * 100 / 840.0, true));
        series.apply(Topics.periodKey("DB-MA", PeriodGrain.MONTH, "2025-08"), null);
        final List<PeriodIndicators> points = PeriodSeries.points(
                series.periods("DB-MA", PeriodGrain.MONTH).orElseThrow(), SHARE, null, null).orElseThrow();

        // Then
        assertThat(points).extracting(PeriodIndicators::getPeriod).containsExactly("2025-09", "2025-10", "2025-11");
        assertThat(points.get(1).getIndicators().get(SHARE).getNumerator()).isEqualTo(621.0);
    }

    @Test
    void shouldHaveNoSeriesForAnUnknownUnitGrainOrIndicator() {
        // When / Then
        assertThat(series.periods("DB-XX", PeriodGrain.MONTH)).isEmpty();
        assertThat(series.periods("DB-MA", PeriodGrain.QUARTER)).isEmpty();
        assertThat(PeriodSeries.points(series.periods("DB-MA", PeriodGrain.MONTH).orElseThrow(), "no.such", null,
                null)).isEmpty();
    }

    @Test
    void shouldWriteJsonPointsWithTheUnitAndAnUndefinedValueAsNullWithItsReason() {
        // When
        final PeriodSeries.Periods months = series.periods("DB-MA", PeriodGrain.MONTH).orElseThrow();
        final Map<String, Object> json = PeriodSeries.json(months, SHARE,
                PeriodSeries.points(months, SHARE, null, null).orElseThrow());

        // Then
        assertThat(json).containsEntry("unitId", "DB-MA").containsEntry("unitName", "Mường Ảng")
                .containsEntry("level", "DISTRICT").containsEntry("indicator", SHARE).containsEntry("grain", "MONTH");
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>> points = (List<Map<String, Object>>) json.get("points");
        assertThat(points).hasSize(4);
        assertThat(points.get(3)).containsEntry("period", "2025-11").containsEntry("start", "2025-11-01")
                .containsEntry("end", "2025-11-30").containsEntry("complete", false).containsEntry("value", 75.0)
                .containsEntry("numerator", 630.0).containsEntry("denominator", 840.0);
        assertThat(points.get(1)).containsEntry("value", null).containsEntry("undefinedReason", "no active staff");
    }

    @Test
    void shouldWriteCsvWithPlainNumbersEmptyUndefinedCellsAndNeutralisedText() {
        // Given: a period label that a spreadsheet would run, and a negative figure
        final PeriodIndicators odd = record("DB-MA", PeriodGrain.MONTH, "=HYPERLINK(\"http://x\",\"a,b\")",
                "2025-12-01", "2025-12-31", -2, null, -2.0, false);

        // When
        final String csv = PeriodSeries.csv(SHARE, List.of(
                month("2025-09", 0, 0.0, null, true), month("2025-11", 630, 840.0, 75.0, false),
                month("2025-10", 620, 840.0, 620 * 100 / 840.0, true), odd));

        // Then
        assertThat(csv.split("\n", -1)).containsExactly(
                "period,start,end,complete,numerator,denominator,value",
                "2025-09,2025-09-01,2025-09-30,true,0,0,",
                "2025-11,2025-11-01,2025-11-30,false,630,840,75",
                "2025-10,2025-10-01,2025-10-31,true,620,840,73.80952380952381",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"a,b\"\")\",2025-12-01,2025-12-31,false,-2,,-2",
                "");
    }

    private void put(final PeriodIndicators periods) {
        series.apply(Topics.periodKey(periods.getUnitId(), periods.getGrain(), periods.getPeriod()), periods);
    }

    private static PeriodIndicators month(final String month, final double numerator, final Double denominator,
                                          final Double value, final boolean complete) {
        final LocalDate start = LocalDate.parse(month + "-01");
        return record("DB-MA", PeriodGrain.MONTH, month, start.toString(),
                start.plusMonths(1).minusDays(1).toString(), numerator, denominator, value, complete);
    }

    static PeriodIndicators record(final String unitId, final PeriodGrain grain, final String period,
                                   final String start, final String end, final double numerator,
                                   final Double denominator, final Double value, final boolean complete) {
        final IndicatorValue indicator = IndicatorValue.newBuilder().setNumerator(numerator)
                .setDenominator(denominator).setValue(value)
                .setUndefinedReason(value == null ? "no active staff" : null).build();
        return PeriodIndicators.newBuilder()
                .setUnitId(unitId)
                .setUnitName("Mường Ảng")
                .setLevel(UnitLevel.DISTRICT)
                .setParentId("DB")
                .setGrain(grain)
                .setPeriod(period)
                .setStart(LocalDate.parse(start))
                .setEnd(LocalDate.parse(end))
                .setComplete(complete)
                .setCatalogVersion("1.1.0")
                .setIndicators(Map.of(SHARE, indicator))
                .build();
    }
}
