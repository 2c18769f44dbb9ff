package org.edupulse.topics;

import java.util.Map;
import java.util.Objects;

/**
 * A topic as a typed value: its name, the Java types of its keys and values, its partition
 * count and its configuration. Provisioning, producers, topologies and tests all read these
 * from {@link Topics}, so a topic is declared once.
 *
 * @param name        dotted lowercase topic name
 * @param keyType     type of the record keys
 * @param valueType   type of the record values (an Avro record class, or String)
 * @param partitions  partition count at creation
 * @param config      topic-level configuration, e.g. {@code cleanup.policy=compact}
 * @param <K>         key type
 * @param <V>         value type
 */
public record Topic<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions,
                          Map<String, String> config) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1 for topic " + name);
        }
        config = Map.copyOf(config);
    }

    /** This topic with {@code count} partitions instead of the catalog's. */
    public Topic<K, V> withPartitions(final int count) {
        return new Topic<>(name, keyType, valueType, count, config);
    }
}
