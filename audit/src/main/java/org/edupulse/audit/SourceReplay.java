package org.edupulse.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.LogFold;
import org.edupulse.topics.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the raw and reference topics once for one instant and axis, and folds them with the rules
 * core ({@link LogFold}), windows ending on the instant's day: no broker, no Streams runtime, nothing
 * written anywhere. Shared by the replay and the lineage so both see the same input.
 */
final class SourceReplay {

    private static final Logger LOG = LoggerFactory.getLogger(SourceReplay.class);
    /**
     * The heap a fold keeps per record read, rounded up: 414–440 MB for the 1,000,000 records of the bench's
     * corpus in a replay, most of it the stock events kept until custody (BENCHMARKS.md, "Session 22"). A
     * lineage keeps more (where each event was read): for it this is a floor.
     */
    static final long HEAP_BYTES_PER_RECORD = 480;
    private static final long GIB = 1L << 30;

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
        heapWarning(total, Runtime.getRuntime().maxMemory()).ifPresent(LOG::warn);
        final LogFold fold = new LogFold(config.withClock(Clock.fixed(asOf, ZoneOffset.UTC)), registryConfigs, lineage);
        progress.update(ReplayProgress.Stage.READ, 0, total);
        return axis == Axis.KNOWN_AT ? foldWhileReading(fold, partitions, from, to, total, progress)
                : foldByEventTime(fold, asOf, partitions, from, to, total, progress);
    }

    /**
     * What to tell an auditor before reading {@code records} into a JVM whose heap may grow to {@code maxHeap}
     * bytes, when the fold's state will likely not fit in three quarters of it (a 1,000,000-record replay ran out
     * of memory in a 700 MiB heap that also held the bench's broker): hours of reading would end in an
     * OutOfMemoryError.
     */
    static Optional<String> heapWarning(final long records, final long maxHeap) {
        final long needed = records * HEAP_BYTES_PER_RECORD;
        // A quarter of the heap left for the rest: the consumer's fetches, the results, the collector's room.
        if (needed <= maxHeap / 4 * 3) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "This replay reads %,d records and keeps about %,d bytes of"
                + " each on the heap until the fold ends, about %s, more than three quarters of the %s this JVM may"
                + " use: it will likely run out of memory. Give it more with EDUPULSE_JAVA_OPTS=-Xmx%dg.",
                records, HEAP_BYTES_PER_RECORD, size(needed), size(maxHeap), (needed / 3 * 4 + GIB - 1) / GIB));
    }

    private static String size(final long bytes) {
        return bytes < GIB ? String.format(Locale.ROOT, "%,d MiB", bytes >> 20)
                : String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }

    /**
     * Known-at: the log as it is, each record at its append time (what the live task read it at), folded
     * while it is read: the records go to the fold's tasks as they come (LogFold.Feed).
     */
    private Fed foldWhileReading(final LogFold fold, final List<TopicPartition> partitions,
                                 final Map<TopicPartition, Long> from, final Map<TopicPartition, Long> to,
                                 final long total, final ReplayProgress progress) {
        final List<TopicPartition> toRead = partitions.stream().filter(tp -> from.get(tp) < to.get(tp)).toList();
        final long[] read = new long[1];
        try (LogFold.Feed feed = fold.feed(toRead)) {
            final Map<TopicPartition, Long> counts = log.read(from, to, (ConsumerRecord<byte[], byte[]> r) -> {
                feed.add(new LogFold.Input(r.topic(), r.partition(), r.offset(), r.timestamp(),
                        LogFold.Input.key(r.key()), r.value()));
                if (++read[0] % 10_000 == 0) {
                    progress.update(ReplayProgress.Stage.READ, read[0], total);
                }
            }, tp -> feed.end(tp.topic(), tp.partition()));
            progress.update(ReplayProgress.Stage.READ, read[0], total);
            progress.update(ReplayProgress.Stage.REPLAY, 0, read[0]);
            final LogFold.Result result = feed.finish();
            progress.update(ReplayProgress.Stage.REPLAY, read[0], read[0]);
            return new Fed(Replayer.offsets(partitions, from, to, counts), read[0], result);
        }
    }

    /**
     * Event-time: every school version first, then events by occurredAt ({@link ReplayOrder}), each stamped
     * by the {@link ReplayClock}; the whole log is read before the fold can start.
     */
    private Fed foldByEventTime(final LogFold fold, final Instant asOf, final List<TopicPartition> partitions,
                                final Map<TopicPartition, Long> from, final Map<TopicPartition, Long> to,
                                final long total, final ReplayProgress progress) {
        final Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < RawLog.REPLAYED.size(); i++) {
            ranks.put(RawLog.REPLAYED.get(i).name(), i);
        }
        final SourceDecoder decoder = new SourceDecoder(registryConfigs);
        final List<RawRecord> records = new ArrayList<>((int) Math.min(total, Integer.MAX_VALUE - 8));
        final Map<TopicPartition, Long> counts = log.read(from, to, (ConsumerRecord<byte[], byte[]> r) -> {
            records.add(new RawRecord(r.topic(), ranks.get(r.topic()), r.partition(), r.offset(), r.timestamp(),
                    r.key(), r.value(), decoder.decode(r.topic(), r.value())));
            if (records.size() % 10_000 == 0) {
                progress.update(ReplayProgress.Stage.READ, records.size(), total);
            }
        });
        progress.update(ReplayProgress.Stage.READ, records.size(), total);
        final List<RawRecord> selected = happenedBy(records, asOf);
        ReplayOrder.sort(selected, Axis.EVENT_TIME);

        final ReplayClock clock = new ReplayClock(config.maxFutureSkew().toMillis());
        final List<LogFold.Input> inputs = new ArrayList<>(selected.size());
        for (final RawRecord record : selected) {
            inputs.add(new LogFold.Input(record.topic(), record.partition(), record.offset(), clock.timestampFor(record),
                    LogFold.Input.key(record.key()), record.value()));
        }
        progress.update(ReplayProgress.Stage.REPLAY, 0, inputs.size());
        final LogFold.Result result = fold.fold(inputs);
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
