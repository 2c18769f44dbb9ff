package org.edupulse.tail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one topic on its own thread: every partition, from the beginning (or from the end, or a
 * look-back window: {@link TailStart}), without a consumer group (every instance needs the whole
 * topic and commits nothing), then follows it. The one way EduPulse tails a topic, compacted or not
 * (API keys, entity holders, school versions, periods, the indicator history and live feed, the
 * schema registry's store), so that every reader has the same failure policy and the same health
 * signal:
 * <ul>
 *   <li>It never stops on an error. A missing topic, a refused ACL, a broker that is away: the
 *       attempt is logged and counted, and retried after a back-off ({@link TailPolicy}). A record
 *       that cannot be deserialized or handled is logged, counted and skipped, unless its
 *       deserializer failed for a reason that is not the record's (the caller's
 *       {@code transientFailure} says which: a schema registry that does not answer, say). Then
 *       the tail keeps its place: it reads that record again after the back-off, and goes on in
 *       offset order once it can, and until then it is not healthy and its barriers wait. Such an
 *       episode is logged once when it starts and once when it ends, not at every attempt.</li>
 *   <li>{@link #sync()} / {@link #awaitCaughtUp(Duration)} is a barrier: it completes once
 *       everything written to the topic before the call has been handed to the handler;
 *       {@link #reached(TopicPartition, long)} one that completes once a given record has (a writer
 *       reading its own write).</li>
 *   <li>{@link #health()} says whether it has caught up once, when it last polled successfully
 *       and what the current error is, so the servers that answer from it can refuse to. Since a
 *       consumer's poll simply returns nothing while the brokers are away, the tail also asks them
 *       for the end offsets every third of {@link TailPolicy#staleAfter()}; a failure is an error.</li>
 * </ul>
 */
public final class CompactedTail<K, V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTail.class);
    private static final Duration DEFAULT_POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The default classification: no failure of a deserializer is transient, so every record that
     * cannot be deserialized is skipped. Callers whose deserializers depend on something that can be
     * away (a schema registry) pass their own.
     */
    public static final Predicate<Throwable> NO_TRANSIENT_FAILURES = failure -> false;

    private final String name;
    private final String topic;
    private final Consumer<K, V> consumer;
    private final RecordHandler<K, V> handler;
    private final TailPolicy policy;
    private final Predicate<Throwable> transientFailure;
    private final Clock clock;
    private final TailStart from;
    private final Duration pollTimeout;
    private final Queue<SyncRequest> syncRequests = new ConcurrentLinkedQueue<>();
    /** Barriers waiting for positions, touched on the tail's thread only. */
    private final List<PendingSync> pending = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile boolean caughtUp;
    private volatile Instant lastSuccessfulPoll;
    private volatile String error;
    /** When the brokers last answered an end-offsets request (tail thread only). */
    private Instant lastBrokerAnswer;
    /** Null until the partitions are assigned (tail thread only). */
    private List<TopicPartition> partitions;
    /**
     * The offset of each partition whose record the tail could not deserialize for a transient
     * reason and waits to read again (tail thread only).
     */
    private final Map<TopicPartition, Long> held = new HashMap<>();
    /** Why the tail waits on {@link #held} records, for health; null while it holds none. */
    private volatile String holding;

    private CompactedTail(final String name, final String topic, final Consumer<K, V> consumer,
                          final RecordHandler<K, V> handler, final TailPolicy policy,
                          final Predicate<Throwable> transientFailure, final Clock clock, final TailStart from,
                          final Duration pollTimeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.transientFailure = Objects.requireNonNull(transientFailure, "transientFailure");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.from = Objects.requireNonNull(from, "from");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        if (pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("pollTimeout must be positive, was " + pollTimeout);
        }
        this.thread = new Thread(this::run, "edupulse-tail-" + name);
        this.thread.setDaemon(true);
        // The first barrier is the start-up catch-up that health reports.
        sync().thenRun(() -> caughtUp = true);
    }

    /**
     * Starts tailing {@code topic} with {@code consumer}, which the tail owns from now on and closes
     * on {@link #close()}. The consumer must not be in a group; the tail assigns it every partition.
     * Every record that cannot be deserialized is skipped ({@link #NO_TRANSIENT_FAILURES}).
     */
    public static <K, V> CompactedTail<K, V> start(final String name, final String topic, final Consumer<K, V> consumer,
                                                   final RecordHandler<K, V> handler, final TailPolicy policy) {
        return start(name, topic, consumer, handler, policy, NO_TRANSIENT_FAILURES, Clock.systemUTC());
    }

    /** Like {@link #start(String, String, Consumer, RecordHandler, TailPolicy)} with the clock health is judged by. */
    public static <K, V> CompactedTail<K, V> start(final String name, final String topic, final Consumer<K, V> consumer,
                                                   final RecordHandler<K, V> handler, final TailPolicy policy,
                                                   final Clock clock) {
        return start(name, topic, consumer, handler, policy, NO_TRANSIENT_FAILURES, clock);
    }

    /**
     * Like {@link #start(String, String, Consumer, RecordHandler, TailPolicy)}, but a record whose
     * deserializer failed with an exception {@code transientFailure} accepts is not skipped: the tail
     * reads it again after the back-off, and waits (not healthy) until it can. The predicate gets
     * the deserializer's exception, the cause of Kafka's {@link RecordDeserializationException}.
     */
    public static <K, V> CompactedTail<K, V> start(final String name, final String topic, final Consumer<K, V> consumer,
                                                   final RecordHandler<K, V> handler, final TailPolicy policy,
                                                   final Predicate<Throwable> transientFailure) {
        return start(name, topic, consumer, handler, policy, transientFailure, Clock.systemUTC());
    }

    /** Like {@link #start(String, String, Consumer, RecordHandler, TailPolicy, Predicate)} with the clock health is judged by. */
    public static <K, V> CompactedTail<K, V> start(final String name, final String topic, final Consumer<K, V> consumer,
                                                   final RecordHandler<K, V> handler, final TailPolicy policy,
                                                   final Predicate<Throwable> transientFailure, final Clock clock) {
        return CompactedTail.reading(name, topic, consumer).policy(policy).transientFailure(transientFailure)
                .clock(clock).start(handler);
    }

    /**
     * A tail of {@code topic} with {@code consumer} (which the tail will own), to be configured and then
     * started with {@link Builder#start(RecordHandler)}: by default from the beginning, with
     * {@link TailPolicy#DEFAULT}, {@link #NO_TRANSIENT_FAILURES} and the system clock.
     */
    public static <K, V> Builder<K, V> reading(final String name, final String topic, final Consumer<K, V> consumer) {
        return new Builder<>(name, topic, consumer);
    }

    public String name() {
        return name;
    }

    public String topic() {
        return topic;
    }

    /** Completes once every record written to the topic before this call has been handled. */
    public CompletableFuture<Void> sync() {
        return request(null);
    }

    /**
     * Completes once the tail has read past the record at {@code offset} of {@code partition}: the
     * record and every one before it in that partition have been handed to the handler (or skipped
     * as unreadable). What a writer waits on to read its own write.
     */
    public CompletableFuture<Void> reached(final TopicPartition partition, final long offset) {
        Objects.requireNonNull(partition, "partition");
        if (!topic.equals(partition.topic())) {
            throw new IllegalArgumentException("the " + name + " tail reads " + topic + ", not " + partition.topic());
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        return request(Map.of(partition, offset + 1));
    }

    private CompletableFuture<Void> request(final Map<TopicPartition, Long> positions) {
        final CompletableFuture<Void> request = new CompletableFuture<>();
        if (closed) {
            request.completeExceptionally(new IllegalStateException("the " + name + " tail is closed"));
        } else {
            syncRequests.add(new SyncRequest(positions, request));
        }
        return request;
    }

    /** Whether {@link #sync()} completed within {@code timeout}. */
    public boolean awaitCaughtUp(final Duration timeout) {
        try {
            sync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (final ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** The tail's state now. */
    public TailHealth health() {
        final Instant last = lastSuccessfulPoll;
        final boolean stale = last == null || Duration.between(last, clock.instant()).compareTo(policy.staleAfter()) > 0;
        final String failing = error;
        return new TailHealth(name, topic, caughtUp, last, stale, failing != null ? failing : holding, failures.get(),
                skipped.get());
    }

    @Override
    public void close() {
        closed = true;
        closing.countDown();
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = policy.initialBackoff();
        try {
            while (!closed) {
                try {
                    // While a record is held, its retries keep their back-off even if other partitions read on.
                    if (attempt() && held.isEmpty()) {
                        backoff = policy.initialBackoff();
                    }
                } catch (final WakeupException e) {
                    if (!closed) {
                        backoff = failed(e, backoff);
                    }
                } catch (final RecordDeserializationException e) {
                    backoff = isTransient(e) ? holdUnreadable(e, backoff) : skipUnreadable(e, backoff);
                } catch (final RuntimeException e) {
                    backoff = failed(e, backoff);
                }
            }
        } catch (final Error e) {
            // Out of memory and the like: the tail must not die without saying so.
            error = "stopped: " + e;
            LOG.error("{} tail stopped reading {}", name, topic, e);
            throw e;
        } finally {
            failOutstanding();
            closeConsumer();
        }
    }

    /** One round: assign if needed, take barriers, poll, hand records over, release barriers. Whether it got anywhere. */
    private boolean attempt() {
        if (partitions == null) {
            final List<TopicPartition> found = partitionsOfTopic();
            consumer.assign(found);
            position(found);
            partitions = found;
        }
        takeSyncRequests();
        if (!pending.isEmpty()) {
            // A barrier already reached (a writer's own record read in an earlier poll) need not wait for one more.
            completeReachedSyncs();
        }
        for (final ConsumerRecord<K, V> record : consumer.poll(pollTimeout)) {
            handle(record);
        }
        final Instant now = clock.instant();
        if (lastBrokerAnswer == null || Duration.between(lastBrokerAnswer, now).compareTo(brokerCheckEvery()) >= 0) {
            // A consumer's poll returns empty, not an error, while the brokers are away: ask them.
            consumer.endOffsets(partitions, METADATA_TIMEOUT);
            lastBrokerAnswer = now;
        }
        // Healthy again before any barrier opens: whoever waited on one sees the tail's state after this round.
        lastSuccessfulPoll = now;
        if (error != null) {
            LOG.info("{} tail reads {} again after {} failed attempt(s)", name, topic, failures.get());
        }
        error = null;
        releaseHeld();
        completeReachedSyncs();
        return true;
    }

    /** Seeks every partition to where {@link #from} says. */
    private void position(final List<TopicPartition> found) {
        switch (from.kind()) {
            case BEGINNING -> consumer.seekToBeginning(found);
            case END -> consumer.seekToEnd(found);
            case LOOK_BACK -> {
                final long since = clock.instant().minus(from.lookBack()).toEpochMilli();
                final Map<TopicPartition, Long> times = new HashMap<>();
                found.forEach(partition -> times.put(partition, since));
                final Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, METADATA_TIMEOUT);
                final List<TopicPartition> nothingSince = new ArrayList<>();
                for (final TopicPartition partition : found) {
                    final OffsetAndTimestamp first = offsets.get(partition);
                    if (first == null) {
                        nothingSince.add(partition);
                    } else {
                        consumer.seek(partition, first.offset());
                    }
                }
                if (!nothingSince.isEmpty()) {
                    // An empty collection would mean every assigned partition.
                    consumer.seekToEnd(nothingSince);
                }
            }
            default -> throw new IllegalStateException("unknown start " + from);
        }
    }

    private Duration brokerCheckEvery() {
        return policy.staleAfter().dividedBy(3);
    }

    private List<TopicPartition> partitionsOfTopic() {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist (yet); is it provisioned?");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private void handle(final ConsumerRecord<K, V> record) {
        try {
            handler.handle(record);
        } catch (final RuntimeException e) {
            skipped.incrementAndGet();
            LOG.error("{} tail skips record {}-{}@{} it could not handle: {}", name, record.topic(), record.partition(),
                    record.offset(), e.toString(), e);
        }
    }

    private boolean isTransient(final RecordDeserializationException e) {
        final Throwable cause = e.getCause();
        return cause != null && transientFailure.test(cause);
    }

    private Duration skipUnreadable(final RecordDeserializationException e, final Duration backoff) {
        skipped.incrementAndGet();
        LOG.error("{} tail skips an unreadable record of {} at offset {}: {}", name, e.topicPartition(), e.offset(),
                e.getCause() == null ? e.getMessage() : e.getCause().toString());
        if (held.remove(e.topicPartition()) != null && held.isEmpty()) {
            holding = null;
        }
        try {
            consumer.seek(e.topicPartition(), e.offset() + 1);
            return backoff;
        } catch (final RuntimeException seekFailed) {
            return failed(seekFailed, backoff);
        }
    }

    /**
     * The record could not be read for a reason that is not its own: stay at its offset and read it
     * again after the back-off. Logged when a new record is held, not at every attempt.
     */
    private Duration holdUnreadable(final RecordDeserializationException e, final Duration backoff) {
        final TopicPartition partition = e.topicPartition();
        final Long before = held.put(partition, e.offset());
        holding = "waiting to read the record of " + partition + " at offset " + e.offset()
                + ", which cannot be deserialized for now: " + e.getCause();
        failures.incrementAndGet();
        if (before == null || before != e.offset()) {
            LOG.warn("{} tail cannot deserialize the record of {} at offset {} for now: {}; it keeps its place, "
                            + "is not ready, and reads it again after a back-off of {} ms doubling up to {} ms",
                    name, partition, e.offset(), e.getCause(), backoff.toMillis(), policy.maxBackoff().toMillis());
        }
        try {
            // Kafka's consumer stays at a record it could not deserialize; the seek makes sure of it.
            consumer.seek(partition, e.offset());
        } catch (final RuntimeException seekFailed) {
            return failed(seekFailed, backoff);
        }
        return pause(backoff);
    }

    /** Lets go of each held record the consumer has read past since. */
    private void releaseHeld() {
        if (held.isEmpty()) {
            return;
        }
        final Iterator<Map.Entry<TopicPartition, Long>> it = held.entrySet().iterator();
        while (it.hasNext()) {
            final Map.Entry<TopicPartition, Long> entry = it.next();
            if (consumer.position(entry.getKey(), METADATA_TIMEOUT) > entry.getValue()) {
                LOG.info("{} tail read the record of {} at offset {} it had been waiting for, and reads on",
                        name, entry.getKey(), entry.getValue());
                it.remove();
            }
        }
        if (held.isEmpty()) {
            holding = null;
        }
    }

    private Duration failed(final RuntimeException e, final Duration backoff) {
        final long count = failures.incrementAndGet();
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        LOG.warn("{} tail could not read {} (failure {}): {}; retrying in {} ms", name, topic, count, error,
                backoff.toMillis());
        return pause(backoff);
    }

    /** Waits {@code backoff} on the tail's own thread between attempts (close() cuts it short); the next one. */
    private Duration pause(final Duration backoff) {
        try {
            closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            closed = true;
        }
        return policy.next(backoff);
    }

    private void takeSyncRequests() {
        if (syncRequests.isEmpty()) {
            return;
        }
        // End offsets first: if the call fails, the requests stay queued for the next attempt.
        final boolean toTheEnd = syncRequests.stream().anyMatch(request -> request.positions() == null);
        final Map<TopicPartition, Long> ends = toTheEnd
                ? new HashMap<>(consumer.endOffsets(partitions, METADATA_TIMEOUT))
                : Map.of();
        if (toTheEnd) {
            lastBrokerAnswer = clock.instant();
        }
        for (SyncRequest request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            if (request.positions() == null) {
                pending.add(new PendingSync(ends, request.future()));
            } else if (partitions.containsAll(request.positions().keySet())) {
                pending.add(new PendingSync(request.positions(), request.future()));
            } else {
                request.future().completeExceptionally(new IllegalArgumentException("the " + name + " tail has no "
                        + request.positions().keySet() + "; its partitions are " + partitions));
            }
        }
    }

    private void completeReachedSyncs() {
        final Iterator<PendingSync> it = pending.iterator();
        while (it.hasNext()) {
            final PendingSync sync = it.next();
            if (sync.ends().entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                sync.request().complete(null);
                it.remove();
            }
        }
    }

    private void failOutstanding() {
        final IllegalStateException stopped = new IllegalStateException("the " + name + " tail stopped");
        pending.forEach(sync -> sync.request().completeExceptionally(stopped));
        pending.clear();
        for (SyncRequest request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            request.future().completeExceptionally(stopped);
        }
    }

    private void closeConsumer() {
        try {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        } catch (final RuntimeException e) {
            LOG.warn("{} tail: error closing its consumer: {}", name, e.toString());
        }
    }

    private record PendingSync(Map<TopicPartition, Long> ends, CompletableFuture<Void> request) {
    }

    /** A barrier asked for: to given positions, or (null) to the end offsets when the tail takes it. */
    private record SyncRequest(Map<TopicPartition, Long> positions, CompletableFuture<Void> future) {
    }

    /** How a tail is configured before it starts; every setting has a default. */
    public static final class Builder<K, V> {

        private final String name;
        private final String topic;
        private final Consumer<K, V> consumer;
        private TailStart from = TailStart.beginning();
        private TailPolicy policy = TailPolicy.DEFAULT;
        private Predicate<Throwable> transientFailure = NO_TRANSIENT_FAILURES;
        private Clock clock = Clock.systemUTC();
        private Duration pollTimeout = DEFAULT_POLL;

        private Builder(final String name, final String topic, final Consumer<K, V> consumer) {
            this.name = Objects.requireNonNull(name, "name");
            this.topic = Objects.requireNonNull(topic, "topic");
            this.consumer = Objects.requireNonNull(consumer, "consumer");
        }

        /** Where to start reading; {@link TailStart#beginning()} by default. */
        public Builder<K, V> from(final TailStart start) {
            this.from = Objects.requireNonNull(start, "start");
            return this;
        }

        public Builder<K, V> policy(final TailPolicy tailPolicy) {
            this.policy = Objects.requireNonNull(tailPolicy, "policy");
            return this;
        }

        /**
         * Which failures of a deserializer are not the record's, so that the record is read again rather
         * than skipped; see {@link CompactedTail#start(String, String, Consumer, RecordHandler, TailPolicy, Predicate)}.
         */
        public Builder<K, V> transientFailure(final Predicate<Throwable> isTransient) {
            this.transientFailure = Objects.requireNonNull(isTransient, "transientFailure");
            return this;
        }

        /** The clock health and look-back windows are judged by. */
        public Builder<K, V> clock(final Clock healthClock) {
            this.clock = Objects.requireNonNull(healthClock, "clock");
            return this;
        }

        /**
         * How long one poll waits for records (200 ms by default); barriers are taken between polls, so a
         * reader whose writers wait on {@link CompactedTail#reached} wants it short.
         */
        public Builder<K, V> pollTimeout(final Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout, "pollTimeout");
            return this;
        }

        /** Starts the tail's thread; the tail owns the consumer from now on. */
        public CompactedTail<K, V> start(final RecordHandler<K, V> handler) {
            final CompactedTail<K, V> tail = new CompactedTail<>(name, topic, consumer, handler, policy,
                    transientFailure, clock, from, pollTimeout);
            tail.thread.start();
            return tail;
        }
    }
}
