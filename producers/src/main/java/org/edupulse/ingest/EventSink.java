package org.edupulse.ingest;

import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/**
 * Where valid records go: in production the Kafka publisher, in tests a recorder. The importer
 * counts a record as accepted only when its future completes normally, so the sink's future must
 * mean "durably taken" (for Kafka: acknowledged by the broker), not "queued".
 */
@FunctionalInterface
public interface EventSink {

    CompletableFuture<?> publish(SpecificRecord record);
}
