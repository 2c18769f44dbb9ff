package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class SizeCheckingProducerTest {

    private static final int MAX_REQUEST_SIZE = 10_000;

    /** Runs each task on a thread of its own: a thread's commit durations are its own. */
    private static final Executor FRESH_THREAD = command -> new Thread(command).start();

    private final MockProducer<byte[], byte[]> kafka = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final SizeCheckingProducer producer = new SizeCheckingProducer(kafka, MAX_REQUEST_SIZE);

    @Test
    void shouldRefuseATooLargeRecordAloneAndLetTheTransactionCommitTheRest() throws Exception {
        // Given a transaction
        producer.initTransactions();
        producer.beginTransaction();
        final List<Exception> callbacks = new ArrayList<>();
        final int fits = MAX_REQUEST_SIZE - SizeCheckingProducer.RECORD_OVERHEAD - 1;

        // When a record that fits, one a byte too large and another that fits are sent
        producer.send(new ProducerRecord<>("out", new byte[] {1}, new byte[fits]), (m, e) -> callbacks.add(e));
        final Future<RecordMetadata> refused = producer.send(new ProducerRecord<>("out", new byte[] {1},
                new byte[fits + 1]), (m, e) -> callbacks.add(e));
        producer.send(new ProducerRecord<>("out", new byte[] {2}, new byte[10]), (m, e) -> callbacks.add(e));
        producer.commitTransaction();

        // Then the large one fails with RecordTooLargeException in its callback and future, and the
        // others are committed
        assertThat(callbacks).hasSize(3);
        assertThat(callbacks.get(1)).isInstanceOf(RecordTooLargeException.class)
                .hasMessageContaining("more than max.request.size (10000)");
        assertThat(callbacks.get(0)).isNull();
        assertThat(callbacks.get(2)).isNull();
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
        assertThat(kafka.history()).hasSize(2);
        assertThat(kafka.transactionCommitted()).isTrue();
    }

    /** The live commits are spaced by how long the stream thread's last commit took ({@link CommitPacing}). */
    @Test
    void shouldTimeEachCommitOfItsThreadFromItsFirstFlushToTheEndOfItsTransaction() throws Exception {
        onFreshThread(() -> {
            // Given a producer on a clock the test moves
            final long[] now = {5_000_000_000L};
            final SizeCheckingProducer timed = new SizeCheckingProducer(kafka, MAX_REQUEST_SIZE, () -> now[0]);
            timed.initTransactions();
            timed.beginTransaction();

            // When a commit flushes it twice (two tasks) and commits the transaction 120 ms after the first flush
            timed.flush();
            now[0] += 50_000_000;
            timed.flush();
            now[0] += 70_000_000;
            timed.commitTransaction();

            // Then the thread's last commit took 120 ms
            assertThat(CommitDurations.lastMillis()).isEqualTo(120);

            // And an aborted transaction is no commit: the next one is timed from its own first flush
            timed.beginTransaction();
            timed.flush();
            now[0] += 500_000_000;
            timed.abortTransaction();
            assertThat(CommitDurations.lastMillis()).isEqualTo(120);
            timed.beginTransaction();
            now[0] += 1_000_000_000;
            timed.flush();
            now[0] += 30_000_000;
            timed.commitTransaction();
            assertThat(CommitDurations.lastMillis()).isEqualTo(30);

            // And a producer closed after a flush (Kafka Streams replaces a fenced one) leaves no commit under
            // way for the next producer of the thread: its commit is timed from its own first flush
            timed.beginTransaction();
            timed.flush();
            timed.close();
            final MockProducer<byte[], byte[]> next = new MockProducer<>(true, null, new ByteArraySerializer(),
                    new ByteArraySerializer());
            final SizeCheckingProducer replaced = new SizeCheckingProducer(next, MAX_REQUEST_SIZE, () -> now[0]);
            replaced.initTransactions();
            replaced.beginTransaction();
            now[0] += 60_000_000_000L;
            replaced.flush();
            now[0] += 40_000_000;
            replaced.commitTransaction();
            assertThat(CommitDurations.lastMillis()).isEqualTo(40);
        });

        // And another thread has its own, none yet
        assertThat(CompletableFuture.supplyAsync(CommitDurations::lastMillis, FRESH_THREAD).get()).isZero();
    }

    @Test
    void shouldCountHeadersInTheSize() {
        // Given
        final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("out", new byte[3], new byte[5]);
        record.headers().add("origin", new byte[7]);

        // When / Then
        assertThat(SizeCheckingProducer.estimatedSize(record))
                .isEqualTo(SizeCheckingProducer.RECORD_OVERHEAD + 3 + 5 + "origin".length() + 7);
    }

    private static void onFreshThread(final Runnable body) throws Exception {
        CompletableFuture.runAsync(body, FRESH_THREAD).get();
    }
}
