package org.edupulse.audit;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.serde.CachedSchemaRegistryClient;
import org.edupulse.serde.SchemaRegistryClient;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;

/**
 * Reads the ids and the event time out of a raw record with the writer's schema from the registry.
 * A record it cannot read is not an error here: the topology will dead-letter it, exactly as the
 * live application did.
 */
final class SourceDecoder {

    private final Deserializer<School> schools;
    private final Deserializer<TrainingEvent> training;
    private final Deserializer<StaffEvent> staff;
    private final Deserializer<CertificationEvent> certifications;
    private final Deserializer<DeviceEvent> devices;

    /** @param config the serde configuration of the live registry: URL and client settings */
    SourceDecoder(final Map<String, ?> config) {
        final SchemaRegistryClient registry = CachedSchemaRegistryClient.forConfig(config);
        this.schools = SpecificAvroSerde.deserializer(School.class, registry);
        this.training = SpecificAvroSerde.deserializer(TrainingEvent.class, registry);
        this.staff = SpecificAvroSerde.deserializer(StaffEvent.class, registry);
        this.certifications = SpecificAvroSerde.deserializer(CertificationEvent.class, registry);
        this.devices = SpecificAvroSerde.deserializer(DeviceEvent.class, registry);
    }

    /** The fields of a value of {@code topic}, or null when it cannot be read. */
    SourceFields decode(final String topic, final byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            if (Topics.SCHOOLS.name().equals(topic)) {
                final School school = schools.deserialize(topic, value);
                return new SourceFields(school.getSchoolId() + "@" + school.getEffectiveFrom(), school.getSchoolId(), null);
            }
            if (Topics.TRAINING_EVENTS.name().equals(topic)) {
                final TrainingEvent e = training.deserialize(topic, value);
                return new SourceFields(e.getEventId(), e.getSchoolId(), e.getOccurredAt().toEpochMilli());
            }
            if (Topics.STAFF_EVENTS.name().equals(topic)) {
                final StaffEvent e = staff.deserialize(topic, value);
                return new SourceFields(e.getEventId(), e.getSchoolId(), e.getOccurredAt().toEpochMilli());
            }
            if (Topics.CERTIFICATION_EVENTS.name().equals(topic)) {
                final CertificationEvent e = certifications.deserialize(topic, value);
                return new SourceFields(e.getEventId(), e.getSchoolId(), e.getOccurredAt().toEpochMilli());
            }
            if (Topics.DEVICE_EVENTS.name().equals(topic)) {
                final DeviceEvent e = devices.deserialize(topic, value);
                return new SourceFields(e.getEventId(), e.getSchoolId(), e.getOccurredAt().toEpochMilli());
            }
            return null;
        } catch (final RuntimeException unreadable) {
            return null;
        }
    }
}
