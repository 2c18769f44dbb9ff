package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void shouldCountHeadersInTheSize() {
        // Given
        final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("out", new byte[3], new byte[5]);
        record.headers().add("origin", new byte[7]);

        // When / Then
        assertThat(SizeCheckingProducer.estimatedSize(record))
                .isEqualTo(SizeCheckingProducer.RECORD_OVERHEAD + 3 + 5 + "origin".length() + 7);
    }
}
