package org.edupulse.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.edupulse.platform.CommitProgress;
import org.edupulse.platform.Directories;
import org.edupulse.platform.EmbeddedKafka;
import org.edupulse.platform.TopicProvisioner;
import org.edupulse.schemas.DeadLetter;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.IndicatorsStreamsSettings;
import org.edupulse.streams.IndicatorsTopology;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * The live topology, built by the live code, run by Kafka Streams itself over a scratch copy of the
 * retained log: a private single-node broker in this JVM, started for the run and deleted after it.
 * Each raw record is copied to the partition it was read from, in the order it is handed over, with
 * the timestamp it is handed over with; the scratch topics keep those timestamps (create time). So
 * every live task's input is the same partitions in the same order, and each task keeps its own
 * stream time, as live. The application reads from and writes to the scratch broker only, and its
 * schemas go to the replay's private registry: the real cluster and registry are only read.
 *
 * <p>When every source partition, raw and repartition, is consumed and committed, the run keeps
 * what an audit needs (the last IndicatorSet of every unit, the dead letters, and on request the contents of some stores) and shuts the scratch
 * platform down.
 */
final class TopologyRun implements AutoCloseable {

    /** The scratch application id: it only prefixes the scratch broker's internal topics and group. */
    static final String APPLICATION_ID = "audit.replay";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_CHECK = Duration.ofMillis(50);
    /** A run whose committed offsets do not move for this long has stalled: it fails with the reason. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private final IndicatorsConfig config;
    private final String registryUrl;
    private final Set<String> keptStores;
    private final Map<String, Map<Integer, List<RawRecord>>> piped = new HashMap<>();
    private final Map<String, IndicatorSet> latest = new TreeMap<>();
    private final List<DeadLetter> rejected = new ArrayList<>();
    private final Map<String, Map<String, Object>> stores = new HashMap<>();
    private final Map<String, Map<String, List<RawRecord>>> sources = new HashMap<>();
    private final AtomicReference<Throwable> sendFailure = new AtomicReference<>();

    private EmbeddedKafka broker;
    private KafkaProducer<byte[], byte[]> producer;
    private Path stateDir;
    private List<TopicPartition> rawPartitions;
    private int threads;
    private boolean complete;

    /**
     * @param keptStores names of the topology's key-value stores whose contents the run keeps after it
     *                   completes (see {@link #store(String)}); the others go with the scratch platform
     */
    TopologyRun(final IndicatorsConfig config, final String registryUrl, final Set<String> keptStores) {
        this.config = config;
        this.registryUrl = registryUrl;
        this.keptStores = Set.copyOf(keptStores);
    }

    /** Starts the scratch broker with the raw topics partitioned like {@code partitions}, the live log's. */
    void start(final List<TopicPartition> partitions) {
        this.rawPartitions = List.copyOf(partitions);
        this.broker = EmbeddedKafka.start(0, null, Map.of(
                // A replay's history is years old: nothing on the scratch broker may expire.
                "log.retention.ms", "-1",
                "log.message.timestamp.before.max.ms", Long.toString(Long.MAX_VALUE)));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            final Map<String, Integer> counts = new HashMap<>();
            partitions.forEach(tp -> counts.merge(tp.topic(), 1, Integer::sum));
            final List<NewTopic> topics = new ArrayList<>();
            for (final Topic<?, ?> topic : Topics.ALL) {
                final Map<String, String> topicConfig = new HashMap<>(topic.config());
                topicConfig.put(TopicConfig.RETENTION_MS_CONFIG, "-1");
                final boolean raw = counts.containsKey(topic.name());
                if (raw) {
                    // The live topics stamp append time; here the copy keeps the timestamps it is given.
                    topicConfig.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime");
                }
                topics.add(new NewTopic(topic.name(), raw ? counts.get(topic.name()) : topic.partitions(), (short) 1)
                        .configs(topicConfig));
            }
            admin.createTopics(topics).all().get();
            // Written at once by an idempotent producer: each leader must serve its partitions first (KAFKA-15591).
            TopicProvisioner.awaitServed(admin, topics.stream().map(NewTopic::name).toList());
            // One stream thread per core, up to one per task of the widest sub-topology.
            this.threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                    counts.values().stream().mapToInt(Integer::intValue).max().orElse(1)));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the replay's topics", e);
        } catch (final ExecutionException e) {
            throw new IllegalStateException("Could not create the replay's topics: " + e.getCause().getMessage(), e);
        }
        final Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "edupulse-replay-copy");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        // Idempotent, so a retried batch is written once and the copy's offsets stay the log's order.
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Copies one raw record, with its original key and (registry-translated) value, to its partition at {@code timestamp}. */
    void pipe(final RawRecord record, final byte[] value, final long timestamp) {
        if (producer == null) {
            throw new IllegalStateException("start() the run before piping records");
        }
        producer.send(new ProducerRecord<>(record.topic(), record.partition(), timestamp, record.key(), value),
                (metadata, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
        // The copy numbers each partition's records from 0: remember which log record each one was.
        piped.computeIfAbsent(record.topic(), t -> new HashMap<>())
                .computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(record);
    }

    /**
     * Runs the topology over everything piped until every source partition is consumed and committed,
     * keeps the results and shuts the scratch platform down.
     */
    void complete(final ReplayProgress progress) {
        producer.flush();
        producer.close();
        producer = null;
        if (sendFailure.get() != null) {
            throw new IllegalStateException("Could not copy the log to the replay's broker: "
                    + sendFailure.get().getMessage(), sendFailure.get());
        }
        try {
            this.stateDir = Files.createTempDirectory("edupulse-audit-");
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not create a state directory for the replay", e);
        }
        final Map<String, Object> serdeConfig = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        try (KafkaStreams streams = new KafkaStreams(new IndicatorsTopology(config.withInMemoryState(), serdeConfig).build(),
                streamsProperties());
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            awaitRunning(streams, failure);
            awaitProcessed(streams, admin, failure, progress);
            for (final String name : keptStores) {
                stores.put(name, copy(streams, name));
            }
            streams.close(Duration.ofSeconds(30));
        }
        readOutputs();
        complete = true;
        shutDown();
    }

    private Properties streamsProperties() {
        final Properties props = new Properties();
        // The live application's handling of records that can never be written: the replay must skip what it skips.
        props.putAll(IndicatorsStreamsSettings.errorHandling());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl);
        // Exactly-once like the live application, with changelogs: a task moved between the run's
        // threads (a follow-up rebalance after the start does happen) resumes exactly where it was.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        // Tables the DSL materializes are kept in memory (with changelogs): a replay is rebuilt from the log every time.
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 5_000);
        // A task waits for data known to be on the broker before it picks the next record by timestamp
        // (max.task.idle.ms 0, the default): with the whole log already there, each task's order is a
        // function of the log alone. -1 would let a task run ahead of a partition not yet fetched.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        // Everything is local: short waits and back-offs (the internal topics' creation sleeps for the
        // back-off, 100 ms by default, several times).
        props.put(StreamsConfig.RETRY_BACKOFF_MS_CONFIG, 10L);
        props.put(StreamsConfig.POLL_MS_CONFIG, 10L);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG), 4 * 1024 * 1024);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        return props;
    }

    private static void awaitRunning(final KafkaStreams streams, final AtomicReference<Throwable> failure) {
        while (streams.state() != KafkaStreams.State.RUNNING) {
            checkAlive(streams, failure);
            pause();
        }
    }

    /** Waits until the run has committed everything its input implies (see {@link CommitProgress}). */
    private void awaitProcessed(final KafkaStreams streams, final Admin admin, final AtomicReference<Throwable> failure,
                                final ReplayProgress progress) {
        // The copy's offsets are dense: each raw partition ends at the number of records piped to it.
        final Map<TopicPartition, Long> inputEnds = new HashMap<>();
        rawPartitions.forEach(tp -> inputEnds.put(tp, (long) piped.getOrDefault(tp.topic(), Map.of())
                .getOrDefault(tp.partition(), List.of()).size()));
        final CommitProgress commits = new CommitProgress(admin, APPLICATION_ID, inputEnds);
        final long total = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        long lastCommitted = -1;
        long lastMove = System.nanoTime();
        while (true) {
            checkAlive(streams, failure);
            final CommitProgress.Snapshot snapshot = commits.read();
            if (snapshot.caughtUp()) {
                progress.update(ReplayProgress.Stage.REPLAY, total, total);
                return;
            }
            progress.update(ReplayProgress.Stage.REPLAY, Math.min(snapshot.inputCommitted(), total), total);
            if (snapshot.committed() != lastCommitted) {
                lastCommitted = snapshot.committed();
                lastMove = System.nanoTime();
            } else if (System.nanoTime() - lastMove > STALL.toNanos()) {
                throw new IllegalStateException("The replay made no progress for " + STALL.toMinutes()
                        + " minutes (" + snapshot + ")");
            }
            pause();
        }
    }

    private static void checkAlive(final KafkaStreams streams, final AtomicReference<Throwable> failure) {
        if (failure.get() != null) {
            throw new IllegalStateException("The replayed topology failed: " + failure.get().getMessage(), failure.get());
        }
        final KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.PENDING_SHUTDOWN) {
            throw new IllegalStateException("The replayed topology stopped (state " + state + ")", failure.get());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PROGRESS_CHECK.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", e);
        }
    }

    private static Map<String, Object> copy(final KafkaStreams streams, final String name) {
        final ReadOnlyKeyValueStore<String, Object> store = streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        final Map<String, Object> entries = new TreeMap<>();
        try (KeyValueIterator<String, Object> it = store.all()) {
            it.forEachRemaining(kv -> entries.put(kv.key, kv.value));
        }
        return entries;
    }

    /** Reads the indicator outputs and the dead letters off the scratch broker. */
    private void readOutputs() {
        final Deserializer<IndicatorSet> indicatorSets = SpecificAvroSerde.of(IndicatorSet.class,
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), false).deserializer();
        final Deserializer<DeadLetter> deadLetters = SpecificAvroSerde.of(DeadLetter.class,
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, registryUrl), false).deserializer();
        final StringDeserializer keys = new StringDeserializer();
        final Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (final String topic : List.of(Topics.SCHOOL_INDICATORS.name(), Topics.COMMUNE_INDICATORS.name(),
                    Topics.DISTRICT_INDICATORS.name(), Topics.PROVINCE_INDICATORS.name(), Topics.DEAD_LETTER.name())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final List<TopicPartition> pending = new ArrayList<>(partitions);
            while (!pending.isEmpty()) {
                for (final ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    final String topic = record.topic();
                    if (topic.equals(Topics.DEAD_LETTER.name())) {
                        rejected.add(deadLetters.deserialize(topic, record.value()));
                    } else {
                        latest.put(keys.deserialize(topic, record.key()), indicatorSets.deserialize(topic, record.value()));
                    }
                }
                pending.removeIf(tp -> consumer.position(tp) >= ends.get(tp));
            }
        }
        // In log order of the raw records they came from, whichever partition of the outputs they were written to.
        rejected.sort(Comparator.comparing((DeadLetter l) -> rank(l.getSourceTopic()))
                .thenComparingInt(DeadLetter::getSourcePartition).thenComparingLong(DeadLetter::getSourceOffset));
    }

    private static int rank(final String topic) {
        for (int i = 0; i < RawLog.REPLAYED.size(); i++) {
            if (RawLog.REPLAYED.get(i).name().equals(topic)) {
                return i;
            }
        }
        return RawLog.REPLAYED.size();
    }

    /** The last IndicatorSet of every unit, at every level, by unit id. */
    Map<String, IndicatorSet> latest() {
        checkComplete();
        return latest;
    }

    /** Dead letters the ingest step wrote, in log order of their source records. */
    List<DeadLetter> deadLetters() {
        checkComplete();
        return rejected;
    }

    /** The log record the copy numbered {@code replayOffset} in {@code partition} of {@code topic}, or null. */
    RawRecord source(final String topic, final int partition, final long replayOffset) {
        final List<RawRecord> records = piped.getOrDefault(topic, Map.of()).get(partition);
        return records == null || replayOffset < 0 || replayOffset >= records.size() ? null : records.get((int) replayOffset);
    }

    /**
     * The record that delivered {@code eventId} on {@code topic}: the first delivery for events (a
     * re-send is the same record and was dropped), the last one for a school version (a correction
     * replaces it). Null if none was replayed.
     */
    RawRecord sourceOf(final String topic, final String eventId) {
        final boolean last = Topics.SCHOOLS.name().equals(topic);
        RawRecord found = null;
        for (final RawRecord record : index(topic).getOrDefault(eventId, List.of())) {
            if (found == null || last) {
                found = record;
            }
        }
        return found;
    }

    private Map<String, List<RawRecord>> index(final String topic) {
        return sources.computeIfAbsent(topic, t -> {
            final Map<String, List<RawRecord>> byId = new HashMap<>();
            piped.getOrDefault(t, Map.of()).values().stream().flatMap(Collection::stream)
                    .sorted(ReplayOrder.COORDINATES)
                    .filter(record -> record.decoded() != null)
                    .forEach(record -> byId.computeIfAbsent(record.decoded().eventId(), id -> new ArrayList<>()).add(record));
            return byId;
        });
    }

    /** The final contents of a store named when the run was created, by key. */
    @SuppressWarnings("unchecked")
    <V> Map<String, V> store(final String name) {
        checkComplete();
        final Map<String, Object> entries = stores.get(name);
        if (entries == null) {
            throw new IllegalArgumentException("The run did not keep store " + name + "; it kept " + keptStores);
        }
        return (Map<String, V>) entries;
    }

    private void checkComplete() {
        if (!complete) {
            throw new IllegalStateException("The replay has not completed");
        }
    }

    private void shutDown() {
        try {
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
            if (broker != null) {
                broker.close();
                broker = null;
            }
        } finally {
            if (stateDir != null) {
                Directories.deleteRecursively(stateDir);
                stateDir = null;
            }
        }
    }

    @Override
    public void close() {
        shutDown();
    }
}
