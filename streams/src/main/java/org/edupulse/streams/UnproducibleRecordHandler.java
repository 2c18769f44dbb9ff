package org.edupulse.streams;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.edupulse.serde.SchemaRegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what Kafka Streams does when it cannot write an output, changelog or repartition record,
 * so that one record that can never be written does not stop the stream thread again after every
 * restart, on every instance (a poison pill), while a failure that is not about the record still
 * stops it rather than lose records silently.
 *
 * <ul>
 *   <li>Record too large ({@link RecordTooLargeException}, {@link RecordBatchTooLargeException}) or
 *       a record its serializer cannot write: the same record fails the same way on every attempt,
 *       so it is skipped (RESUME). Streams counts it in the task's {@code dropped-records} metric
 *       and this handler logs it at ERROR with the record's origin (topic, partition, offset of the
 *       input record that produced it), the target topic and its size: the raw topics are kept for
 *       ever, so the source event can be found and fixed. It is not sent to the dead-letter topic:
 *       the failed record is the one too large to copy, and an Avro dead letter would need the
 *       schema registry inside the producer's error path.</li>
 *   <li>Serialization that failed because of the schema registry (unreachable, or refusing the
 *       schema): not about this record, every record would fail alike; skipping would drop them
 *       all. FAIL, so the thread stops and is replaced, and retries from its last commit.</li>
 *   <li>A retriable error (timeouts, leader changes): RETRY, as Kafka's default handler does.</li>
 *   <li>Anything else (authorization, a missing topic): FAIL, for an operator to fix.</li>
 * </ul>
 *
 * <p>The ingest step's field limits ({@code org.edupulse.rules.FieldLimits}) keep every record
 * derived from a valid event far below {@code max.request.size}, so this is the second line of
 * defence. Under exactly-once, Kafka's producer aborts the open transaction when it refuses a
 * record as too large (Kafka 4.3), and resuming would not help: {@link SizeCheckingProducer}
 * refuses such a record first, so that it fails alone. Both are configured by
 * {@link IndicatorsStreamsSettings#errorHandling()}.
 */
public final class UnproducibleRecordHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UnproducibleRecordHandler.class);

    @Override
    public void configure(final Map<String, ?> configs) {
        // Nothing to configure: the decisions depend on the exception only.
    }

    @Override
    public Response handleError(final ErrorHandlerContext context, final ProducerRecord<byte[], byte[]> record,
                                final Exception exception) {
        if (exception instanceof RecordTooLargeException || exception instanceof RecordBatchTooLargeException) {
            LOG.error("Skipped a record that can never be written: {} bytes to topic {}, produced from {}-{}@{} "
                    + "by node {}: {}", size(record), record.topic(), context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), exception.toString());
            return Response.resume();
        }
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return Response.fail();
    }

    @Override
    @SuppressWarnings("rawtypes") // the interface's own signature
    public Response handleSerializationError(final ErrorHandlerContext context, final ProducerRecord record,
                                             final Exception exception, final SerializationExceptionOrigin origin) {
        if (causedByTheRegistry(exception)) {
            return Response.fail();
        }
        LOG.error("Skipped a record whose {} cannot be serialized for topic {}, produced from {}-{}@{} by node {}: {}",
                origin.toString().toLowerCase(Locale.ROOT), record.topic(), context.topic(),
                context.partition(), context.offset(), context.processorNodeId(), exception.toString());
        return Response.resume();
    }

    /** Whether the schema registry, not the record, is the problem: a registry error or an I/O failure in the chain. */
    private static boolean causedByTheRegistry(final Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SchemaRegistryException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static int size(final ProducerRecord<byte[], byte[]> record) {
        return (record.key() == null ? 0 : record.key().length) + (record.value() == null ? 0 : record.value().length);
    }
}
