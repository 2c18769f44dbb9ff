package org.edupulse.gateway;

import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Where accepted events go: {@code EventPublisher::send} in production, a stub in handler tests. */
@FunctionalInterface
interface RecordSender {

    CompletableFuture<RecordMetadata> send(SpecificRecord record);
}
