package org.edupulse.deploy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;

/** Reads published topics from the start, read_committed, and keeps the last value per key, as compaction does. */
class LatestByKey<V extends SpecificRecord> implements AutoCloseable {

    private final KafkaConsumer<String, V> consumer;
    private final List<String> topics;
    private final Map<String, V> latest = new HashMap<>();

    LatestByKey(final String bootstrapServers, final String schemaRegistryUrl, final String group, final Class<V> type,
                final List<String> topics) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                // Published topics grow to some 100,000 records: fetch them in large batches.
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024),
                new StringDeserializer(),
                SpecificAvroSerde.of(type, Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl), false)
                        .deserializer());
        this.topics = List.copyOf(topics);
        consumer.subscribe(topics);
    }

    /** Polls once and returns the latest value per key seen so far. */
    Map<String, V> poll() {
        pollOnce();
        return latest;
    }

    /**
     * Reads everything committed to the topics when called (up to their read_committed end offsets then)
     * and returns the latest value per key. However long that takes on a loaded machine, it fails only
     * when reading makes no progress for {@code stall}: slow is not taken for wrong.
     */
    Map<String, V> readToEnd(final Duration stall) {
        final List<TopicPartition> partitions = topics.stream()
                .flatMap(topic -> consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition())))
                .toList();
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long progress = System.nanoTime();
        Map<TopicPartition, Long> positions = positions(ends);
        while (!reached(positions, ends)) {
            pollOnce();
            // Progress is positions moved on: by the records read, or past aborted records and markers
            final Map<TopicPartition, Long> before = positions;
            positions = positions(ends);
            if (!positions.equals(before)) {
                progress = System.nanoTime();
            } else if (System.nanoTime() - progress > stall.toNanos()) {
                throw new AssertionError("no progress for " + stall + ": at " + positions + " of " + ends);
            }
        }
        return latest;
    }

    private void pollOnce() {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> latest.put(record.key(), record.value()));
    }

    private static boolean reached(final Map<TopicPartition, Long> positions, final Map<TopicPartition, Long> ends) {
        return positions.keySet().containsAll(ends.keySet())
                && ends.entrySet().stream().allMatch(end -> positions.get(end.getKey()) >= end.getValue());
    }

    /** The consumer's position in each of {@code ends}' partitions assigned to it so far. */
    private Map<TopicPartition, Long> positions(final Map<TopicPartition, Long> ends) {
        return ends.keySet().stream().filter(consumer.assignment()::contains)
                .collect(Collectors.toMap(partition -> partition, consumer::position));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
