package org.edupulse.producers;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.edupulse.ingest.EventValidator;
import org.edupulse.ingest.Violation;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;

/**
 * The one way EduPulse code sends school events to Kafka: typed methods over one idempotent
 * producer, each event checked before it is sent and keyed by its school. The returned future
 * completes with the partition and offset once every in-sync replica has the event, or
 * exceptionally with the reason it was refused.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, Object> producer;
    private final EventValidator validator;

    /** A publisher to the cluster and registry of {@code config}, validating against the system clock. */
    public EventPublisher(final PublisherConfig config) {
        this(new KafkaProducer<>(config.producerProperties()), new EventValidator(Clock.systemUTC(), config.maxClockSkew()));
    }

    EventPublisher(final Producer<String, Object> producer, final EventValidator validator) {
        this.producer = producer;
        this.validator = validator;
    }

    public CompletableFuture<RecordMetadata> publish(final TrainingEvent event) {
        return send(event);
    }

    public CompletableFuture<RecordMetadata> publish(final CertificationEvent event) {
        return send(event);
    }

    public CompletableFuture<RecordMetadata> publish(final DeviceEvent event) {
        return send(event);
    }

    public CompletableFuture<RecordMetadata> publish(final StaffEvent event) {
        return send(event);
    }

    public CompletableFuture<RecordMetadata> publish(final School school) {
        return send(school);
    }

    /** Publishes any of the five school record types, routed by {@link EventRoutes}. */
    public CompletableFuture<RecordMetadata> send(final SpecificRecord event) {
        final List<Violation> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            return CompletableFuture.failedFuture(new InvalidEventException(event.getClass().getSimpleName() + " refused: "
                    + violations.stream().map(v -> v.field() + ": " + v.reason()).collect(Collectors.joining("; "))));
        }
        final EventRoutes.Route route = EventRoutes.of(event);
        final CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(route.topic().name(), route.key(), event), (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (final RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Sends everything buffered and waits until it is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
