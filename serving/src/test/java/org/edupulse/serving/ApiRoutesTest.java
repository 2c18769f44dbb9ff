package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.serving.ApiRoute.Format;
import org.edupulse.serving.ApiRoute.UnitKind;
import org.junit.jupiter.api.Test;

class ApiRoutesTest {

    @Test
    void shouldRouteListsUnitsAndTheCatalog() {
        // When / Then
        assertThat(parse("/api/v1/districts")).isEqualTo(new ApiRoute.AllUnits(UnitKind.DISTRICT));
        assertThat(parse("/api/v1/districts/")).isEqualTo(new ApiRoute.AllUnits(UnitKind.DISTRICT));
        assertThat(parse("/api/v1/provinces")).isEqualTo(new ApiRoute.AllUnits(UnitKind.PROVINCE));
        assertThat(parse("/api/v1/districts/DB-MA")).isEqualTo(new ApiRoute.Unit(UnitKind.DISTRICT, "DB-MA"));
        assertThat(parse("/api/v1/provinces/DB")).isEqualTo(new ApiRoute.Unit(UnitKind.PROVINCE, "DB"));
        assertThat(parse("/api/v1/indicators")).isEqualTo(new ApiRoute.Catalog("vi"));
    }

    @Test
    void shouldAnswerTheCatalogInTheLanguageOfLangThenAcceptLanguageThenVietnamese() {
        // When / Then ?lang= wins over the header
        assertThat(ApiRoutes.parse("GET", URI.create("/api/v1/indicators?lang=en"), null, "vi-VN,vi;q=0.9"))
                .isEqualTo(new ApiRoute.Catalog("en"));
        assertThat(ApiRoutes.parse("GET", URI.create("/api/v1/indicators"), null, "en-GB,en;q=0.9,vi;q=0.5"))
                .isEqualTo(new ApiRoute.Catalog("en"));
        assertThat(ApiRoutes.parse("GET", URI.create("/api/v1/indicators"), null, "fr-FR,vi;q=0.3"))
                .isEqualTo(new ApiRoute.Catalog("vi"));
        // and a header naming neither language, or none, gives Vietnamese
        assertThat(ApiRoutes.parse("GET", URI.create("/api/v1/indicators"), null, "fr-FR"))
                .isEqualTo(new ApiRoute.Catalog("vi"));
        // and an unknown ?lang= is refused, naming the parameter
        final ApiRoute refused = ApiRoutes.parse("GET", URI.create("/api/v1/indicators?lang=fr"), null, null);
        assertThat(refused).isInstanceOf(ApiRoute.Refused.class);
        assertThat(((ApiRoute.Refused) refused).reply().status()).isEqualTo(400);
        assertThat(new String(((ApiRoute.Refused) refused).reply().body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("lang must be one of [vi, en]");
    }

    @Test
    void shouldRouteHistoryWithInstantsAndProvinceCalendarDates() {
        // When
        final ApiRoute route = parse("/api/v1/districts/DB-MA/history?indicator=training.sessions.30d"
                + "&from=2025-06-01&to=2025-06-30T12:00:00Z");

        // Then: a bare date starts at midnight in the province (UTC+7)
        assertThat(route).isEqualTo(new ApiRoute.History(UnitKind.DISTRICT, "DB-MA", "training.sessions.30d",
                Instant.parse("2025-05-31T17:00:00Z"), Instant.parse("2025-06-30T12:00:00Z")));
    }

    @Test
    void shouldEndADateUpperBoundAtTheLastMillisecondOfThatProvinceDay() {
        // When
        final ApiRoute route = parse("/api/v1/provinces/DB/history?indicator=staff.active&to=2025-06-30");

        // Then
        assertThat(((ApiRoute.History) route).to()).isEqualTo(Instant.parse("2025-06-30T16:59:59.999Z"));
        assertThat(((ApiRoute.History) route).from()).isNull();
    }

    @Test
    void shouldRefuseWhatTheApiDoesNotServe() {
        // When / Then
        assertThat(status(parse("/api/v1/schools"))).isEqualTo(404);
        assertThat(status(parse("/api/v1/districts/DB-MA/schools"))).isEqualTo(404);
        assertThat(status(parse("/api/v1/districts/DB-MA/history/x"))).isEqualTo(404);
        assertThat(status(parse("/api/v1/districts/a%20b"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/districts/DB-MA/history"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/districts/DB-MA/history?indicator=no.such"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/districts/DB-MA/history?indicator=staff.active&from=soon"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/districts/DB-MA/history?indicator=staff.active&from=2025-02-01&to=2025-01-01")))
                .isEqualTo(400);
    }

    @Test
    void shouldAllowOnlyGetAndHead() {
        // When
        final ApiRoute post = ApiRoutes.parse("POST", URI.create("/api/v1/districts"));
        final ApiRoute head = ApiRoutes.parse("HEAD", URI.create("/api/v1/districts"));

        // Then
        assertThat(status(post)).isEqualTo(405);
        assertThat(((ApiRoute.Refused) post).reply().headers()).containsEntry("Allow", "GET, HEAD");
        assertThat(head).isEqualTo(new ApiRoute.AllUnits(UnitKind.DISTRICT));
    }

    @Test
    void shouldRouteAUnitOfAnyLevelAndOfOneLevel() {
        // When / Then
        assertThat(parse("/api/v1/units/DB-MA-S001")).isEqualTo(new ApiRoute.AnyUnit("DB-MA-S001", null));
        assertThat(parse("/api/v1/units/DB-MA/")).isEqualTo(new ApiRoute.AnyUnit("DB-MA", null));
        assertThat(parse("/api/v1/units/DB-MA?level=district")).isEqualTo(
                new ApiRoute.AnyUnit("DB-MA", UnitKind.DISTRICT));
        assertThat(status(parse("/api/v1/units/a%20b"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/units/DB-MA?level=HAMLET"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/units/DB-MA/history"))).isEqualTo(404);
        assertThat(status(parse("/api/v1/units/DB-MA/series/x"))).isEqualTo(404);
    }

    @Test
    void shouldRouteTheHierarchyWithLevelParentAndDate() {
        // When / Then
        assertThat(parse("/api/v1/units")).isEqualTo(new ApiRoute.UnitList(null, null, null));
        assertThat(parse("/api/v1/units?level=COMMUNE&parent=DB-MA&asOf=2025-06-30")).isEqualTo(
                new ApiRoute.UnitList(UnitKind.COMMUNE, "DB-MA", LocalDate.of(2025, 6, 30)));
        assertThat(parse("/api/v1/units?level=school")).isEqualTo(new ApiRoute.UnitList(UnitKind.SCHOOL, null, null));
    }

    @Test
    void shouldRefuseABadLevelOrDateNamingTheParameter() {
        // When
        final ApiRoute level = parse("/api/v1/units?level=HAMLET");
        final ApiRoute asOf = parse("/api/v1/units?asOf=2025-13-01");
        final ApiRoute parent = parse("/api/v1/units?parent=a%20b");

        // Then
        assertThat(status(level)).isEqualTo(400);
        assertThat(message(level)).contains("level").contains("HAMLET");
        assertThat(status(asOf)).isEqualTo(400);
        assertThat(message(asOf)).contains("asOf").contains("YYYY-MM-DD").contains("2025-13-01");
        assertThat(status(parent)).isEqualTo(400);
        assertThat(message(parent)).contains("parent");
    }

    @Test
    void shouldRouteASeriesWithPeriodLabelsOfItsGrainAsBounds() {
        // When / Then: a label is its first day as a lower bound, its last day as an upper bound
        assertThat(parse("/api/v1/units/DB-MA/series?indicator=staff.it_certified.share&grain=month"
                + "&from=2025-01&to=2025-11")).isEqualTo(new ApiRoute.Series("DB-MA", "staff.it_certified.share",
                PeriodGrain.MONTH, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 11, 30), Format.JSON, "vi"));
        assertThat(parse("/api/v1/units/DB/series?indicator=training.sessions&grain=quarter&from=2024-Q4&to=2025-Q1"))
                .isEqualTo(new ApiRoute.Series("DB", "training.sessions", PeriodGrain.QUARTER,
                        LocalDate.of(2024, 10, 1), LocalDate.of(2025, 3, 31), Format.JSON, "vi"));
        assertThat(parse("/api/v1/units/DB/series?indicator=training.sessions&grain=year&from=2022&to=2024"))
                .isEqualTo(new ApiRoute.Series("DB", "training.sessions", PeriodGrain.YEAR,
                        LocalDate.of(2022, 1, 1), LocalDate.of(2024, 12, 31), Format.JSON, "vi"));
        assertThat(parse("/api/v1/units/DB/series?indicator=training.sessions&grain=school-year&to=2024-2025"))
                .isEqualTo(new ApiRoute.Series("DB", "training.sessions", PeriodGrain.SCHOOL_YEAR,
                        null, LocalDate.of(2025, 8, 31), Format.JSON, "vi"));
        assertThat(parse("/api/v1/units/DB/series?indicator=staff.active&grain=month&from=2025-03-15&to=2025-04-01"))
                .isEqualTo(new ApiRoute.Series("DB", "staff.active", PeriodGrain.MONTH,
                        LocalDate.of(2025, 3, 15), LocalDate.of(2025, 4, 1), Format.JSON, "vi"));
        assertThat(parse("/api/v1/units/DB/series?indicator=staff.active")).isEqualTo(
                new ApiRoute.Series("DB", "staff.active", PeriodGrain.MONTH, null, null, Format.JSON, "vi"));
    }

    @Test
    void shouldAnswerASeriesInCsvOnAcceptOrFormat() {
        // When / Then
        final URI uri = URI.create("/api/v1/units/DB/series?indicator=staff.active&grain=year");
        assertThat(((ApiRoute.Series) ApiRoutes.parse("GET", uri, "text/csv")).csv()).isTrue();
        assertThat(((ApiRoute.Series) ApiRoutes.parse("GET", uri, "application/json")).csv()).isFalse();
        assertThat(((ApiRoute.Series) ApiRoutes.parse("GET", uri, null)).csv()).isFalse();
        assertThat(((ApiRoute.Series) parse(uri + "&format=csv")).csv()).isTrue();
        assertThat(((ApiRoute.Series) ApiRoutes.parse("GET", URI.create(uri + "&format=json"), "text/csv")).csv())
                .isFalse();
        assertThat(status(parse(uri + "&format=pdf"))).isEqualTo(400);
    }

    @Test
    void shouldRouteAPeriodOfAUnitByItsLabelWhoseShapeNamesTheGrain() {
        // When / Then
        assertThat(parse("/api/v1/units/DB-MA/periods/2024-2025"))
                .isEqualTo(new ApiRoute.UnitPeriod("DB-MA", PeriodGrain.SCHOOL_YEAR, "2024-2025", null, Format.JSON, "vi"));
        assertThat(parse("/api/v1/units/DB-MA/periods/2025-Q3?compare=2024-Q3&format=xlsx&lang=en"))
                .isEqualTo(new ApiRoute.UnitPeriod("DB-MA", PeriodGrain.QUARTER, "2025-Q3", "2024-Q3", Format.XLSX, "en"));
        assertThat(ApiRoutes.parse("GET", URI.create("/api/v1/units/DB/periods/2025-11"), "text/csv"))
                .isEqualTo(new ApiRoute.UnitPeriod("DB", PeriodGrain.MONTH, "2025-11", null, Format.CSV, "vi"));
        assertThat(parse("/api/v1/units/DB/periods/2025?compare=")).isEqualTo(new ApiRoute.UnitPeriod("DB",
                PeriodGrain.YEAR, "2025", null, Format.JSON, "vi"));
        assertThat(status(parse("/api/v1/units/DB/periods/2025-W40"))).isEqualTo(400);
        assertThat(message(parse("/api/v1/units/DB/periods/last"))).contains("a school year (2024-2025)");
        // and a period is compared only with one of its grain
        assertThat(message(parse("/api/v1/units/DB/periods/2024-2025?compare=2024"))).contains("compare is a period of "
                + "the same grain");
    }

    @Test
    void shouldAnswerASeriesOrAUnitsTablesAsAWorkbookOnAcceptOrFormatHeadedInTheLanguageAsked() {
        // When / Then
        final URI series = URI.create("/api/v1/units/DB/series?indicator=staff.active&grain=year");
        assertThat(((ApiRoute.Series) parse(series + "&format=xlsx")).format()).isEqualTo(Format.XLSX);
        assertThat(((ApiRoute.Series) ApiRoutes.parse("GET", series, TableFiles.XLSX_TYPE)).format())
                .isEqualTo(Format.XLSX);
        assertThat(((ApiRoute.Series) parse(series + "&format=xlsx&lang=en")).lang()).isEqualTo("en");
        assertThat(parse("/api/v1/units/DB-MA/table?format=xlsx"))
                .isEqualTo(new ApiRoute.UnitTable("DB-MA", Format.XLSX, "vi"));
        assertThat(ApiRoutes.parse("GET", URI.create("/api/v1/units/DB-MA/table?lang=en"), "text/csv"))
                .isEqualTo(new ApiRoute.UnitTable("DB-MA", Format.CSV, "en"));
        assertThat(parse("/api/v1/units/DB-MA/table")).isEqualTo(new ApiRoute.UnitTable("DB-MA", Format.JSON, "vi"));
        assertThat(status(parse("/api/v1/units/DB-MA/table?format=ods"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/units/DB-MA/table?lang=fr"))).isEqualTo(400);
        assertThat(status(parse("/api/v1/units/DB-MA/tables"))).isEqualTo(404);
    }

    @Test
    void shouldRefuseABadSeriesRequestNamingTheParameter() {
        // When
        final ApiRoute noIndicator = parse("/api/v1/units/DB/series?grain=month");
        final ApiRoute rolling = parse("/api/v1/units/DB/series?indicator=training.sessions.30d&grain=month");
        final ApiRoute grain = parse("/api/v1/units/DB/series?indicator=staff.active&grain=week");
        final ApiRoute from = parse("/api/v1/units/DB/series?indicator=staff.active&grain=month&from=2025-Q1");
        final ApiRoute to = parse("/api/v1/units/DB/series?indicator=staff.active&grain=school-year&to=2024-2026");
        final ApiRoute reversed = parse("/api/v1/units/DB/series?indicator=staff.active&grain=year&from=2025&to=2024");

        // Then
        assertThat(message(noIndicator)).contains("indicator");
        assertThat(status(rolling)).isEqualTo(400);
        assertThat(message(rolling)).contains("training.sessions.30d").contains("no series by period");
        assertThat(status(grain)).isEqualTo(400);
        assertThat(message(grain)).contains("grain").contains("week");
        assertThat(status(from)).isEqualTo(400);
        assertThat(message(from)).startsWith("from").contains("2025-11").contains("2025-Q1");
        assertThat(status(to)).isEqualTo(400);
        assertThat(message(to)).startsWith("to").contains("2024-2025");
        assertThat(message(reversed)).contains("from must not be after to");
    }

    private static String message(final ApiRoute route) {
        assertThat(route).isInstanceOf(ApiRoute.Refused.class);
        try {
            return new ObjectMapper().readTree(((ApiRoute.Refused) route).reply().body()).get("message").asText();
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiRoute parse(final String pathAndQuery) {
        return ApiRoutes.parse("GET", URI.create(pathAndQuery));
    }

    private static int status(final ApiRoute route) {
        assertThat(route).isInstanceOf(ApiRoute.Refused.class);
        return ((ApiRoute.Refused) route).reply().status();
    }
}
