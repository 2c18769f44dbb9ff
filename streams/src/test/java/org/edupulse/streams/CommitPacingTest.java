package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.ProcessorWrapper;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.WrappedFixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.WrappedProcessorSupplier;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pacing of commits: while live a stream thread asks for a commit one live interval after it processed a
 * record (or its last commit's duration after, if longer, at most fifty intervals), one ask pending at a time,
 * while catching up it asks for none (Kafka Streams' commit.interval.ms applies), and idle it asks for none;
 * and every task of the indicators topology is paced.
 */
class CommitPacingTest {

    private static final String SCOPE = "commit-pacing";
    private static final Duration LIVE = Duration.ofMillis(20);
    private static final String HEAD = "head";

    @AfterEach
    void tearDown() {
        MockSchemaRegistry.drop(SCOPE);
    }

    @Test
    void shouldAskForACommitOneLiveIntervalAfterARecordWhileLive() {
        // Given a paced head processor of a live client
        final MockProcessorContext<String, String> context = new MockProcessorContext<>();
        final Processor<String, String, String, String> head = paced(new CommitPace(), context);

        // When it processes a record and its punctuation runs
        head.process(new Record<>("k", "v", 0L));
        assertThat(context.committed()).as("no commit before the punctuation").isFalse();
        punctuate(context);

        // Then it asked for a commit, once
        assertThat(context.committed()).isTrue();
        context.resetCommit();
        punctuate(context);
        assertThat(context.committed()).as("nothing processed since").isFalse();
        assertThat(pending(context)).as("no punctuation left to mark the task").isZero();

        // And the next record schedules the next ask
        head.process(new Record<>("k", "w", 1L));
        head.process(new Record<>("k", "x", 2L));
        assertThat(pending(context)).isEqualTo(1);
        punctuate(context);
        assertThat(context.committed()).isTrue();
    }

    /**
     * Kafka commits all tasks of a stream thread when one asks; with an ask pending per head, every due
     * punctuation asked again as soon as the last commit ended, and the thread committed after every record
     * or two (p50 2.7-4.5 s at 300 events/s in the latency bench, session 15).
     */
    @Test
    void shouldKeepOneAskPendingPerStreamThread() {
        // Given two paced heads of one client on this thread (two tasks)
        final CommitPacing wrapper = wrapper(new CommitPace());
        final MockProcessorContext<String, String> first = new MockProcessorContext<>();
        final MockProcessorContext<String, String> second = new MockProcessorContext<>();
        final Processor<String, String, String, String> one = head(wrapper, first);
        final Processor<String, String, String, String> two = head(wrapper, second);

        // When both process a record
        one.process(new Record<>("k", "v", 0L));
        two.process(new Record<>("k", "w", 1L));

        // Then only the first schedules an ask: its commit takes the second task's record too
        assertThat(pending(first)).isEqualTo(1);
        assertThat(pending(second)).isZero();
        punctuate(first);
        assertThat(first.committed()).isTrue();

        // And after that commit the next record, whichever head reads it, schedules the next ask
        two.process(new Record<>("k", "x", 2L));
        assertThat(pending(second)).isEqualTo(1);
        one.process(new Record<>("k", "y", 3L));
        assertThat(pending(first)).isZero();

        // And a head whose task closes with its ask pending gives the thread's ask up
        two.close();
        assertThat(pending(second)).isZero();
        one.process(new Record<>("k", "z", 4L));
        assertThat(pending(first)).isEqualTo(1);
    }

    /**
     * A commit that took longer than the live interval spaces the next ask by its own duration, so a busy
     * thread commits at most about half its time: with a fixed 20 ms at 1,000 events/s it committed most of
     * the time and the figures trailed the events by seconds (BENCHMARKS.md, session 21).
     */
    @Test
    void shouldSpaceTheNextAskByTheLastCommitWhenItTookLongerThanTheLiveInterval() {
        // Given a paced head of a live client whose stream thread's last commit took 75 ms
        final long[] lastCommit = {75};
        final CommitPacing wrapper = wrapper(new CommitPacing(System::currentTimeMillis, () -> lastCommit[0]),
                new CommitPace());
        final MockProcessorContext<String, String> context = new MockProcessorContext<>();
        final Processor<String, String, String, String> head = head(wrapper, context);

        // When it processes a record
        head.process(new Record<>("k", "v", 0L));

        // Then its ask is due 75 ms later, not one live interval
        assertThat(pendingIntervals(context)).containsExactly(Duration.ofMillis(75));
        runPending(context);
        assertThat(context.committed()).isTrue();

        // And once a commit is quicker than the live interval again, the next ask is one live interval after a record
        lastCommit[0] = 5;
        head.process(new Record<>("k", "w", 1L));
        assertThat(pendingIntervals(context)).containsExactly(LIVE);
        runPending(context);

        // And however long a commit took, the next ask is at most fifty live intervals (1 s) after a record
        lastCommit[0] = 60_000;
        head.process(new Record<>("k", "x", 2L));
        assertThat(pendingIntervals(context)).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void shouldNotWaitForAnAskThatNeverCame() {
        // Given a head whose ask on this thread is pending and never runs (its task held up, or closed unseen)
        final long[] now = {1_000};
        final CommitPacing wrapper = wrapper(new CommitPacing(() -> now[0], () -> 0), new CommitPace());
        final MockProcessorContext<String, String> stuck = new MockProcessorContext<>();
        head(wrapper, stuck).process(new Record<>("k", "v", 0L));
        final MockProcessorContext<String, String> other = new MockProcessorContext<>();
        final Processor<String, String, String, String> head = head(wrapper, other);

        // When another head processes records, first within ten live intervals of the ask's due time, then after
        now[0] += 10 * LIVE.toMillis();
        head.process(new Record<>("k", "w", 1L));
        assertThat(pending(other)).as("still waiting for the pending ask").isZero();
        now[0] += LIVE.toMillis() + 1;
        head.process(new Record<>("k", "x", 2L));

        // Then it schedules its own ask
        assertThat(pending(other)).isEqualTo(1);
    }

    @Test
    void shouldLetAnotherThreadAskWhileOneIsPending() throws InterruptedException {
        // Given a head with an ask pending on this thread
        final CommitPacing wrapper = wrapper(new CommitPace());
        final MockProcessorContext<String, String> here = new MockProcessorContext<>();
        head(wrapper, here).process(new Record<>("k", "v", 0L));
        assertThat(pending(here)).isEqualTo(1);

        // When a head of another stream thread processes a record
        final MockProcessorContext<String, String> there = new MockProcessorContext<>();
        final Thread other = new Thread(() -> head(wrapper, there).process(new Record<>("k", "w", 1L)));
        other.start();
        other.join();

        // Then it schedules its own: each thread commits its own tasks
        assertThat(pending(there)).isEqualTo(1);
    }

    @Test
    void shouldScheduleNothingWhileIdle() {
        // Given a paced head processor of a live client that processes nothing
        final MockProcessorContext<String, String> context = new MockProcessorContext<>();
        paced(new CommitPace(), context);

        // When its punctuations would run
        punctuate(context);

        // Then it scheduled none and asked for nothing: a punctuation would mark the task as needing a commit
        assertThat(context.scheduledPunctuators()).isEmpty();
        assertThat(context.committed()).isFalse();
    }

    @Test
    void shouldLeaveCommitsToTheCommitIntervalWhileCatchingUpAndAskAgainOnceLive() {
        // Given a paced head processor of a client far behind
        final CommitPace pace = new CommitPace();
        pace.look(CommitPace.CATCH_UP_LAG - 1, "app");
        assertThat(pace.live()).as("live until the catch-up lag").isTrue();
        pace.look(CommitPace.CATCH_UP_LAG, "app");
        final MockProcessorContext<String, String> context = new MockProcessorContext<>();
        final Processor<String, String, String, String> head = paced(pace, context);

        // When it processes records while catching up
        head.process(new Record<>("k", "v", 0L));
        head.process(new Record<>("k", "w", 1L));

        // Then it schedules nothing and asks for no commit: Kafka Streams commits at commit.interval.ms, and a
        // punctuation would halve what the stream thread processes between its checks
        assertThat(pace.live()).isFalse();
        assertThat(context.scheduledPunctuators()).isEmpty();
        pace.look(CommitPace.LIVE_LAG, "app");
        head.process(new Record<>("k", "x", 2L));
        assertThat(pace.live()).as("catching up until under the live lag").isFalse();
        assertThat(context.scheduledPunctuators()).isEmpty();

        // And once the client is live, the next record is committed one live interval after it
        pace.look(CommitPace.LIVE_LAG - 1, "app");
        head.process(new Record<>("k", "y", 3L));
        punctuate(context);
        assertThat(pace.live()).isTrue();
        assertThat(context.committed()).isTrue();
    }

    @Test
    void shouldLeaveProcessorsOtherThanTheHeadsUnwrapped() {
        // Given the wrapper, set up to pace one head
        final CommitPacing wrapper = new CommitPacing();
        wrapper.configure(Map.of(CommitPacing.SETUP_CONFIG, new CommitPacing.Setup(new CommitPace(), LIVE, Set.of(HEAD))));
        final ProcessorSupplier<String, String, String, String> supplier = Forwarding::new;

        // When it wraps a processor that is not a head
        final Processor<String, String, String, String> other = wrapper.wrapProcessorSupplier("other", supplier).get();

        // Then the processor is the one supplied, unchanged
        assertThat(other).isInstanceOf(Forwarding.class);
        assertThat(wrapper.wrapProcessorSupplier(HEAD, supplier).get()).isNotInstanceOf(Forwarding.class);
    }

    @Test
    void shouldRefuseToRunWithoutItsSetup() {
        assertThatThrownBy(() -> new CommitPacing().configure(Map.of(CommitPacing.SETUP_CONFIG, "pace")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(CommitPacing.SETUP_CONFIG).hasMessageContaining("CommitPacing.Setup");
    }

    /**
     * Each task gets its pacing from the processors right after its sources: Kafka Streams must offer every
     * one of them to the wrapper, DSL operators included (KTable sources, aggregates, merges), or a step
     * would commit only every catch-up interval while live.
     */
    @Test
    void shouldPaceEveryTaskOfTheIndicatorsTopology() {
        // Given the indicators topology and a wrapper that records what Kafka Streams offers it
        final IndicatorsTopology indicators = new IndicatorsTopology(IndicatorsConfig.defaults(),
                Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + SCOPE));
        final Set<String> heads = CommitPacing.heads(indicators.build());
        Recording.OFFERED.clear();
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "commit-pacing-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.PROCESSOR_WRAPPER_CLASS_CONFIG, Recording.class);

        // When it is built with the wrapper
        final Topology topology = indicators.build(new TopologyConfig(new StreamsConfig(props)));

        // Then every sub-topology has a head, and every head was offered to the wrapper
        for (final TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            assertThat(subtopology.nodes()).as("sub-topology %d", subtopology.id())
                    .anyMatch(node -> heads.contains(node.name()));
        }
        assertThat(Recording.OFFERED).containsAll(heads);
        assertThat(topology.describe().toString()).as("the wrapper does not change the shape")
                .isEqualTo(indicators.build().describe().toString());
    }

    private static Processor<String, String, String, String> paced(final CommitPace pace,
                                                                    final MockProcessorContext<String, String> context) {
        return head(wrapper(pace), context);
    }

    private static CommitPacing wrapper(final CommitPace pace) {
        return wrapper(new CommitPacing(System::currentTimeMillis, () -> 0), pace);
    }

    private static CommitPacing wrapper(final CommitPacing wrapper, final CommitPace pace) {
        wrapper.configure(Map.of(CommitPacing.SETUP_CONFIG, new CommitPacing.Setup(pace, LIVE, Set.of(HEAD))));
        return wrapper;
    }

    private static Processor<String, String, String, String> head(final CommitPacing wrapper,
                                                                   final MockProcessorContext<String, String> context) {
        final Processor<String, String, String, String> head =
                wrapper.<String, String, String, String>wrapProcessorSupplier(HEAD, Forwarding::new).get();
        head.init(context);
        return head;
    }

    /** Runs the punctuations scheduled and not cancelled, and checks their interval. */
    private static void punctuate(final MockProcessorContext<String, String> context) {
        context.scheduledPunctuators().stream().filter(punctuator -> !punctuator.cancelled()).forEach(punctuator -> {
            assertThat(punctuator.getInterval()).isEqualTo(LIVE);
            punctuator.getPunctuator().punctuate(0L);
        });
    }

    private static List<Duration> pendingIntervals(final MockProcessorContext<String, String> context) {
        return context.scheduledPunctuators().stream().filter(punctuator -> !punctuator.cancelled())
                .map(MockProcessorContext.CapturedPunctuator::getInterval).toList();
    }

    private static void runPending(final MockProcessorContext<String, String> context) {
        context.scheduledPunctuators().stream().filter(punctuator -> !punctuator.cancelled()).toList()
                .forEach(punctuator -> punctuator.getPunctuator().punctuate(0L));
    }

    private static long pending(final MockProcessorContext<String, String> context) {
        return context.scheduledPunctuators().stream().filter(punctuator -> !punctuator.cancelled()).count();
    }

    /** Forwards what it gets. */
    private static final class Forwarding implements Processor<String, String, String, String> {
        private org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context;

        @Override
        public void init(final org.apache.kafka.streams.processor.api.ProcessorContext<String, String> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<String, String> record) {
            context.forward(record);
        }
    }

    /** Records the names Kafka Streams offers to a wrapper, and wraps nothing. */
    public static final class Recording implements ProcessorWrapper {
        static final Set<String> OFFERED = java.util.Collections.synchronizedSet(new TreeSet<>());

        @Override
        public <KIn, VIn, KOut, VOut> WrappedProcessorSupplier<KIn, VIn, KOut, VOut> wrapProcessorSupplier(
                final String name, final ProcessorSupplier<KIn, VIn, KOut, VOut> supplier) {
            OFFERED.add(name);
            return ProcessorWrapper.asWrapped(supplier);
        }

        @Override
        public <KIn, VIn, VOut> WrappedFixedKeyProcessorSupplier<KIn, VIn, VOut> wrapFixedKeyProcessorSupplier(
                final String name, final FixedKeyProcessorSupplier<KIn, VIn, VOut> supplier) {
            OFFERED.add(name);
            return ProcessorWrapper.asWrappedFixedKey(supplier);
        }
    }
}
