package org.edupulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.assertj.core.api.SoftAssertions;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.PeriodIndicators;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.simulate.ExpectedFigures;
import org.edupulse.simulate.UnitFigures;
import org.edupulse.topics.Topics;

/**
 * Reads the published calendar periods (read_committed, last value per key, as the compacted topic
 * keeps them) and checks each district's and the province's months against the figures folded
 * independently from the events: the sessions of all months add up to every session held, and the
 * stocks at the end of the last month are the stocks now.
 */
final class PublishedPeriods implements AutoCloseable {

    private final KafkaConsumer<String, PeriodIndicators> consumer;
    private final Map<String, PeriodIndicators> latest = new HashMap<>();

    PublishedPeriods(final String bootstrapServers, final String schemaRegistryUrl, final String group) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(),
                SpecificAvroSerde.of(PeriodIndicators.class,
                        Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl), false).deserializer());
        consumer.subscribe(List.of(Topics.INDICATOR_PERIODS.name()));
    }

    /** Polls once and returns the latest periods per key seen so far. */
    Map<String, PeriodIndicators> poll() {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
        return latest;
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
            PublishedFigures.expectedCounts(figures).forEach((indicator, value) -> softly.assertThat(
                            Math.round(last.getIndicators().get(indicator).getNumerator()))
                    .as(unitId + " " + indicator + " at the end of " + last.getPeriod()).isEqualTo(value));
        });
        softly.assertAll();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
