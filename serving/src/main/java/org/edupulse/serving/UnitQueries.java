package org.edupulse.serving;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.streams.ProvinceCalendar;
import org.edupulse.tail.TailHealth;

/**
 * The answers read from the topics every instance holds whole in memory: the hierarchy of units as
 * of a date (from the school versions) and a unit's series of one indicator (from the published
 * periods). Nothing is forwarded. Until its reader has caught up once, each answers 503 with
 * {@code Retry-After}: a half-read topic would give a partial answer that looks like a real one.
 */
final class UnitQueries {

    static final String CSV_TYPE = "text/csv; charset=utf-8";

    private final SchoolVersions versions;
    private final Supplier<TailHealth> versionsHealth;
    private final PeriodSeries periods;
    private final Supplier<TailHealth> periodsHealth;
    private final Clock clock;

    UnitQueries(final SchoolVersions versions, final Supplier<TailHealth> versionsHealth, final PeriodSeries periods,
                final Supplier<TailHealth> periodsHealth, final Clock clock) {
        this.versions = versions;
        this.versionsHealth = versionsHealth;
        this.periods = periods;
        this.periodsHealth = periodsHealth;
        this.clock = clock;
    }

    /** {@code GET /api/v1/units}: the units as of the date asked (today in the province by default), by id. */
    Reply list(final ApiRoute.UnitList route) {
        final Reply notReady = notCaughtUp(versionsHealth.get(), "the school reference data");
        if (notReady != null) {
            return notReady;
        }
        final LocalDate asOf = route.asOf() != null ? route.asOf() : LocalDate.now(clock.withZone(ProvinceCalendar.ZONE));
        final UnitHierarchy hierarchy = UnitHierarchy.of(asOf, versions.inForce(asOf));
        if (route.parent() != null && hierarchy.unit(route.parent()).isEmpty()) {
            return Reply.error(404, "no unit with id " + route.parent() + " on " + asOf
                    + " (parent names a province, district or commune)");
        }
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("asOf", asOf.toString());
        json.put("level", route.level() == null ? null : route.level().name());
        json.put("parent", route.parent());
        json.put("units", hierarchy.list(route.level(), route.parent()).stream().map(UnitHierarchy.Unit::json).toList());
        return Reply.json(200, json);
    }

    /** {@code GET /api/v1/units/{id}/series}: JSON or CSV. */
    Reply series(final ApiRoute.Series route) {
        final Reply notReady = notCaughtUp(periodsHealth.get(), "the published periods");
        if (notReady != null) {
            return notReady;
        }
        final String grain = route.grain().name();
        final Optional<PeriodSeries.Periods> unit = periods.periods(route.unitId(), route.grain());
        if (unit.isEmpty()) {
            return Reply.error(404, "no " + grain + " periods published for unit " + route.unitId());
        }
        final Optional<List<PeriodIndicators>> points = PeriodSeries.points(unit.get(), route.indicator(),
                route.from(), route.to());
        if (points.isEmpty()) {
            return Reply.error(404, "unit " + route.unitId() + " has no series of indicator '" + route.indicator()
                    + "' per " + grain + " (see /api/v1/indicators)");
        }
        if (route.format() == ApiRoute.Format.XLSX) {
            return new Reply(200, TableFiles.XLSX_TYPE, TableFiles.xlsx(List.of(UnitTables.series(route.indicator(),
                    points.get(), route.lang()))), Map.of("Content-Disposition", "attachment; filename=\""
                    + route.unitId() + "-" + route.indicator() + "-" + grain.toLowerCase(Locale.ROOT) + ".xlsx\""));
        }
        if (route.csv()) {
            return new Reply(200, CSV_TYPE, PeriodSeries.csv(route.indicator(), points.get())
                    .getBytes(StandardCharsets.UTF_8), Map.of("Content-Disposition", "inline; filename=\""
                    + route.unitId() + "-" + route.indicator() + "-" + grain.toLowerCase(Locale.ROOT)
                    + ".csv\""));
        }
        return Reply.json(200, PeriodSeries.json(unit.get(), route.indicator(), points.get()));
    }

    /** {@code GET /api/v1/units/{id}/periods/{period}}: the period's every indicator, as the series have them. */
    Reply period(final ApiRoute.UnitPeriod route) {
        final Reply notReady = notCaughtUp(periodsHealth.get(), "the published periods");
        if (notReady != null) {
            return notReady;
        }
        final Optional<PeriodIndicators> found = find(route.unitId(), route.grain(), route.period());
        if (found.isEmpty()) {
            return Reply.error(404, "no period " + route.period() + " published for unit " + route.unitId());
        }
        final Optional<PeriodIndicators> compared = route.compare() == null ? Optional.empty()
                : find(route.unitId(), route.grain(), route.compare());
        if (route.compare() != null && compared.isEmpty()) {
            return Reply.error(404, "no period " + route.compare() + " published for unit " + route.unitId());
        }
        final String name = route.unitId() + "-" + route.period() + (route.compare() == null ? "" : "-" + route.compare());
        if (route.format() != ApiRoute.Format.JSON) {
            final Table table = UnitTables.periods(found.get(), compared.orElse(null), route.lang());
            return route.format() == ApiRoute.Format.CSV
                    ? new Reply(200, CSV_TYPE, TableFiles.csv(table).getBytes(StandardCharsets.UTF_8),
                            Map.of("Content-Disposition", "attachment; filename=\"" + name + ".csv\""))
                    : new Reply(200, TableFiles.XLSX_TYPE, TableFiles.xlsx(List.of(table)),
                            Map.of("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\""));
        }
        final Map<String, Object> json = periodJson(found.get());
        compared.ifPresent(other -> json.put("compare", periodJson(other)));
        return Reply.json(200, json);
    }

    private Optional<PeriodIndicators> find(final String unitId, final org.edupulse.schemas.PeriodGrain grain,
                                            final String label) {
        return periods.periods(unitId, grain)
                .flatMap(unit -> unit.periods().stream().filter(p -> label.equals(p.getPeriod())).findFirst());
    }

    private static Map<String, Object> periodJson(final PeriodIndicators period) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("unitId", period.getUnitId());
        json.put("unitName", period.getUnitName());
        json.put("level", period.getLevel().name());
        json.put("grain", period.getGrain().name());
        json.put("period", period.getPeriod());
        json.put("start", period.getStart().toString());
        json.put("end", period.getEnd().toString());
        json.put("complete", period.getComplete());
        json.put("catalogVersion", period.getCatalogVersion());
        final Map<String, Object> indicators = new java.util.TreeMap<>();
        period.getIndicators().forEach((id, value) -> indicators.put(id, IndicatorJson.value(value)));
        json.put("indicators", indicators);
        return json;
    }

    private static Reply notCaughtUp(final TailHealth health, final String what) {
        if (health.caughtUp()) {
            return null;
        }
        return Reply.unavailable(what + " (" + health.topic() + ") has not been read yet; retry shortly");
    }
}
