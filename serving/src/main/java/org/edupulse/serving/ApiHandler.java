package org.edupulse.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * Answers {@code /api/v1/}: routes the request, then asks the stores, the catalog, the history, or
 * the hierarchy and periods held in memory.
 */
final class ApiHandler implements HttpHandler {

    private final IndicatorQueries queries;
    private final IndicatorHistory history;
    private final UnitQueries units;
    private final UnitTableQuery tables;

    ApiHandler(final IndicatorQueries queries, final IndicatorHistory history, final UnitQueries units) {
        this.queries = queries;
        this.history = history;
        this.units = units;
        this.tables = new UnitTableQuery(queries, units);
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        final ApiRoute route = ApiRoutes.parse(exchange.getRequestMethod(), exchange.getRequestURI(),
                exchange.getRequestHeaders().getFirst("Accept"), exchange.getRequestHeaders().getFirst("Accept-Language"));
        final boolean forwarded = Exchanges.forwarded(exchange);
        Exchanges.send(exchange, answer(route, forwarded, exchange.getRequestURI().getRawPath()));
    }

    private Reply answer(final ApiRoute route, final boolean forwarded, final String path) {
        if (route instanceof ApiRoute.Refused refused) {
            return refused.reply();
        }
        if (route instanceof ApiRoute.AllUnits all) {
            return queries.all(all.kind(), forwarded);
        }
        if (route instanceof ApiRoute.Unit unit) {
            return queries.unit(unit.kind(), unit.unitId(), forwarded, path);
        }
        if (route instanceof ApiRoute.AnyUnit unit) {
            return queries.anyUnit(unit.unitId(), unit.level(), forwarded);
        }
        if (route instanceof ApiRoute.UnitList list) {
            return units.list(list);
        }
        if (route instanceof ApiRoute.UnitPeriod period) {
            return units.period(period);
        }
        if (route instanceof ApiRoute.UnitTable table) {
            return tables.answer(table, forwarded);
        }
        if (route instanceof ApiRoute.Series series) {
            return units.series(series);
        }
        if (route instanceof ApiRoute.Catalog catalog) {
            return Reply.json(200, IndicatorJson.catalog(catalog.lang())).withHeader("Cache-Control", "max-age=60")
                    .withHeader("Content-Language", catalog.lang()).withHeader("Vary", "Accept-Language");
        }
        if (route instanceof ApiRoute.History h) {
            final Optional<Map<String, Object>> series = history.query(h.unitId(), h.indicator(), h.from(), h.to());
            return series.map(json -> Reply.json(200, json))
                    .orElseGet(() -> Reply.error(404, "no history for " + h.kind().label() + " " + h.unitId()));
        }
        throw new IllegalStateException("unhandled route " + route);
    }
}
