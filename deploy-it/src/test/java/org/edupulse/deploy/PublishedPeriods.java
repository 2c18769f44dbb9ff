package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.UnitFigures;
import org.edupulse.topics.Topics;

/**
 * Reads the published calendar periods (read_committed, last value per key, as the compacted topic
 * keeps them) and checks each district's and the province's months against the figures folded
 * independently from the events: the sessions of all months add up to every session held, and the
 * stocks at the end of the last month are the stocks now.
 */
final class PublishedPeriods extends LatestByKey<PeriodIndicators> {

    PublishedPeriods(final String bootstrapServers, final String schemaRegistryUrl, final String group) {
        super(bootstrapServers, schemaRegistryUrl, group, PeriodIndicators.class, List.of(Topics.INDICATOR_PERIODS.name()));
    }

    static void assertMatches(final Map<String, PeriodIndicators> published, final ExpectedFigures expected) {
        final Map<String, UnitFigures> units = new LinkedHashMap<>(expected.districts());
        units.put(expected.province().unitId(), expected.province());
        final SoftAssertions softly = new SoftAssertions();
        units.forEach((unitId, figures) -> {
            final List<PeriodIndicators> months = published.values().stream()
                    .filter(p -> p.getUnitId().equals(unitId) && p.getGrain() == PeriodGrain.MONTH)
                    .sorted(Comparator.comparing(PeriodIndicators::getPeriod))
                    .toList();
            assertThat(months).as(unitId + " months").isNotEmpty();
            final long sessions = months.stream()
                    .mapToLong(p -> Math.round(p.getIndicators().get("training.sessions").getNumerator())).sum();
            softly.assertThat(sessions).as(unitId + " sessions summed over the months").isEqualTo(figures.trainingSessions());
            final PeriodIndicators last = months.get(months.size() - 1);
            figures.byIndicator().forEach((indicator, value) -> softly.assertThat(
                            Math.round(last.getIndicators().get(indicator).getNumerator()))
                    .as(unitId + " " + indicator + " at the end of " + last.getPeriod()).isEqualTo(value));
        });
        softly.assertAll();
    }
}
