package org.edupulse.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;

/**
 * What the live pipeline had published as of an instant: per unit, the last IndicatorSet in the
 * never-compacted history topic appended at or before it. The topic stamps broker append time and
 * keys by unit id (one unit, one partition), so that is the last record of the key before the
 * offset offsets-for-times gives.
 */
final class PublishedValues {

    private final Map<String, IndicatorSet> byUnit;
    private final List<PartitionOffsets> offsets;

    private PublishedValues(final Map<String, IndicatorSet> byUnit, final List<PartitionOffsets> offsets) {
        this.byUnit = byUnit;
        this.offsets = offsets;
    }

    /** @param registryConfigs the serde configuration of the live registry: URL and client settings */
    static PublishedValues asOf(final RawLog log, final Map<String, ?> registryConfigs, final Instant asOf) {
        final Deserializer<IndicatorSet> sets = SpecificAvroSerde.of(IndicatorSet.class, registryConfigs, false)
                .deserializer();
        final List<TopicPartition> partitions = log.partitions(List.of(Topics.INDICATOR_HISTORY.name()));
        final Map<TopicPartition, Long> from = log.beginnings(partitions);
        final Map<TopicPartition, Long> to = log.endsAt(partitions, asOf);
        // Only each unit's last value matters: keep its bytes while reading, decode the last ones only.
        final Map<String, byte[]> last = new TreeMap<>();
        final Map<TopicPartition, Long> counts = log.read(from, to,
                record -> last.put(new String(record.key(), StandardCharsets.UTF_8), record.value()));
        final Map<String, IndicatorSet> byUnit = new TreeMap<>();
        last.forEach((unit, bytes) -> byUnit.put(unit, sets.deserialize(Topics.INDICATOR_HISTORY.name(), bytes)));
        return new PublishedValues(byUnit, Replayer.offsets(partitions, from, to, counts));
    }

    Map<String, IndicatorSet> byUnit() {
        return byUnit;
    }

    List<PartitionOffsets> offsets() {
        return offsets;
    }
}
