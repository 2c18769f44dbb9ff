package org.edupulse.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.streams.IndicatorCatalog;
import org.edupulse.streams.IndicatorDefinition;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.LogFold;

/**
 * One replay of the log as of an instant, kept open to trace any number of indicators and units
 * without replaying again (the query API can cache one per instant).
 */
public final class LineageSnapshot implements AutoCloseable {

    private final Instant asOf;
    private final Axis axis;
    private final IndicatorsConfig config;
    private final LineageCollector collector;
    private final Map<String, IndicatorSet> published;

    LineageSnapshot(final String bootstrapServers, final Map<String, ?> clientSettings, final String schemaRegistryUrl,
                    final IndicatorsConfig config,
                    final Instant asOf, final Axis axis, final ReplayProgress progress) {
        this.asOf = asOf;
        this.axis = axis;
        this.config = config;
        final Map<String, Object> realRegistry = SerdeConfig.forRegistry(schemaRegistryUrl, clientSettings);
        final LogFold.Result result;
        try (RawLog log = new RawLog(bootstrapServers, clientSettings)) {
            result = new SourceReplay(log, realRegistry, config).feed(asOf, axis, true, progress).result();
            this.published = PublishedValues.asOf(log, realRegistry, asOf).byUnit();
        }
        this.collector = new LineageCollector(result, asOf, config.grace());
    }

    /**
     * The events behind {@code indicatorId} of {@code unitId}.
     *
     * @throws IllegalArgumentException when the indicator is not in the catalog (the message names it and
     *                                  lists the known ids)
     */
    public LineageResult trace(final String unitId, final String indicatorId) {
        final IndicatorDefinition definition = IndicatorCatalog.byId(indicatorId).orElseThrow(() ->
                new IllegalArgumentException("unknown indicator '" + indicatorId + "'; known indicators: "
                        + IndicatorCatalog.all().stream().map(IndicatorDefinition::id).collect(Collectors.joining(", "))));
        final List<Contribution> numerator = collector.contributions(unitId, definition.numerator());
        final List<Contribution> denominator = definition.isRatio()
                ? collector.contributions(unitId, definition.denominator()) : List.of();
        final double numeratorTotal = sum(numerator);
        final Double denominatorTotal = definition.isRatio() ? sum(denominator) : null;
        final IndicatorSet set = published.get(unitId);
        final IndicatorValue value = set == null ? null : set.getIndicators().get(indicatorId);
        return new LineageResult(unitId, indicatorId, asOf, axis, config.catalogVersion(), numeratorTotal,
                denominatorTotal, definition.valueOf(numeratorTotal, denominatorTotal == null ? 0 : denominatorTotal),
                value == null ? null : Figure.of(value), numerator, denominator);
    }

    private static double sum(final List<Contribution> contributions) {
        long total = 0;
        for (final Contribution contribution : contributions) {
            total += contribution.amount();
        }
        return total;
    }

    /** Nothing to free beyond memory; kept so that callers hold a snapshot in try-with-resources. */
    @Override
    public void close() {
        // The fold's state is plain memory: nothing to close.
    }
}
