package org.edupulse.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edupulse.serving.ApiRoute.UnitKind;

/**
 * {@code GET /api/v1/units/{id}/table}: the tables of a unit's page, from the same answers the page
 * reads (the unit's set, the districts, the hierarchy's schools and each school's set), so a download
 * holds the figures on screen. Any answer but 200 or a school's 404 (a school with no figures yet,
 * whose row is empty) is passed on as it is: a 503 during a rebalance stays a 503.
 */
final class UnitTableQuery {

    private final IndicatorQueries queries;
    private final UnitQueries units;

    UnitTableQuery(final IndicatorQueries queries, final UnitQueries units) {
        this.queries = queries;
        this.units = units;
    }

    Reply answer(final ApiRoute.UnitTable route, final boolean forwarded) {
        try {
            final Reply unitReply = queries.anyUnit(route.unitId(), null, forwarded);
            if (unitReply.status() != 200) {
                return unitReply;
            }
            final JsonNode unit = Reply.mapper().readTree(unitReply.body());
            final List<JsonNode> children = new ArrayList<>();
            final String level = unit.path("level").asText();
            if ("PROVINCE".equals(level)) {
                final Reply districts = queries.all(UnitKind.DISTRICT, forwarded);
                if (districts.status() != 200) {
                    return districts;
                }
                Reply.mapper().readTree(districts.body()).forEach(children::add);
            } else if (!"SCHOOL".equals(level)) {
                final Reply list = units.list(new ApiRoute.UnitList(UnitKind.SCHOOL, route.unitId(), null));
                if (list.status() != 200) {
                    return list;
                }
                for (final JsonNode school : Reply.mapper().readTree(list.body()).path("units")) {
                    final Reply set = queries.anyUnit(school.path("id").asText(), UnitKind.SCHOOL, forwarded);
                    if (set.status() == 200) {
                        children.add(Reply.mapper().readTree(set.body()));
                    } else if (set.status() == 404) {
                        children.add(Reply.mapper().valueToTree(Map.of("unitId", school.path("id").asText(),
                                "unitName", school.path("name").asText(), "level", "SCHOOL")));
                    } else {
                        return set;
                    }
                }
            }
            return reply(route, UnitTables.of(unit, children, route.lang()));
        } catch (final IOException e) {
            return Reply.unavailable("an instance sent an unreadable answer; retry shortly");
        }
    }

    private static Reply reply(final ApiRoute.UnitTable route, final List<Table> tables) {
        return switch (route.format()) {
            case JSON -> Reply.json(200, UnitTables.json(tables));
            case CSV -> new Reply(200, UnitQueries.CSV_TYPE, TableFiles.csv(tables.get(0)).getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Disposition", "attachment; filename=\"" + route.unitId() + ".csv\""));
            case XLSX -> new Reply(200, TableFiles.XLSX_TYPE, TableFiles.xlsx(tables),
                    Map.of("Content-Disposition", "attachment; filename=\"" + route.unitId() + ".xlsx\""));
        };
    }
}
