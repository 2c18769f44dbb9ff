package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.Result;
import org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin;
import org.apache.kafka.streams.processor.TaskId;
import org.edupulse.serde.SchemaRegistryException;
import org.junit.jupiter.api.Test;

class UnproducibleRecordHandlerTest {

    /** The input record the failed output was produced from. */
    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        @Override
        public String topic() {
            return "edupulse.staff.events";
        }

        @Override
        public int partition() {
            return 3;
        }

        @Override
        public long offset() {
            return 42;
        }

        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "staff-by-id";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 3);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    };

    private final ProductionExceptionHandler handler = new UnproducibleRecordHandler();
    private final ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("edupulse-staff-repartition",
            new byte[] {1}, new byte[2_000_000]);

    @Test
    void shouldSkipARecordTooLargeToEverBeWrittenSoTheThreadCarriesOn() {
        // Given / When
        final ProductionExceptionHandler.Response tooLarge = handler.handleError(CONTEXT, record,
                new RecordTooLargeException("The message is 2000001 bytes when serialized"));
        final ProductionExceptionHandler.Response batchTooLarge = handler.handleError(CONTEXT, record,
                new RecordBatchTooLargeException("batch too large"));

        // Then
        assertThat(tooLarge.result()).isEqualTo(Result.RESUME);
        assertThat(tooLarge.deadLetterQueueRecords()).isEmpty();
        assertThat(batchTooLarge.result()).isEqualTo(Result.RESUME);
    }

    @Test
    void shouldRetryATransientFailureAndFailOnOneAnOperatorMustFix() {
        // Given / When / Then
        assertThat(handler.handleError(CONTEXT, record, new TimeoutException("no leader")).result())
                .isEqualTo(Result.RETRY);
        assertThat(handler.handleError(CONTEXT, record, new TopicAuthorizationException("denied")).result())
                .isEqualTo(Result.FAIL);
    }

    @Test
    void shouldSkipARecordItsSerializerCannotWrite() {
        // Given
        final SerializationException unwritable = new SerializationException("Could not write a DeadLetter",
                new NullPointerException("null of string in field reason"));

        // When
        final ProductionExceptionHandler.Response response = handler.handleSerializationError(CONTEXT, record,
                unwritable, SerializationExceptionOrigin.VALUE);

        // Then
        assertThat(response.result()).isEqualTo(Result.RESUME);
    }

    @Test
    void shouldNotDropRecordsWhileTheSchemaRegistryFails() {
        // Given
        final SerializationException unreachable = new SerializationException("Could not get a schema id",
                new SchemaRegistryException("Schema registry [http://registry:8081] unreachable",
                        new IOException("Connection refused")));
        final SerializationException io = new SerializationException("Could not write", new IOException("reset"));

        // When / Then
        assertThat(handler.handleSerializationError(CONTEXT, record, unreachable, SerializationExceptionOrigin.VALUE)
                .result()).isEqualTo(Result.FAIL);
        assertThat(handler.handleSerializationError(CONTEXT, record, io, SerializationExceptionOrigin.KEY)
                .result()).isEqualTo(Result.FAIL);
    }

    @Test
    void shouldBeTheHandlerOfTheTopologysStreamsSettings() {
        // Given / When / Then
        assertThat(IndicatorsStreamsSettings.errorHandling())
                .containsEntry(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, UnproducibleRecordHandler.class);
    }
}
