package org.edupulse.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.LogFold;
import org.edupulse.topics.Topic;

/**
 * Reads the raw and reference topics once for one instant and axis, and folds them with the rules
 * core ({@link LogFold}), windows ending on the instant's day: no broker, no Streams runtime, nothing
 * written anywhere. Shared by the replay and the lineage so both see the same input.
 */
final class SourceReplay {

    private final RawLog log;
    /** The serde configuration of the live registry: URL and client settings. */
    private final Map<String, ?> registryConfigs;
    private final IndicatorsConfig config;

    SourceReplay(final RawLog log, final Map<String, ?> registryConfigs, final IndicatorsConfig config) {
        this.log = log;
        this.registryConfigs = registryConfigs;
        this.config = config;
    }

    /** What was read, how many records were folded, and what the fold found. */
    record Fed(List<PartitionOffsets> offsets, long events, LogFold.Result result) {
    }

    /**
     * @param lineage whether the fold keeps where each event was read and each finding that counts (what
     *                lineage explains a figure with); a replay compares figures only and skips them
     */
    Fed feed(final Instant asOf, final Axis axis, final boolean lineage, final ReplayProgress progress) {
        final List<String> topics = RawLog.REPLAYED.stream().map(Topic::name).toList();
        final List<TopicPartition> partitions = log.partitions(topics);
        final Map<TopicPartition, Long> from = log.beginnings(partitions);
        final Map<TopicPartition, Long> to = axis == Axis.KNOWN_AT ? log.endsAt(partitions, asOf) : log.ends(partitions);
        long total = 0;
        for (final TopicPartition tp : partitions) {
            total += Math.max(0, to.get(tp) - from.get(tp));
        }
        final Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < topics.size(); i++) {
            ranks.put(topics.get(i), i);
        }
        // Only the event-time axis orders by a field of the event; the known-at one reads the log as it is.
        final SourceDecoder decoder = axis == Axis.EVENT_TIME ? new SourceDecoder(registryConfigs) : null;
        final List<RawRecord> records = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE - 8));
        final long readTotal = total;
        progress.update(ReplayProgress.Stage.READ, 0, readTotal);
        final Map<TopicPartition, Long> counts = log.read(from, to, (ConsumerRecord<byte[], byte[]> r) -> {
            records.add(new RawRecord(r.topic(), ranks.get(r.topic()), r.partition(), r.offset(), r.timestamp(),
                    r.key(), r.value(), decoder == null ? null : decoder.decode(r.topic(), r.value())));
            if (records.size() % 10_000 == 0) {
                progress.update(ReplayProgress.Stage.READ, records.size(), readTotal);
            }
        });
        progress.update(ReplayProgress.Stage.READ, records.size(), readTotal);
        final List<RawRecord> selected = axis == Axis.KNOWN_AT ? records : happenedBy(records, asOf);
        ReplayOrder.sort(selected, axis);

        final ReplayClock clock = new ReplayClock(config.maxFutureSkew().toMillis());
        final List<LogFold.Input> inputs = new ArrayList<>(selected.size());
        for (final RawRecord record : selected) {
            // Known-at, each record keeps its append time, which is what the live task read it at.
            inputs.add(new LogFold.Input(record.topic(), record.partition(), record.offset(),
                    axis == Axis.KNOWN_AT ? record.timestamp() : clock.timestampFor(record),
                    LogFold.Input.key(record.key()), record.value()));
        }
        progress.update(ReplayProgress.Stage.REPLAY, 0, inputs.size());
        final LogFold.Result result = new LogFold(config.withClock(Clock.fixed(asOf, ZoneOffset.UTC)), registryConfigs,
                lineage).fold(inputs);
        progress.update(ReplayProgress.Stage.REPLAY, inputs.size(), inputs.size());
        return new Fed(Replayer.offsets(partitions, from, to, counts), selected.size(), result);
    }

    /** Event-time axis: every school version, and every event that occurred by the instant. */
    static List<RawRecord> happenedBy(final List<RawRecord> records, final Instant asOf) {
        final long limit = asOf.toEpochMilli();
        final List<RawRecord> kept = new ArrayList<>(records.size());
        for (final RawRecord record : records) {
            if (record.isSchool() || record.eventTimeOr(record.timestamp()) <= limit) {
                kept.add(record);
            }
        }
        return kept;
    }
}
