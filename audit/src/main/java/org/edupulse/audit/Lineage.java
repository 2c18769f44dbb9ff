package org.edupulse.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.edupulse.streams.IndicatorsConfig;

/**
 * Answers "which events make up this number?": replays the log as of an instant exactly as
 * {@link Replayer} does, then lists the source events behind the numerator and the denominator of
 * one indicator of one unit, with totals that add up to the value and the published figure beside
 * them.
 */
public final class Lineage {

    private final String bootstrapServers;
    private final String schemaRegistryUrl;
    private final IndicatorsConfig config;
    private final Map<String, ?> clientSettings;

    public Lineage(final String bootstrapServers, final String schemaRegistryUrl) {
        this(bootstrapServers, schemaRegistryUrl, IndicatorsConfig.defaults());
    }

    /** With the topology settings of the live application, when it does not run the defaults. */
    public Lineage(final String bootstrapServers, final String schemaRegistryUrl, final IndicatorsConfig config) {
        this(bootstrapServers, schemaRegistryUrl, config, Map.of());
    }

    private Lineage(final String bootstrapServers, final String schemaRegistryUrl, final IndicatorsConfig config,
                     final Map<String, ?> clientSettings) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.schemaRegistryUrl = Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        this.config = Objects.requireNonNull(config, "config");
        this.clientSettings = Map.copyOf(clientSettings);
    }

    /** A copy whose Kafka consumer also gets {@code settings} (security: {@code security.protocol}, {@code sasl.*}, {@code ssl.*}). */
    public Lineage withClientSettings(final Map<String, ?> settings) {
        return new Lineage(bootstrapServers, schemaRegistryUrl, config, settings);
    }

    /**
     * Lineage on the known-at axis: what the pipeline knew at {@code asOf}.
     *
     * @throws IllegalArgumentException when {@code indicatorId} is not in the catalog
     */
    public LineageResult trace(final String unitId, final String indicatorId, final Instant asOf) {
        try (LineageSnapshot snapshot = snapshot(asOf, Axis.KNOWN_AT, ReplayProgress.NONE)) {
            return snapshot.trace(unitId, indicatorId);
        }
    }

    /** One replay as of {@code asOf} on {@code axis}, to trace many indicators and units; close it when done. */
    public LineageSnapshot snapshot(final Instant asOf, final Axis axis, final ReplayProgress progress) {
        return new LineageSnapshot(bootstrapServers, clientSettings, schemaRegistryUrl, config, Objects.requireNonNull(asOf, "asOf"),
                Objects.requireNonNull(axis, "axis"), progress);
    }
}
