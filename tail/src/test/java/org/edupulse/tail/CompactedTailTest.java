package org.edupulse.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The retry loop, barrier and health of the shared tail. A {@link MockConsumer} injects the failures:
 * what is under test is our loop's answer to them, not Kafka's behaviour. Where a record must be
 * read again, a {@link DeserializingConsumer} runs a deserializer over its bytes at every poll.
 */
class CompactedTailTest {

    private static final String TOPIC = "edupulse.test.compacted";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final TailPolicy FAST = new TailPolicy(Duration.ofMillis(10), Duration.ofMillis(50),
            Duration.ofSeconds(30));

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final Map<String, String> read = new ConcurrentHashMap<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private CompactedTail<String, String> tail;

    @AfterEach
    void close() {
        if (tail != null) {
            tail.close();
        }
        tailLogger().detachAppender(logs);
    }

    private void topicExists(final long endOffset) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, endOffset));
    }

    private void write(final long offset, final String key, final String value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key, value));
    }

    /** MockConsumer takes records only for assigned partitions: the tail assigns them when it starts. */
    private void awaitAssigned() {
        await().atMost(WAIT).until(() -> !consumer.assignment().isEmpty());
    }

    private CompactedTail<String, String> start(final RecordHandler<String, String> handler, final Clock clock) {
        return CompactedTail.start("test", TOPIC, consumer, handler, FAST, clock);
    }

    private CompactedTail<String, String> startIntoMap() {
        return start(record -> read.put(record.key(), String.valueOf(record.value())), Clock.systemUTC());
    }

    @Test
    void shouldReportTheErrorAndNotCaughtUpWhileTheTopicIsMissingThenRecover() {
        // Given: the topic is not provisioned yet
        tail = startIntoMap();

        // Then: the tail keeps trying and says why it is not ready
        await().atMost(WAIT).until(() -> tail.health().failures() >= 2);
        final TailHealth missing = tail.health();
        assertThat(missing.healthy()).isFalse();
        assertThat(missing.caughtUp()).isFalse();
        assertThat(missing.error()).contains("does not exist");
        assertThat(missing.problem()).contains(TOPIC);
        assertThat(tail.awaitCaughtUp(Duration.ofMillis(100))).isFalse();

        // When: the topic appears
        topicExists(0);

        // Then
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> tail.health().healthy());
        assertThat(tail.health().error()).isNull();
        assertThat(tail.health().lastSuccessfulPoll()).isNotNull();
    }

    @Test
    void shouldKeepReadingAfterAFailedPoll() {
        // Given: a tail that has caught up with an empty topic
        topicExists(0);
        tail = startIntoMap();
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();

        // When: a poll fails (a broker away), then a record is written
        consumer.setPollException(new KafkaException("broker went away"));
        await().atMost(WAIT).until(() -> tail.health().failures() == 1);
        write(0, "key-1", "revoked");
        consumer.updateEndOffsets(Map.of(P0, 1L));

        // Then: the record written after the failure is read, and health is back to UP
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsEntry("key-1", "revoked");
        await().atMost(WAIT).until(() -> tail.health().healthy());
        assertThat(tail.health().failures()).isEqualTo(1);
    }

    @Test
    void shouldSkipAnUnreadableRecordAndReadTheNextOnes() {
        // Given
        topicExists(0);
        tail = startIntoMap();
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();

        // When: the record at offset 0 cannot be deserialized; offsets 1 and 2 can
        consumer.setPollException(new RecordDeserializationException(P0, 0, "not Avro", null));
        write(1, "key-1", "one");
        write(2, "key-2", "two");
        consumer.updateEndOffsets(Map.of(P0, 3L));

        // Then
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsEntry("key-1", "one").containsEntry("key-2", "two");
        assertThat(tail.health().skipped()).isEqualTo(1);
        assertThat(tail.health().healthy()).isTrue();
    }

    @Test
    void shouldKeepItsPlaceWhileARecordCannotBeReadForNowAndReadOnInOrderOnceItCan() {
        // Given: three records; the deserializer cannot read the second while the registry is away
        final AtomicBoolean registryAnswers = new AtomicBoolean(false);
        final AtomicInteger attemptsAtTheSecond = new AtomicInteger();
        final DeserializingConsumer deserializing = new DeserializingConsumer(P0, (topic, bytes) -> {
            final String value = new String(bytes, StandardCharsets.UTF_8);
            if (value.equals("revoked")) {
                attemptsAtTheSecond.incrementAndGet();
                if (!registryAnswers.get()) {
                    throw new RegistryAway("schema registry http://registry:8081 did not answer");
                }
            }
            return value;
        });
        readable(deserializing);
        deserializing.append("key-0", "active");
        deserializing.append("key-1", "revoked");
        deserializing.append("key-2", "active");
        final List<Long> handled = new CopyOnWriteArrayList<>();
        captureLogs();
        tail = CompactedTail.start("test", TOPIC, deserializing, record -> {
            handled.add(record.offset());
            read.put(record.key(), record.value());
        }, FAST, RegistryAway.class::isInstance);

        // When: the tail has tried the second record several times
        await().atMost(WAIT).until(() -> attemptsAtTheSecond.get() >= 4);

        // Then: it holds its place, skips nothing, says why it is not ready, and has logged that once
        assertThat(handled).containsExactly(0L);
        final TailHealth waiting = tail.health();
        assertThat(waiting.healthy()).isFalse();
        assertThat(waiting.caughtUp()).isFalse();
        assertThat(waiting.skipped()).isZero();
        assertThat(waiting.error()).contains(P0.toString()).contains("offset 1").contains("did not answer");
        assertThat(waiting.toMap()).containsEntry("status", "DOWN");
        assertThat(tail.awaitCaughtUp(Duration.ofMillis(100))).isFalse();
        assertThat(warnings()).hasSize(1);

        // When: the registry answers again
        registryAnswers.set(true);

        // Then: the record is read, in its place, and the tail is healthy again
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(handled).containsExactly(0L, 1L, 2L);
        assertThat(read).containsEntry("key-1", "revoked");
        await().atMost(WAIT).until(() -> tail.health().healthy());
        assertThat(tail.health().skipped()).isZero();
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void shouldReadARecordThatFailedForNowOnTheFirstAttemptThatSucceeds() {
        // Given: a deserializer that cannot read the first record in its first three attempts
        final AtomicInteger failuresLeft = new AtomicInteger(3);
        final DeserializingConsumer deserializing = new DeserializingConsumer(P0, (topic, bytes) -> {
            final String value = new String(bytes, StandardCharsets.UTF_8);
            if (value.equals("revoked") && failuresLeft.getAndDecrement() > 0) {
                throw new RegistryAway("registry timed out");
            }
            return value;
        });
        readable(deserializing);
        deserializing.append("key-1", "revoked");
        deserializing.append("key-2", "active");

        // When
        tail = CompactedTail.start("test", TOPIC, deserializing,
                record -> read.put(record.key(), record.value()), FAST, RegistryAway.class::isInstance);

        // Then
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsOnly(Map.entry("key-1", "revoked"), Map.entry("key-2", "active"));
        assertThat(tail.health().skipped()).isZero();
        assertThat(tail.health().failures()).isEqualTo(3);
        await().atMost(WAIT).until(() -> tail.health().healthy());
    }

    @Test
    void shouldSkipAndCountARecordThatIsDefinitelyBadEvenWhenSomeFailuresAreTransient() {
        // Given: the second record is not in the wire format at all
        final DeserializingConsumer deserializing = new DeserializingConsumer(P0, (topic, bytes) -> {
            final String value = new String(bytes, StandardCharsets.UTF_8);
            if (value.equals("garbage")) {
                throw new SerializationException("Unknown magic byte 103 in a record of topic " + topic);
            }
            return value;
        });
        readable(deserializing);
        deserializing.append("key-0", "active");
        deserializing.append("key-1", "garbage");
        deserializing.append("key-2", "active");

        // When
        tail = CompactedTail.start("test", TOPIC, deserializing,
                record -> read.put(record.key(), record.value()), FAST, RegistryAway.class::isInstance);

        // Then
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsOnlyKeys("key-0", "key-2");
        assertThat(tail.health().skipped()).isEqualTo(1);
        await().atMost(WAIT).until(() -> tail.health().healthy());
    }

    @Test
    void shouldSkipARecordItsHandlerCannotTakeAndReadTheNextOnes() {
        // Given
        topicExists(2);
        tail = start(record -> {
            if (record.key().equals("poison")) {
                throw new IllegalArgumentException("cannot take it");
            }
            read.put(record.key(), record.value());
        }, Clock.systemUTC());
        awaitAssigned();

        // When
        write(0, "poison", "x");
        write(1, "key-1", "one");

        // Then
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsOnlyKeys("key-1");
        assertThat(tail.health().skipped()).isEqualTo(1);
    }

    @Test
    void shouldReleaseTheBarrierOnlyOnceEverythingWrittenBeforeItIsRead() {
        // Given: five records in the topic, of which only three can be fetched yet
        topicExists(5);
        tail = startIntoMap();
        awaitAssigned();
        write(0, "k0", "v");
        write(1, "k1", "v");
        write(2, "k2", "v");

        // Then
        assertThat(tail.awaitCaughtUp(Duration.ofMillis(300))).isFalse();
        assertThat(tail.health().caughtUp()).isFalse();
        assertThat(tail.health().healthy()).isFalse();

        // When
        write(3, "k3", "v");
        write(4, "k4", "v");

        // Then
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsOnlyKeys("k0", "k1", "k2", "k3", "k4");
        await().atMost(WAIT).until(() -> tail.health().caughtUp());
    }

    @Test
    void shouldBeStaleWhenNoPollHasSucceededForLongerThanThePolicyAllows() throws Exception {
        // Given: a tail whose handler hangs on the second record
        topicExists(1);
        final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T01:00:00Z"));
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch hanging = new CountDownLatch(1);
        tail = start(record -> {
            if (record.key().equals("hang")) {
                hanging.countDown();
                await().atMost(WAIT).until(() -> release.getCount() == 0);
            }
            read.put(record.key(), record.value());
        }, clock);
        awaitAssigned();
        write(0, "k0", "v");
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> tail.health().healthy());
        consumer.schedulePollTask(() -> write(1, "hang", "v"));
        assertThat(hanging.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // When: 31 s pass without a successful poll
        clock.advance(Duration.ofSeconds(31));

        // Then
        final TailHealth health = tail.health();
        assertThat(health.stale()).isTrue();
        assertThat(health.healthy()).isFalse();
        assertThat(health.problem()).contains("no successful read");
        assertThat(health.toMap()).containsEntry("status", "DOWN");
        release.countDown();
        await().atMost(WAIT).until(() -> tail.health().healthy());
    }

    @Test
    void shouldFailBarriersWhenClosed() {
        // Given
        tail = startIntoMap();

        // When
        tail.close();

        // Then
        assertThat(tail.awaitCaughtUp(Duration.ofSeconds(1))).isFalse();
        assertThat(tail.sync()).isCompletedExceptionally();
    }

    @Test
    void shouldStartAtTheEndWhenAskedAndReadOnlyWhatFollows() {
        // Given: two records already in the topic (MockConsumer takes them once the partition is assigned)
        topicExists(2);

        // When: a live tail starts from the end
        tail = CompactedTail.reading("live", TOPIC, consumer).policy(FAST).from(TailStart.end())
                .start(record -> read.put(record.key(), String.valueOf(record.value())));
        awaitAssigned();
        write(0, "old-1", "before");
        write(1, "old-2", "before");

        // Then: caught up once positioned at the end, without the old records; a new one is read
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> tail.health().healthy());
        write(2, "new", "after");
        consumer.updateEndOffsets(Map.of(P0, 3L));
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(read).containsOnlyKeys("new");
    }

    @Test
    void shouldStartAtTheFirstRecordOfTheLookBackWindow() {
        // Given: the broker says the first record at most an hour old is at offset 1
        final Instant now = Instant.parse("2025-03-01T08:00:00Z");
        final AtomicReference<Long> askedFor = new AtomicReference<>();
        final MockConsumer<String, String> windowed = new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(
                    final Map<TopicPartition, Long> timestamps, final Duration timeout) {
                askedFor.set(timestamps.get(P0));
                return Map.of(P0, new OffsetAndTimestamp(1, timestamps.get(P0)));
            }
        };
        readable(windowed);
        windowed.updateEndOffsets(Map.of(P0, 3L));

        // When
        tail = CompactedTail.reading("history", TOPIC, windowed).policy(FAST)
                .from(TailStart.lookBack(Duration.ofHours(1))).clock(Clock.fixed(now, ZoneOffset.UTC))
                .start(record -> read.put(record.key(), String.valueOf(record.value())));
        await().atMost(WAIT).until(() -> !windowed.assignment().isEmpty());
        windowed.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, "too-old", "x"));
        windowed.addRecord(new ConsumerRecord<>(TOPIC, 0, 1, "in-window-1", "y"));
        windowed.addRecord(new ConsumerRecord<>(TOPIC, 0, 2, "in-window-2", "z"));

        // Then: it asked from an hour before its clock's now, and caught up from offset 1
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();
        assertThat(askedFor.get()).isEqualTo(now.minus(Duration.ofHours(1)).toEpochMilli());
        assertThat(read).containsOnlyKeys("in-window-1", "in-window-2");
    }

    @Test
    void shouldCompleteAReachedBarrierOnceItsRecordIsHandled() throws Exception {
        // Given: a tail that has caught up with an empty topic
        topicExists(0);
        tail = startIntoMap();
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();

        // When: a writer waits for the record it is about to see at offset 1
        final var ownWrite = tail.reached(P0, 1);

        // Then: not before offset 1 is handled, then at once
        write(0, "other", "first");
        await().atMost(WAIT).until(() -> read.containsKey("other"));
        assertThat(ownWrite).isNotDone();
        write(1, "mine", "second");
        ownWrite.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(read).containsEntry("mine", "second");
        // A barrier already passed completes too.
        tail.reached(P0, 0).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void shouldRejectABarrierOnAnotherTopicOrPartition() {
        // Given
        topicExists(0);
        tail = startIntoMap();
        assertThat(tail.awaitCaughtUp(WAIT)).isTrue();

        // When / Then
        assertThatThrownBy(() -> tail.reached(new TopicPartition("other", 0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        final var noSuchPartition = tail.reached(new TopicPartition(TOPIC, 7), 0);
        await().atMost(WAIT).until(noSuchPartition::isCompletedExceptionally);
    }

    private static void readable(final MockConsumer<String, String> mock) {
        mock.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        mock.updateBeginningOffsets(Map.of(P0, 0L));
        mock.updateEndOffsets(Map.of(P0, 0L));
    }

    private static Logger tailLogger() {
        return (Logger) LoggerFactory.getLogger(CompactedTail.class);
    }

    private void captureLogs() {
        logs.start();
        tailLogger().addAppender(logs);
    }

    private List<ILoggingEvent> warnings() {
        // The appender adds under its own lock, on the tail's thread.
        synchronized (logs) {
            return logs.list.stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        }
    }

    /** What a serde throws when the schema registry cannot answer: not the record's fault. */
    private static final class RegistryAway extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RegistryAway(final String message) {
            super(message);
        }
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private final AtomicReference<Instant> now;

        MutableClock(final Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void advance(final Duration duration) {
            now.updateAndGet(instant -> instant.plus(duration));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
