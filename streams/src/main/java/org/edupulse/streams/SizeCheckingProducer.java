package org.edupulse.streams;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * The Streams producer, refusing a record above {@code max.request.size} itself instead of passing
 * it on. Kafka's producer refuses such a record too, but under exactly-once it then also puts the
 * open transaction in an abortable state (Kafka 4.3): the task's work since its last commit is
 * aborted and redone, the same record comes again, and the stream thread never gets past it,
 * whatever the production exception handler says. Refused here, the record fails alone, with the
 * same {@link RecordTooLargeException} given to Streams' callback, so that
 * {@link UnproducibleRecordHandler} can skip it and the transaction commits the rest.
 *
 * <p>The size is estimated from above: key, value and headers plus {@link #RECORD_OVERHEAD} bytes
 * for the batch and record framing, so a record refused here is one the producer would refuse, or
 * within a kilobyte of its limit.
 *
 * <p>It also times each commit of its stream thread ({@link CommitDurations}), from which
 * {@link CommitPacing} spaces the live commits.
 */
final class SizeCheckingProducer implements Producer<byte[], byte[]> {

    /** Bytes of batch header and record framing added to the payload, rounded up generously. */
    static final int RECORD_OVERHEAD = 1024;

    private final Producer<byte[], byte[]> delegate;
    private final int maxRequestSize;
    /** {@link System#nanoTime()}, the clock the commits are timed with. */
    private final LongSupplier nanos;

    SizeCheckingProducer(final Producer<byte[], byte[]> delegate, final int maxRequestSize) {
        this(delegate, maxRequestSize, System::nanoTime);
    }

    SizeCheckingProducer(final Producer<byte[], byte[]> delegate, final int maxRequestSize, final LongSupplier nanos) {
        this.delegate = delegate;
        this.maxRequestSize = maxRequestSize;
        this.nanos = nanos;
    }

    @Override
    public Future<RecordMetadata> send(final ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public Future<RecordMetadata> send(final ProducerRecord<byte[], byte[]> record, final Callback callback) {
        final long size = estimatedSize(record);
        if (size <= maxRequestSize) {
            return delegate.send(record, callback);
        }
        final RecordTooLargeException refused = new RecordTooLargeException("The record to topic " + record.topic()
                + " is about " + size + " bytes, more than max.request.size (" + maxRequestSize
                + "): refused before the producer, so that the transaction it belongs to can still commit");
        if (callback != null) {
            final TopicPartition partition = new TopicPartition(record.topic(),
                    record.partition() == null ? RecordMetadata.UNKNOWN_PARTITION : record.partition());
            callback.onCompletion(new RecordMetadata(partition, -1, -1, -1, -1, -1), refused);
        }
        final CompletableFuture<RecordMetadata> failed = new CompletableFuture<>();
        failed.completeExceptionally(refused);
        return failed;
    }

    /** An upper bound of the record's size in a batch. */
    static long estimatedSize(final ProducerRecord<byte[], byte[]> record) {
        long size = RECORD_OVERHEAD + (record.key() == null ? 0 : record.key().length)
                + (record.value() == null ? 0 : record.value().length);
        for (final Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + (header.value() == null ? 0 : header.value().length);
        }
        return size;
    }

    @Override
    public void initTransactions() {
        delegate.initTransactions();
    }

    @Override
    public void beginTransaction() {
        delegate.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(final Map<TopicPartition, OffsetAndMetadata> offsets,
                                         final ConsumerGroupMetadata groupMetadata) {
        delegate.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void commitTransaction() {
        try {
            delegate.commitTransaction();
        } finally {
            CommitDurations.committed(nanos.getAsLong());
        }
    }

    @Override
    public void abortTransaction() {
        CommitDurations.aborted();
        delegate.abortTransaction();
    }

    @Override
    public void registerMetricForSubscription(final KafkaMetric metric) {
        delegate.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(final KafkaMetric metric) {
        delegate.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        CommitDurations.flushing(nanos.getAsLong());
        delegate.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(final String topic) {
        return delegate.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return delegate.metrics();
    }

    @Override
    public Uuid clientInstanceId(final Duration timeout) {
        return delegate.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        CommitDurations.aborted();
        delegate.close();
    }

    @Override
    public void close(final Duration timeout) {
        CommitDurations.aborted();
        delegate.close(timeout);
    }
}
