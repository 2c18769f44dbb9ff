package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
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
        assertThat(parse("/api/v1/indicators")).isEqualTo(new ApiRoute.Catalog());
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

    private static ApiRoute parse(final String pathAndQuery) {
        return ApiRoutes.parse("GET", URI.create(pathAndQuery));
    }

    private static int status(final ApiRoute route) {
        assertThat(route).isInstanceOf(ApiRoute.Refused.class);
        return ((ApiRoute.Refused) route).reply().status();
    }
}
