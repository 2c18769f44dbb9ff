package org.edupulse.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.streams.IndicatorsConfig;

/**
 * Recomputes every indicator as of an instant from the retained raw topics: the rules core's fold
 * of the log ({@link org.edupulse.streams.LogFold}, the same rules and sums the live topology
 * applies), with rolling windows that end on the instant's day of the province's calendar. It reads
 * the log once with assigned partitions and no group, writes nothing to Kafka or the registry, and
 * leaves the live application alone. It then compares the result with what the live pipeline had
 * published by that instant.
 */
public final class Replayer {

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final IndicatorsConfig config;
    private final Map<String, ?> clientSettings;

    public Replayer(final String bootstrapServers, final String schemaRegistryUrl) {
        this(bootstrapServers, schemaRegistryUrl, IndicatorsConfig.defaults());
    }

    /** With the topology settings of the live application, when it does not run the defaults. */
    public Replayer(final String bootstrapServers, final String schemaRegistryUrl, final IndicatorsConfig config) {
        this(bootstrapServers, schemaRegistryUrl, config, Map.of());
    }

    private Replayer(final String bootstrapServers, final String schemaRegistryUrl, final IndicatorsConfig config,
                     final Map<String, ?> clientSettings) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        this.config = Objects.requireNonNull(config, "config");
        this.clientSettings = Map.copyOf(clientSettings);
    }

    /**
     * A copy whose Kafka consumer also gets {@code settings} (security: {@code security.protocol}, {@code sasl.*},
     * {@code ssl.*}), and whose registry client gets the registry's credentials among them ({@code basic.auth.*}).
     */
    public Replayer withClientSettings(final Map<String, ?> settings) {
        return new Replayer(bootstrapServers, schemaRegistryUrl, config, settings);
    }

    public ReplayResult replay(final ReplayRequest request, final ReplayProgress progress) {
        final Map<String, Object> realRegistry = SerdeConfig.forRegistry(schemaRegistryUrl, clientSettings);
        try (RawLog log = new RawLog(bootstrapServers, clientSettings)) {
            final SourceReplay.Fed fed = new SourceReplay(log, realRegistry, config).feed(request.asOf(), request.axis(),
                    false, progress);
            final Map<String, UnitFigures> recomputed = figures(fed.result().indicatorSets(), request);
            final PublishedValues published = PublishedValues.asOf(log, realRegistry, request.asOf());
            final Map<String, UnitFigures> publishedFigures = figures(published.byUnit(), request);
            return new ReplayResult(request.asOf(), request.axis(), config.catalogVersion(), request.unitIds(),
                    fed.offsets(), published.offsets(), fed.events(), new ArrayList<>(recomputed.values()),
                    new ArrayList<>(publishedFigures.values()), Comparison.differences(recomputed, publishedFigures));
        }
    }

    public ReplayResult replay(final ReplayRequest request) {
        return replay(request, ReplayProgress.NONE);
    }

    private static Map<String, UnitFigures> figures(final Map<String, IndicatorSet> sets, final ReplayRequest request) {
        final Map<String, UnitFigures> figures = new TreeMap<>();
        sets.forEach((unit, set) -> {
            if (request.reports(unit)) {
                figures.put(unit, UnitFigures.of(set));
            }
        });
        return figures;
    }

    /** The slices read, sorted by topic then partition. */
    static List<PartitionOffsets> offsets(final List<TopicPartition> partitions, final Map<TopicPartition, Long> from,
                                          final Map<TopicPartition, Long> to, final Map<TopicPartition, Long> counts) {
        return partitions.stream()
                .map(tp -> new PartitionOffsets(tp.topic(), tp.partition(), from.get(tp), Math.max(from.get(tp), to.get(tp)),
                        counts.getOrDefault(tp, 0L)))
                .sorted(Comparator.comparing(PartitionOffsets::topic).thenComparingInt(PartitionOffsets::partition))
                .toList();
    }
}
