package org.edupulse.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.edupulse.audit.Contribution;
import org.edupulse.audit.Figure;
import org.edupulse.audit.LineageResult;

/** The JSON shape of a lineage answer, shared by {@code edupulse lineage --json} and the HTTP API. */
final class LineageJson {

    private LineageJson() {
    }

    static Map<String, Object> of(final LineageResult result) {
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("unitId", result.unitId());
        json.put("indicatorId", result.indicatorId());
        json.put("asOf", result.asOf().toString());
        json.put("axis", result.axis().cliName());
        json.put("catalogVersion", result.catalogVersion());
        json.put("numerator", result.numerator());
        json.put("denominator", result.denominator());
        json.put("value", result.value());
        json.put("published", figure(result.published()));
        json.put("matchesPublished", result.matchesPublished());
        json.put("numeratorEvents", contributions(result.numeratorEvents()));
        json.put("denominatorEvents", contributions(result.denominatorEvents()));
        return json;
    }

    private static Map<String, Object> figure(final Figure figure) {
        if (figure == null) {
            return null;
        }
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("numerator", figure.numerator());
        json.put("denominator", figure.denominator());
        json.put("value", figure.value());
        return json;
    }

    private static List<Map<String, Object>> contributions(final List<Contribution> contributions) {
        return contributions.stream().map(c -> {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("topic", c.topic());
            json.put("partition", c.partition());
            json.put("offset", c.offset());
            json.put("eventId", c.eventId());
            json.put("schoolId", c.schoolId());
            json.put("entityId", c.entityId());
            json.put("contributed", c.contributed());
            json.put("amount", c.amount());
            return json;
        }).toList();
    }
}
