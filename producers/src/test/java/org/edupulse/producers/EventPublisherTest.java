package org.edupulse.producers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.ingest.EventValidator;
import org.edupulse.ingest.TestEvents;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * The publisher's own ordering promise, on a producer that acknowledges only when told to (the
 * broker's behaviour is not under test here): reference data sent before an event is acknowledged
 * before that event is handed over.
 */
class EventPublisherTest {

    private final MockProducer<String, Object> producer = new MockProducer<>(false, null, new StringSerializer(),
            (topic, value) -> new byte[0]);
    private final EventPublisher publisher = new EventPublisher(producer,
            new EventValidator(TestEvents.CLOCK, Duration.ofMinutes(5)));

    @Test
    void shouldHaveTheSchoolAcknowledgedBeforeTheEventThatFollowsItIsSent() {
        // Given a school record in flight
        final CompletableFuture<RecordMetadata> school = publisher.publish(TestEvents.aSchool().build());
        assertThat(school).isNotDone();

        // When an event for that school follows
        final CompletableFuture<RecordMetadata> device = publisher.publish(TestEvents.aDeviceEvent().build());

        // Then the school was acknowledged first, and the event went out after it
        assertThat(school).isCompleted();
        assertThat(device).isNotDone();
        assertThat(producer.history()).extracting(r -> r.topic())
                .containsExactly(Topics.SCHOOLS.name(), Topics.DEVICE_EVENTS.name());
    }

    @Test
    void shouldNotWaitBetweenEventsOrBetweenSchools() {
        // Given events and schools sent back to back
        final CompletableFuture<RecordMetadata> first = publisher.publish(TestEvents.aDeviceEvent().build());
        final CompletableFuture<RecordMetadata> second = publisher.publish(TestEvents.aDeviceEvent()
                .setEventId("ev-device-2").build());
        final CompletableFuture<RecordMetadata> schoolA = publisher.publish(TestEvents.aSchool().build());
        final CompletableFuture<RecordMetadata> schoolB = publisher.publish(TestEvents.aSchool()
                .setSchoolId("DB-MA-TH-02").build());

        // Then nothing was forced out: events and schools batch freely among themselves
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(schoolA).isNotDone();
        assertThat(schoolB).isNotDone();

        // ... and only the next event waits, once, for all of them
        publisher.publish(TestEvents.aDeviceEvent().setEventId("ev-device-3").build());
        assertThat(schoolB).isCompleted();
        assertThat(producer.history()).hasSize(5);
    }
}
