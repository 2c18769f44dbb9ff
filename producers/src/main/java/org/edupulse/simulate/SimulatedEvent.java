package org.edupulse.simulate;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.topics.Topic;

/**
 * One record the simulator wants published, in publish order: the topic from the catalog, the
 * key (the school id, for events and for the school reference) and the Avro value. It carries no
 * Kafka client types so that generation can be tested and audited without a broker.
 *
 * @param topic topic descriptor from {@link org.edupulse.topics.Topics}
 * @param key   record key: the school id
 * @param value Avro value of the topic's value type
 */
public record SimulatedEvent(Topic<String, ?> topic, String key, SpecificRecord value) {

    public SimulatedEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!topic.valueType().isInstance(value)) {
            throw new IllegalArgumentException("value " + value.getClass().getSimpleName()
                    + " does not fit topic " + topic.name());
        }
    }
}
