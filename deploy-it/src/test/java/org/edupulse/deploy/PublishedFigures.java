package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.UnitFigures;
import org.edupulse.topics.Topics;

/**
 * Reads the published district and province indicator sets (read_committed, last value per key)
 * and compares every count with the figures folded independently from the generated events.
 */
final class PublishedFigures extends LatestByKey<IndicatorSet> {

    PublishedFigures(final String bootstrapServers, final String schemaRegistryUrl, final String group) {
        super(bootstrapServers, schemaRegistryUrl, group, IndicatorSet.class,
                List.of(Topics.DISTRICT_INDICATORS.name(), Topics.PROVINCE_INDICATORS.name()));
    }

    /** Asserts that the province and every district publish exactly the expected stocks, and sessions within their bounds. */
    static void assertMatches(final Map<String, IndicatorSet> published, final ExpectedFigures expected) {
        final Map<String, UnitFigures> units = new LinkedHashMap<>(expected.districts());
        units.put(expected.province().unitId(), expected.province());
        final SoftAssertions softly = new SoftAssertions();
        units.forEach((unitId, figures) -> {
            assertThat(published).as("published units").containsKey(unitId);
            final Map<String, Long> actual = counts(published.get(unitId));
            figures.byIndicator().forEach((indicator, value) ->
                    softly.assertThat(actual.get(indicator)).as(unitId + " " + indicator).isEqualTo(value));
            // The sponsored devices by programme add up to the sponsored devices (none lost or doubled by a crash).
            final var programmes = published.get(unitId).getBreakdowns() == null ? null
                    : published.get(unitId).getBreakdowns().get("devices.sponsored.in_service.by_programme");
            softly.assertThat(programmes == null ? 0L : programmes.values().stream()
                            .mapToLong(v -> Math.round(v.getNumerator())).sum())
                    .as(unitId + " sponsored devices by programme").isEqualTo(figures.sponsoredDevicesInService());
            // Every session counts in its day, late or not, once per (school, session id).
            softly.assertThat(actual.get("training.sessions.total")).as(unitId + " sessions held")
                    .isEqualTo(figures.trainingSessions());
        });
        softly.assertAll();
    }

    /** The counts the pipeline publishes (numerators), keyed like {@link UnitFigures#byIndicator}. */
    static Map<String, Long> counts(final IndicatorSet set) {
        final Map<String, Long> counts = new HashMap<>();
        set.getIndicators().forEach((id, indicator) -> counts.put(id, Math.round(indicator.getNumerator())));
        return counts;
    }
}
