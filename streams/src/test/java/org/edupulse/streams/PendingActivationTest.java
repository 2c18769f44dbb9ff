package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.training;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.streams.state.ParkedRecord;
import org.edupulse.streams.state.SchoolVersions;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ingest step keeps, in memory, which schools have a version that is not in force yet, so that a
 * new day of event time visits only those. That index is derived from the school store: a task that
 * starts over a restored store (a restart, or a task moved to another instance) must rebuild it, or
 * a re-mapping published before the restart would never take effect.
 */
class PendingActivationTest {

    private static final String SCOPE = "pending-activation-test";
    private static final Map<String, Object> SERDE = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG,
            MockSchemaRegistry.SCHEME + SCOPE);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    /** The ingest step's stores, in memory; they outlive the processor instances as a restored store would. */
    private final List<StateStore> stores = List.of(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IndicatorsTopology.SCHOOL_VERSIONS_STORE),
                    Serdes.String(), new InternalAvroSerde<>(SchoolVersions.class)).withLoggingDisabled().build(),
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IndicatorsTopology.CLOCK_STORE),
                    Serdes.String(), Serdes.Long()).withLoggingDisabled().build(),
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IndicatorsTopology.AWAITING_SCHOOL_STORE),
                    Serdes.String(), new InternalAvroSerde<>(ParkedRecord.class)).withLoggingDisabled().build(),
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(IndicatorsTopology.AWAITING_REGISTRY_STORE),
                    Serdes.String(), new InternalAvroSerde<>(ParkedRecord.class)).withLoggingDisabled().build(),
            idStore(IndicatorsTopology.TRAINING_IDS_STORE), idStore(IndicatorsTopology.STAFF_IDS_STORE),
            idStore(IndicatorsTopology.CERTIFICATION_IDS_STORE), idStore(IndicatorsTopology.DEVICE_IDS_STORE));
    private boolean storesOpen;
    private IngestProcessor processor;
    private long offset;

    @AfterEach
    void dropRegistry() {
        MockSchemaRegistry.drop(SCOPE);
    }

    private static StateStore idStore(final String name) {
        return Stores.windowStoreBuilder(Stores.inMemoryWindowStore(name, Duration.ofDays(400), Duration.ofMillis(1),
                false), Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    }

    private static Instant local(final String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ProvinceCalendar.ZONE).toInstant();
    }

    @Test
    void shouldActivateAVersionPublishedBeforeARestartWhenItsDayComes() {
        // Given school A in D1 and B in D3, and A's move to D2 from 1 July published in June
        final MockProcessorContext<String, Admitted> before = start();
        send(before, Topics.SCHOOLS.name(), "A", school("A", "D1").build(), local("2025-06-01T08:00"));
        send(before, Topics.SCHOOLS.name(), "B", school("B", "D3").build(), local("2025-06-01T08:00"));
        send(before, Topics.TRAINING_EVENTS.name(), "A", training("t1", "A", local("2025-06-28T09:00")).build(),
                local("2025-06-28T09:00"));
        send(before, Topics.SCHOOLS.name(), "A", school("A", "D2").setEffectiveFrom(REFORM).build(),
                local("2025-06-29T08:00"));
        assertThat(currentSchools(before)).contains("A→D1", "B→D3").doesNotContain("A→D2");

        // When the task restarts over the same stores and event time reaches 1 July with a session at B
        final MockProcessorContext<String, Admitted> after = start();
        send(after, Topics.TRAINING_EVENTS.name(), "B", training("t2", "B", local("2025-07-01T00:30")).build(),
                local("2025-07-01T00:30"));

        // Then A's new mapping takes over, and only A's
        assertThat(currentSchools(after)).containsExactly("A→D2");
    }

    /** A fresh processor over the shared stores, as a task starts after restoring them. */
    private MockProcessorContext<String, Admitted> start() {
        final Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pending-activation");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        final MockProcessorContext<String, Admitted> context = new MockProcessorContext<>(props);
        for (final StateStore store : stores) {
            if (!storesOpen) {
                store.init(context.getStateStoreContext(), store);
            }
            context.addStateStore(store);
        }
        storesOpen = true;
        processor = new IngestProcessor(IndicatorsConfig.defaults(), SERDE);
        processor.init(context);
        return context;
    }

    private void send(final MockProcessorContext<String, Admitted> context, final String topic, final String key,
                      final SpecificRecord value, final Instant timestamp) {
        context.setRecordMetadata(topic, 0, offset++);
        final byte[] bytes = serialize(topic, value);
        processor.process(new Record<>(key, bytes, timestamp.toEpochMilli()));
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] serialize(final String topic, final T value) {
        return SpecificAvroSerde.of((Class<T>) value.getClass(), SERDE, false).serializer().serialize(topic, value);
    }

    private static List<String> currentSchools(final MockProcessorContext<String, Admitted> context) {
        return context.forwarded().stream()
                .map(forward -> forward.record().value())
                .filter(Admitted.CurrentSchool.class::isInstance)
                .map(value -> ((Admitted.CurrentSchool) value).school())
                .map(school -> school.getSchoolId() + "→" + school.getDistrictId())
                .toList();
    }
}
