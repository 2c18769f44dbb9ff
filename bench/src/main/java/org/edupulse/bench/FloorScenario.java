package org.edupulse.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.edupulse.app.IndicatorsApp;
import org.edupulse.platform.Directories;

/**
 * What Kafka Streams itself costs per record and per repartition hop on this machine, under the indicators
 * application's settings (exactly-once v2, the catch-up's commit interval, the record caches, its stream
 * threads; the run's overrides of these apply), over the same raw topics the aggregate scenario catches up
 * on: not a row of issue #19 but the floor under its aggregate row. Topologies with 0 to {@link #MAX_HOPS}
 * repartition hops, each step a count per key in a logged, cached RocksDB store (as most of the product's
 * stores) and each record passed on as it came; the last step writes every record to an output topic. And
 * once more with {@link #MAX_HOPS} hops and the first step passing on {@link #COPIES} records per event (as
 * the product's steps fan an event out to several units), about as many records per event as the product
 * produces. Events/s from {@code start()} to every output committed, as the aggregate scenario times its
 * catch-up.
 */
final class FloorScenario {

    static final String SCENARIO = "8 floor";
    static final int MAX_HOPS = 3;
    /** Records per event the first step passes on in the fan-out run: with the hops, about the product's 16 per event. */
    static final int COPIES = 4;
    static final String OUTPUT = "bench.floor.out";

    private final BenchBroker broker;
    private final BenchSettings settings;
    private final PrintWriter log;

    FloorScenario(final BenchBroker broker, final BenchSettings settings, final PrintWriter log) {
        this.broker = broker;
        this.settings = settings;
        this.log = log;
    }

    /** One topology of the floor: its repartition hops, and the records per event its first step passes on. */
    record Shape(int hops, int copies) {

        String label() {
            return hops + " hops" + (copies == 1 ? "" : " x" + copies);
        }
    }

    /** Every hop count with one record per event, then the most hops with the fan-out. */
    static List<Shape> shapes() {
        final List<Shape> shapes = new ArrayList<>();
        for (int hops = 0; hops <= MAX_HOPS; hops++) {
            shapes.add(new Shape(hops, 1));
        }
        shapes.add(new Shape(MAX_HOPS, COPIES));
        return shapes;
    }

    List<Result> run(final long events) {
        broker.createTopic(OUTPUT, settings.inputPartitions(), Map.of());
        final List<Shape> shapes = shapes();
        final Map<Shape, List<Double>> rates = new LinkedHashMap<>();
        // Repetitions outermost, so that each topology is measured at every stage of the JVM's warm-up.
        for (int rep = 1; rep <= settings.repetitions(); rep++) {
            for (final Shape shape : shapes) {
                final double elapsed = catchUp(shape, "bench-floor-" + shape.hops() + "x" + shape.copies() + "-" + rep
                        + "-" + System.currentTimeMillis(), events);
                rates.computeIfAbsent(shape, s -> new ArrayList<>()).add(events / elapsed);
                log.printf(Locale.ROOT, "  floor %d/%d, %s: %,d events in %.1f s = %,.0f events/s%n", rep,
                        settings.repetitions(), shape.label(), events, elapsed, events / elapsed);
                log.flush();
            }
        }
        final List<Result> rows = new ArrayList<>();
        rates.forEach((shape, measured) -> rows.add(Result.alone(SCENARIO, "events/s, " + shape.label(), measured, null,
                null, String.format(Locale.ROOT, "%,d events of the raw topics (%d partitions each) through %d"
                        + " repartition hops, %d record(s) per event after the first step: each step counts per key in a"
                        + " logged, cached RocksDB store and passes every record on; exactly_once_v2, commit.interval.ms"
                        + " %d, statestore.cache.max.bytes %d, %s", events, settings.inputPartitions(), shape.hops(),
                        shape.copies(), settings.catchUpCommitIntervalMsInEffect(), cacheMaxBytes(),
                        settings.streamThreadsLabel()))));
        return rows;
    }

    private double catchUp(final Shape shape, final String applicationId, final long events) {
        final Path stateDir;
        try {
            stateDir = Files.createTempDirectory("edupulse-bench-floor-");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        try (KafkaStreams streams = new KafkaStreams(topology(shape), properties(applicationId, stateDir))) {
            return CaughtUp.secondsToCatchUp(broker, applicationId, shape.hops() > 0, events, streams::start,
                    streams::state);
        } finally {
            Directories.deleteRecursively(stateDir);
        }
    }

    private Properties properties(final String applicationId, final Path stateDir) {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.catchUpCommitIntervalMsInEffect());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMaxBytes());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Math.max(1, settings.streamThreads()));
        return props;
    }

    /** The record caches' size, the indicators application's unless the run sets it. */
    private long cacheMaxBytes() {
        return settings.cacheMaxBytes() == -1 ? IndicatorsApp.DEFAULT_CACHE_MAX_BYTES : settings.cacheMaxBytes();
    }

    /**
     * The raw topics, then {@code shape.hops()} re-keyings each followed by a counting step, then the output; the
     * first step passes on {@code shape.copies()} records per record read.
     */
    static Topology topology(final Shape shape) {
        final StreamsBuilder builder = new StreamsBuilder();
        final Consumed<String, byte[]> raw = Consumed.with(Serdes.String(), Serdes.ByteArray());
        KStream<String, byte[]> stream = builder.stream(BenchBroker.INPUT_NAMES, raw.withName("raw-source"));
        for (int step = 0; step <= shape.hops(); step++) {
            final String store = "floor-counts-" + step;
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                    Serdes.Long()).withCachingEnabled());
            if (step > 0) {
                // A new key from the record, as the product re-keys by entity or unit: every record crosses the hop.
                final int salt = step;
                stream = stream.selectKey((key, value) -> Integer.toString(
                                (Objects.hashCode(key) * 31 + Arrays.hashCode(value)) * 31 + salt & 0xfff),
                                Named.as("rekey-" + step))
                        .repartition(Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("hop-" + step));
            }
            final int passed = step == 0 ? shape.copies() : 1;
            stream = stream.process(() -> new Count(store, passed), Named.as("count-" + step), store);
        }
        stream.to(OUTPUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("floor-sink"));
        return builder.build();
    }

    /** Counts the records of each key in its store and passes each record on, {@code copies} times. */
    private static final class Count implements Processor<String, byte[], String, byte[]> {
        private final String storeName;
        private final int copies;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, Long> store;

        Count(final String storeName, final int copies) {
            this.storeName = storeName;
            this.copies = copies;
        }

        @Override
        public void init(final ProcessorContext<String, byte[]> processorContext) {
            this.context = processorContext;
            this.store = processorContext.getStateStore(storeName);
        }

        @Override
        public void process(final Record<String, byte[]> record) {
            final String key = record.key() == null ? "" : record.key();
            final Long count = store.get(key);
            store.put(key, count == null ? 1 : count + 1);
            for (int copy = 0; copy < copies; copy++) {
                // Copies differ in their key, so that a hop's re-keying spreads them as it spreads events.
                context.forward(copy == 0 ? record : record.withKey(key + "#" + copy));
            }
        }
    }
}
