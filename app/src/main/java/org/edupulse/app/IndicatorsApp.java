package org.edupulse.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.edupulse.platform.Directories;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.streams.CommitPace;
import org.edupulse.streams.CommitPacing;
import org.edupulse.streams.IndicatorsConfig;
import org.edupulse.streams.IndicatorsStreamsSettings;
import org.edupulse.streams.IndicatorsTopology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the indicators topology as a Kafka Streams application with exactly-once (v2). Several
 * processes started with the same {@code application.id} share the work: that is how EduPulse
 * scales out.
 *
 * <p>It owns the client's lifecycle in one place: what happens when a stream thread dies
 * ({@link StreamThreadFailures}: replace it, or end the client), a state listener that logs each
 * transition and tells the command once the client is dead ({@link #whenDead}), a clean close
 * that leaves the consumer group at once (its tasks move to the other instances without waiting
 * for the session timeout, and {@code reset} may run right after), and {@link #cleanUp()} of the
 * local state for {@code reset}.
 */
public final class IndicatorsApp implements AutoCloseable {

    /**
     * How soon, while live, a task commits what it processed, unless {@code commit.interval.ms} is
     * configured. Under exactly-once a change becomes readable by the next repartition step, and finally
     * on the output topics, only when its transaction commits, and a stock event crosses three
     * repartition steps: measured on two shared cores, 20 ms kept the p99 from an event's send to its
     * district's published IndicatorSet at 185-218 ms in session 5 (200 ms: about 750 ms). A thread whose
     * last commit took longer waits that long instead ({@link CommitPacing}). While the application
     * catches up it commits every {@link #DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS} instead.
     */
    public static final int DEFAULT_COMMIT_INTERVAL_MS = 20;

    /**
     * How often the application commits while it catches up ({@link CommitPace}: from
     * {@link CommitPace#CATCH_UP_LAG} records past its commits), unless {@code catch.up.commit.interval.ms} is
     * configured: Kafka Streams' own {@code commit.interval.ms}. Fewer commits, and more changes collapsed
     * by the record caches per write, while freshness does not matter yet (BENCHMARKS.md, session 14).
     */
    public static final int DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS = 1_000;

    /** The setting of {@link #DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS}; at most {@link #MAX_CATCH_UP_COMMIT_INTERVAL_MS}. */
    public static final String CATCH_UP_COMMIT_INTERVAL_MS = "catch.up.commit.interval.ms";

    /**
     * Half of the transaction timeout Kafka Streams gives its exactly-once producers (10 s): a transaction
     * open longer than that is aborted by the broker.
     */
    public static final int MAX_CATCH_UP_COMMIT_INTERVAL_MS = 5_000;

    /** How often the lag is looked at to tell live from catching up: four requests to the broker each time. */
    private static final Duration PACE_CHECK = Duration.ofMillis(500);

    /**
     * The record caches' size for all stream threads of the process, unless
     * {@code statestore.cache.max.bytes} is configured. The caches collapse a unit's changes between two
     * commits into one write; once full, each write evicts, and an eviction writes out every dirty entry of
     * its store, so a unit's state goes to its changelog at every change. Kafka Streams' 10 MiB filled over
     * two provinces' history (which stores filled it was not measured): 256 MiB did 1.20 times the events/s with a third fewer
     * records per event over 200,000 events, side by side (BENCHMARKS.md, session 12). The caches are on the
     * heap, a quarter of the machine's memory by default, and fill only as far as the data goes.
     */
    public static final long DEFAULT_CACHE_MAX_BYTES = 256L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(IndicatorsApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Kafka's default {@code heartbeat.interval.ms}. */
    private static final long KAFKA_HEARTBEAT_MS = 3_000;
    /** A task's directory: subtopology and partition, {@code 0_1}, or with a named topology's prefix. */
    private static final Pattern TASK_DIRECTORY = Pattern.compile("(.+__)?\\d+_\\d+");

    private final String applicationId;
    /** This instance's local state of the application: {@code state.dir}/{@code application.id}. */
    private final Path localState;
    private final boolean inMemoryState;
    private final KafkaStreams streams;
    private final CommitPace pace = new CommitPace();
    /** The settings of the client that reads the application's lag for {@link #pace}; null without pacing. */
    private final Map<String, Object> paceAdminConfig;
    /** That client, from {@link #start()} to {@link #close()}. */
    private volatile Admin paceAdmin;
    /** Completed with the state in which the client died (ERROR, or NOT_RUNNING without {@link #close()}). */
    private final CompletableFuture<KafkaStreams.State> dead = new CompletableFuture<>();
    private volatile boolean closing;

    /**
     * @param extra further Streams settings, e.g. {@code application.server} for interactive queries
     */
    public IndicatorsApp(final String bootstrapServers, final String schemaRegistryUrl, final String applicationId,
                         final Path stateDir, final Map<String, Object> extra) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, extra, false);
    }

    /**
     * @param inMemoryState keep the key-value stores in memory instead of RocksDB, each still backed by its
     *                      changelog topic (so exactly-once and a restart's restore are unchanged; a restart
     *                      restores the whole state from the changelogs); the event-id windows stay RocksDB.
     *                      For the demo, whose state is small: opening some forty RocksDB stores is most of a
     *                      fresh start's task initialisation (BENCHMARKS.md, session 10)
     */
    public IndicatorsApp(final String bootstrapServers, final String schemaRegistryUrl, final String applicationId,
                         final Path stateDir, final Map<String, Object> extra, final boolean inMemoryState) {
        this.inMemoryState = inMemoryState;
        final Map<String, Object> serdeConfig = SerdeConfig.forRegistry(schemaRegistryUrl, extra);
        final Properties props = new Properties();
        props.putAll(extra);
        // Records that can never be written are skipped, not a thread that dies on them at every restart; the
        // internal topics are made ready without Kafka's long back-off (unless configured otherwise).
        IndicatorsStreamsSettings.applyTo(props);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        this.localState = stateDir.resolve(applicationId);
        // commit.interval.ms is how soon a live change is committed; Kafka Streams' own setting gets the
        // catch-up interval, and the pacing asks for the live commits.
        final long liveCommitMs = millis(props.getOrDefault(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                DEFAULT_COMMIT_INTERVAL_MS));
        final Object catchUpSetting = props.remove(CATCH_UP_COMMIT_INTERVAL_MS);
        final long catchUpCommitMs = catchUpCommitMs(liveCommitMs,
                catchUpSetting == null ? DEFAULT_CATCH_UP_COMMIT_INTERVAL_MS : millis(catchUpSetting));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, catchUpCommitMs);
        props.putIfAbsent(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, DEFAULT_CACHE_MAX_BYTES);
        heartbeat(props);
        props.put(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, schemaRegistryUrl);
        this.applicationId = applicationId;
        if (inMemoryState) {
            props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        }
        final IndicatorsConfig topologyConfig = inMemoryState ? IndicatorsConfig.defaults().withInMemoryState()
                : IndicatorsConfig.defaults();
        final boolean paced = catchUpCommitMs > liveCommitMs;
        this.paceAdminConfig = paced ? new StreamsConfig(props).getAdminConfigs(applicationId + "-commit-pace") : null;
        // Catching up, a unit's calendar periods wait longer before they are published: they show a history still being read.
        final IndicatorsTopology indicators = new IndicatorsTopology(topologyConfig, serdeConfig, () -> !pace.live());
        this.streams = new KafkaStreams(paced
                ? CommitPacing.build(indicators, props, pace, Duration.ofMillis(liveCommitMs))
                : indicators.build(), props);
        streams.setUncaughtExceptionHandler(new StreamThreadFailures());
        streams.setStateListener(this::onStateChange);
    }

    public IndicatorsApp(final String bootstrapServers, final String schemaRegistryUrl, final String applicationId,
                         final Path stateDir) {
        this(bootstrapServers, schemaRegistryUrl, applicationId, stateDir, Map.of());
    }

    public void start() {
        // Kafka Streams 4.3 opens the stores it finds on disk as it starts, and throws at every start on one
        // RocksDB cannot open: a kill in the middle of deleting an expired segment of a window store leaves any
        // part of its files (a CURRENT naming a MANIFEST already deleted, a MANIFEST naming a table file already
        // deleted, a write-ahead log without its CURRENT). Under exactly-once a task is restored from its
        // changelogs whenever its local state is unusable, so such a task's directory is deleted first.
        for (final Path task : tasksWithAStoreRocksDbCannotOpen(localState)) {
            LOG.warn("The local state of task {} holds a store RocksDB cannot open (a crash left it half deleted): "
                    + "the task's directory is deleted and its state restored from the changelogs", task);
            Directories.deleteRecursively(task);
        }
        streams.start();
        if (paceAdminConfig != null) {
            // Made here, not in the constructor: a client that is never started holds no admin client's threads.
            paceAdmin = Admin.create(paceAdminConfig);
            pace.watch(paceAdmin, applicationId, PACE_CHECK);
        }
    }

    /**
     * The task directories of this local state that hold a RocksDB store RocksDB itself cannot open, read-only
     * (what a crash while a store's directory was being deleted leaves). A store's directory lies two levels
     * below its task's: {@code task/rocksdb/store} for a key-value store, {@code task/store/segment} for a
     * window store's segment. An empty one is not a store yet (Kafka Streams creates it there).
     */
    static List<Path> tasksWithAStoreRocksDbCannotOpen(final Path localState) {
        if (!Files.isDirectory(localState)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(localState)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> TASK_DIRECTORY.matcher(dir.getFileName().toString()).matches())
                    .filter(IndicatorsApp::holdsAStoreRocksDbCannotOpen)
                    .sorted()
                    .toList();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the local state in " + localState, e);
        }
    }

    private static boolean holdsAStoreRocksDbCannotOpen(final Path task) {
        try (Stream<Path> stores = Files.walk(task, 2)) {
            return stores.filter(dir -> task.relativize(dir).getNameCount() == 2 && Files.isDirectory(dir))
                    .anyMatch(dir -> !isEmpty(dir) && !RocksDbStores.opens(dir));
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read the local state in " + task, e);
        }
    }

    private static boolean isEmpty(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findAny().isEmpty();
        } catch (final IOException e) {
            throw new UncheckedIOException("Could not read " + dir, e);
        }
    }

    /**
     * With a {@code session.timeout.ms} configured and no {@code heartbeat.interval.ms}, a heartbeat every third
     * of the session (at most Kafka's 3 s), as Kafka advises: its 3 s would leave a 6 s session two heartbeats.
     */
    static void heartbeat(final Properties props) {
        final Object session = props.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG);
        if (session != null && !props.containsKey(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG)) {
            props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.min(KAFKA_HEARTBEAT_MS, millis(session) / 3));
        }
    }

    /** False while the application catches up and commits every {@code catch.up.commit.interval.ms}. */
    public boolean live() {
        return pace.live();
    }

    /**
     * The interval the application commits at while catching up, for a live interval and the catch-up
     * setting: never shorter than the live one (equal to it, there is no pacing).
     */
    public static long catchUpCommitMs(final long liveCommitMs, final long catchUpSettingMs) {
        return Math.max(liveCommitMs, catchUpSettingMs);
    }

    private static long millis(final Object setting) {
        return Long.parseLong(String.valueOf(setting).trim());
    }

    private void onStateChange(final KafkaStreams.State newState, final KafkaStreams.State oldState) {
        LOG.info("Streams client of {}: {} -> {}", applicationId, oldState, newState);
        if (newState == KafkaStreams.State.ERROR || (newState == KafkaStreams.State.NOT_RUNNING && !closing)) {
            LOG.error("The Streams client of application {} is {}: it processes nothing any more", applicationId,
                    newState);
            dead.complete(newState);
        }
    }

    /**
     * Runs {@code action} once the client is dead (at once if it already is): in ERROR after a
     * fatal thread failure, or NOT_RUNNING without this application having closed it. On the
     * Streams thread that noticed: keep it short.
     */
    public void whenDead(final Consumer<KafkaStreams.State> action) {
        dead.thenAccept(action);
    }

    /** True once the client is dead, see {@link #whenDead}. */
    public boolean isDead() {
        return dead.isDone();
    }

    /** The state in which the client died, or null while it is not dead. */
    public KafkaStreams.State deadState() {
        return dead.getNow(null);
    }

    /**
     * Deletes this instance's local state of the application ({@code KafkaStreams#cleanUp()}), for a
     * reset; only before {@link #start()}.
     */
    public void cleanUp() {
        streams.cleanUp();
    }

    /** Whether its key-value stores live in memory (backed by their changelogs) rather than in RocksDB. */
    public boolean inMemoryState() {
        return inMemoryState;
    }

    /** The Streams client, for the query server to answer from its stores. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The latest district indicator sets held by this instance, by district id. */
    public ReadOnlyKeyValueStore<String, IndicatorSet> districtStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(IndicatorsTopology.DISTRICT_STORE,
                QueryableStoreTypes.keyValueStore()));
    }

    /** Stops the client and leaves the consumer group, so that its tasks move to the other instances at once. */
    @Override
    public void close() {
        closing = true;
        pace.close();
        if (paceAdmin != null) {
            paceAdmin.close(CLOSE_TIMEOUT);
        }
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }
}
