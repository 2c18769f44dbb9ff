package org.edupulse.streams;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Commits within a short live interval while the client is live, and only every
 * {@code commit.interval.ms} while it catches up ({@link CommitPace}).
 *
 * <p>Under exactly-once a record written to a repartition topic is readable by the next step only
 * once its transaction commits, and every commit flushes the record caches, waits for every record
 * produced and commits a transaction. Live, the published figures trail an event by about four
 * commit intervals, so they must be short (20 ms); catching up, long intervals let the caches collapse
 * more changes per write and spend less on commits (1.3-1.6 times the events/s at 100-1,000 ms in
 * sessions 11 and 12; this pacing took 15-25 % less CPU than 20 ms throughout, session 14, BENCHMARKS.md).
 * Kafka Streams has one {@code commit.interval.ms} per client; it is set to the catch-up interval, and
 * while live each stream thread asks for a commit ({@code ProcessorContext#commit}) one live interval
 * after the first record it processed since its last commit, or as long after it as that last commit took
 * if it took longer ({@link CommitDurations}), so that a busy thread commits at most about half its time.
 * A commit's duration grows with the load: it flushes the record caches (the joins and aggregates after
 * them run then), waits for every record produced and writes a marker to every partition the transaction
 * touched. With a fixed 20 ms at 1,000 events/s the thread committed most of the time and the published
 * figures trailed the events by seconds; at 300 events/s the fixed 20 ms did better (session 21,
 * BENCHMARKS.md).
 *
 * <p>A Kafka Streams {@link ProcessorWrapper}: the processors right after each source node (so every
 * task has them, DSL operators included, and they see every record the task reads) schedule, after a
 * record processed while the client is live, a wall-clock punctuation one live interval later that
 * asks for a commit, unless one is pending on their thread already. Kafka commits all tasks of the
 * thread together. A thread that processes nothing schedules nothing: a punctuation marks its task as
 * needing a commit, and an idle client is not to commit every 20 ms.
 */
public final class CommitPacing implements ProcessorWrapper {

    /** The {@link Setup} of a client, passed as an object in the properties its topology is built with. */
    public static final String SETUP_CONFIG = "edupulse.commit.pacing";

    private Setup setup;
    /**
     * Per stream thread, the paced processor whose punctuation will ask for the thread's next commit, if
     * any: Kafka commits all the thread's tasks when one asks, so one ask pending per thread is enough.
     */
    private final ThreadLocal<Pacer> asking = new ThreadLocal<>();
    /** The wall clock, in milliseconds, that tells a pending ask gone stale. */
    private final LongSupplier clock;
    /** How long the calling stream thread's last commit took, in milliseconds ({@link CommitDurations}). */
    private final LongSupplier lastCommitMillis;

    /** As Kafka Streams makes it, from {@link StreamsConfig#PROCESSOR_WRAPPER_CLASS_CONFIG}. */
    public CommitPacing() {
        this(System::currentTimeMillis, CommitDurations::lastMillis);
    }

    CommitPacing(final LongSupplier clock, final LongSupplier lastCommitMillis) {
        this.clock = clock;
        this.lastCommitMillis = lastCommitMillis;
    }

    /**
     * @param pace         live or catching up
     * @param liveInterval how soon a task asks for a commit after a record while live
     * @param heads        the names of the processors that pace their task's commits
     */
    public record Setup(CommitPace pace, Duration liveInterval, Set<String> heads) {
        public Setup {
            Objects.requireNonNull(pace, "pace");
            if (liveInterval.isNegative() || liveInterval.isZero()) {
                throw new IllegalArgumentException("liveInterval must be positive, was " + liveInterval);
            }
            heads = Set.copyOf(heads);
        }
    }

    /**
     * The topology, built with its commits paced: built once to find the processors right after
     * each source, then again with this wrapper around them.
     *
     * @param props the client's properties (application id and servers at least); not changed
     */
    public static Topology build(final IndicatorsTopology topology, final Properties props, final CommitPace pace,
                                 final Duration liveInterval) {
        final Properties paced = new Properties();
        paced.putAll(props);
        paced.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, CommitPacing.class);
        paced.put(SETUP_CONFIG, new Setup(pace, liveInterval, heads(topology.build())));
        return topology.build(new TopologyConfig(new StreamsConfig(paced)));
    }

    /** The processors that source nodes forward to directly: each task's first processors. */
    static Set<String> heads(final Topology topology) {
        final Set<String> heads = new TreeSet<>();
        for (final TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (final TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source) {
                    node.successors().forEach(successor -> heads.add(successor.name()));
                }
            }
        }
        return heads;
    }

    @Override
    public void configure(final Map<String, ?> configs) {
        if (!(configs.get(SETUP_CONFIG) instanceof Setup given)) {
            throw new ConfigException(SETUP_CONFIG, configs.get(SETUP_CONFIG), "must be a CommitPacing.Setup");
        }
        this.setup = given;
    }

    @Override
    public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
            final String name, final ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
        if (!setup.heads().contains(name)) {
            return ProcessorWrapper.asWrapped(supplier);
        }
        return new WrappedProcessorSupplier<>() {
            @Override
            public Processor<KIn, VIn, KOut, VOut> get() {
                return new Paced<>(supplier.get(), CommitPacing.this);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    @Override
    public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
            final String name, final FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
        if (!setup.heads().contains(name)) {
            return ProcessorWrapper.asWrappedFixedKey(supplier);
        }
        return new WrappedFixedKeyProcessorSupplier<>() {
            @Override
            public FixedKeyProcessor<KIn, VIn, VOut> get() {
                return new PacedFixedKey<>(supplier.get(), CommitPacing.this);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return supplier.stores();
            }
        };
    }

    /**
     * What a paced processor adds to the one it wraps: after a record processed while the client is live,
     * a wall-clock punctuation one live interval later (or the thread's last commit's duration later, if
     * longer) that asks for a commit, unless another paced processor of the same stream thread has one
     * pending. The first record after a commit starts the next interval, so commits come at most every
     * interval plus the commit's own duration, as with Kafka's {@code commit.interval.ms}. One pending ask
     * per thread, not per processor: a thread runs some forty tasks, each with its own punctuation, and each
     * due punctuation asked for a commit as soon as the last one ended, so the thread committed after every
     * record or two and fell behind a load of 300 events/s (p50 2.7-4.5 s from send to the district's
     * figures, against 0.27-0.76 s without pacing; BENCHMARKS.md, session 15).
     *
     * <p>None while it catches up: the commits at {@code commit.interval.ms} take what it processes then, and
     * every punctuation halves the records the stream thread processes between its checks for punctuations
     * and commits (so a punctuation every 20 ms cost as much as committing every 20 ms, measured). None while
     * nothing is processed either: a punctuation marks its task as needing a commit.
     */
    private final class Pacer {
        /**
         * A pending ask this late (its task closed elsewhere, or the thread held up) no longer stops this
         * processor from scheduling its own.
         */
        private static final int STALE_INTERVALS = 10;
        /**
         * The longest wait, in live intervals, however long the last commit took (1 s at 20 ms, the default
         * catch-up interval, at which Kafka Streams commits by itself anyway).
         */
        private static final int MAX_INTERVALS = 50;

        /** The wrapped processor's context (a {@code ProcessorContext} or a {@code FixedKeyProcessorContext}). */
        private final ProcessingContext context;
        private Cancellable due;
        private long dueAt;

        Pacer(final ProcessingContext context) {
            this.context = context;
        }

        void processed() {
            if (due != null || !setup.pace().live()) {
                return;
            }
            final Pacer pending = asking.get();
            final long now = clock.getAsLong();
            if (pending == null || now > pending.dueAt + STALE_INTERVALS * setup.liveInterval().toMillis()) {
                final long live = setup.liveInterval().toMillis();
                final long interval = Math.min(MAX_INTERVALS * live, Math.max(live, lastCommitMillis.getAsLong()));
                dueAt = now + interval;
                due = context.schedule(Duration.ofMillis(interval), PunctuationType.WALL_CLOCK_TIME, ignored -> ask());
                asking.set(this);
            }
        }

        private void ask() {
            release();
            context.commit();
        }

        /** Cancels this processor's pending ask, if any. */
        void release() {
            if (due != null) {
                due.cancel();
                due = null;
            }
            if (asking.get() == this) {
                asking.remove();
            }
        }
    }

    private static final class Paced<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
        private final Processor<KIn, VIn, KOut, VOut> inner;
        private final CommitPacing pacing;
        private Pacer pacer;

        Paced(final Processor<KIn, VIn, KOut, VOut> inner, final CommitPacing pacing) {
            this.inner = inner;
            this.pacing = pacing;
        }

        @Override
        public void init(final ProcessorContext<KOut, VOut> context) {
            inner.init(context);
            pacer = pacing.new Pacer(context);
        }

        @Override
        public void process(final Record<KIn, VIn> record) {
            inner.process(record);
            pacer.processed();
        }

        @Override
        public void close() {
            if (pacer != null) {
                pacer.release();
            }
            inner.close();
        }
    }

    private static final class PacedFixedKey<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {
        private final FixedKeyProcessor<KIn, VIn, VOut> inner;
        private final CommitPacing pacing;
        private Pacer pacer;

        PacedFixedKey(final FixedKeyProcessor<KIn, VIn, VOut> inner, final CommitPacing pacing) {
            this.inner = inner;
            this.pacing = pacing;
        }

        @Override
        public void init(final FixedKeyProcessorContext<KIn, VOut> context) {
            inner.init(context);
            pacer = pacing.new Pacer(context);
        }

        @Override
        public void process(final FixedKeyRecord<KIn, VIn> record) {
            inner.process(record);
            pacer.processed();
        }

        @Override
        public void close() {
            if (pacer != null) {
                pacer.release();
            }
            inner.close();
        }
    }
}
