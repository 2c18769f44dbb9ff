package org.edupulse.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.edupulse.streams.LogFold;
import org.edupulse.topics.Topic;

/**
 * Reads retained topics as they are on the brokers, without joining any group: partitions are
 * {@code assign()}ed, nothing is committed, so the live application's offsets are never touched.
 * Fetches are large because a replay reads whole logs; transactions are read committed, as the
 * exactly-once application reads them.
 */
final class RawLog implements AutoCloseable {

    /** The topics a replay feeds to the topology, in the fixed tie-break order: schools first. */
    static final List<Topic<String, ?>> REPLAYED = LogFold.INPUTS;

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<byte[], byte[]> consumer;

    RawLog(final String bootstrapServers, final Map<String, ?> clientSettings) {
        final Map<String, Object> props = new HashMap<>(clientSettings);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "edupulse-audit");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // Kafka's default per partition, so that each poll cycles through the partitions in small slices:
        // a replay folds each task's partitions merged by timestamp while it reads, so a task waits for
        // whichever of its partitions a fetch has not reached yet (8 MiB slices made it wait for most of the log).
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 1024 * 1024);
        this.consumer = new KafkaConsumer<>(props);
    }

    /** Every partition of {@code topics}, sorted by topic then partition. */
    List<TopicPartition> partitions(final Collection<String> topics) {
        final List<TopicPartition> partitions = new ArrayList<>();
        for (final String topic : topics) {
            final List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist or has no partitions");
            }
            infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .forEach(partitions::add);
        }
        return partitions;
    }

    /** The first offset of each partition still in the log. */
    Map<TopicPartition, Long> beginnings(final Collection<TopicPartition> partitions) {
        return consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
    }

    /** The end of each partition now: the last stable offset, since reads are committed-only. */
    Map<TopicPartition, Long> ends(final Collection<TopicPartition> partitions) {
        return consumer.endOffsets(partitions, METADATA_TIMEOUT);
    }

    /**
     * The end (exclusive) of what each partition held at {@code asOf}: the first offset appended
     * after it, or the current end when there is none. The topics stamp append time, so this is a
     * property of the log, not of any producer's clock.
     */
    Map<TopicPartition, Long> endsAt(final Collection<TopicPartition> partitions, final Instant asOf) {
        final Map<TopicPartition, Long> search = new HashMap<>();
        partitions.forEach(tp -> search.put(tp, searchTimestamp(asOf)));
        final Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(search, METADATA_TIMEOUT);
        final Map<TopicPartition, Long> now = ends(partitions);
        final Map<TopicPartition, Long> ends = new HashMap<>();
        for (final TopicPartition tp : partitions) {
            ends.put(tp, endOffset(found.get(tp), now.get(tp)));
        }
        return ends;
    }

    /** The timestamp to search for: the first millisecond after {@code asOf}. */
    static long searchTimestamp(final Instant asOf) {
        return asOf.toEpochMilli() + 1;
    }

    /** The first offset appended after the instant, or the log end when none was; never past the log end. */
    static long endOffset(final OffsetAndTimestamp firstAfter, final long logEnd) {
        return firstAfter == null ? logEnd : Math.min(firstAfter.offset(), logEnd);
    }

    /**
     * Reads every committed record in {@code [from, to)} of each partition and hands it to {@code sink};
     * returns the records read per partition.
     */
    Map<TopicPartition, Long> read(final Map<TopicPartition, Long> from, final Map<TopicPartition, Long> to,
                                   final Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        return read(from, to, sink, tp -> { });
    }

    /**
     * {@link #read(Map, Map, Consumer)}, telling {@code ended} of each partition with records to read once
     * its last one was handed to {@code sink}.
     */
    Map<TopicPartition, Long> read(final Map<TopicPartition, Long> from, final Map<TopicPartition, Long> to,
                                   final Consumer<ConsumerRecord<byte[], byte[]>> sink,
                                   final Consumer<TopicPartition> ended) {
        final Map<TopicPartition, Long> counts = new TreeMap<>((a, b) -> a.topic().equals(b.topic())
                ? Integer.compare(a.partition(), b.partition()) : a.topic().compareTo(b.topic()));
        to.keySet().forEach(tp -> counts.put(tp, 0L));
        final Set<TopicPartition> pending = to.keySet().stream()
                .filter(tp -> from.get(tp) < to.get(tp))
                .collect(Collectors.toSet());
        consumer.assign(pending);
        pending.forEach(tp -> consumer.seek(tp, from.get(tp)));
        while (!pending.isEmpty()) {
            final ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
            for (final TopicPartition tp : polled.partitions()) {
                if (!pending.contains(tp)) {
                    continue;
                }
                final long end = to.get(tp);
                long read = 0;
                for (final ConsumerRecord<byte[], byte[]> record : polled.records(tp)) {
                    if (record.offset() < end) {
                        read++;
                        sink.accept(record);
                    }
                }
                counts.merge(tp, read, Long::sum);
            }
            // Transaction markers take offsets too, so "done" is the position, not the last record seen.
            final List<TopicPartition> done = pending.stream().filter(tp -> consumer.position(tp) >= to.get(tp)).toList();
            if (!done.isEmpty()) {
                done.forEach(pending::remove);
                consumer.pause(done);
                done.forEach(ended);
            }
        }
        consumer.unsubscribe();
        return counts;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
