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
 *
 * <p>Reference data goes first: an event sent after a {@link School} record is only handed to
 * the producer once that school record is acknowledged. The pipeline reads each partition of the
 * reference and event topics in broker append order, and a school record still in flight when
 * its school's first events are appended (on another broker, or in a later request) would
 * otherwise be read after them and the events dead-lettered for naming an unknown school.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<String, Object> producer;
    private final EventValidator validator;
    /** Guards the reference barrier; set while a sent school record may not be acknowledged yet. */
    private final Object barrier = new Object();
    private volatile boolean referenceInFlight;

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
            if (event instanceof School) {
                referenceInFlight = true;
            } else if (referenceInFlight) {
                awaitReference();
            }
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

    /** Waits until the school records sent so far are acknowledged (or failed) before an event follows them. */
    private void awaitReference() {
        synchronized (barrier) {
            if (referenceInFlight) {
                producer.flush();
                referenceInFlight = false;
            }
        }
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
