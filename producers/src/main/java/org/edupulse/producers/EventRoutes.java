package org.edupulse.producers;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * Where each kind of school event goes and under which key. Every event is keyed by its school id,
 * so one school's events stay in order on one partition.
 */
public final class EventRoutes {

    /** A destination: the topic and the record's key. */
    public record Route(Topic<String, ?> topic, String key) {
    }

    private static final Map<Class<?>, Topic<String, ?>> TOPICS = Map.of(
            TrainingEvent.class, Topics.TRAINING_EVENTS,
            CertificationEvent.class, Topics.CERTIFICATION_EVENTS,
            DeviceEvent.class, Topics.DEVICE_EVENTS,
            StaffEvent.class, Topics.STAFF_EVENTS,
            School.class, Topics.SCHOOLS);

    private EventRoutes() {
    }

    /** The topic and key of {@code event}; fails for a record type that is not a school event. */
    public static Route of(final SpecificRecord event) {
        final Topic<String, ?> topic = TOPICS.get(event.getClass());
        if (topic == null) {
            throw new IllegalArgumentException("No topic for records of type " + event.getClass().getName());
        }
        return new Route(topic, schoolIdOf(event));
    }

    private static String schoolIdOf(final SpecificRecord event) {
        if (event instanceof TrainingEvent e) {
            return e.getSchoolId();
        } else if (event instanceof CertificationEvent e) {
            return e.getSchoolId();
        } else if (event instanceof DeviceEvent e) {
            return e.getSchoolId();
        } else if (event instanceof StaffEvent e) {
            return e.getSchoolId();
        }
        return ((School) event).getSchoolId();
    }
}
