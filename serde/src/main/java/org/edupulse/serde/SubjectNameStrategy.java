package org.edupulse.serde;

import java.util.Optional;
import org.apache.avro.Schema;

/**
 * How a topic and a schema map to a registry subject. The three strategies are Confluent's, and
 * the configuration accepts Confluent's class names for them as well as the short names.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema lineage per topic (the default). */
    TOPIC_NAME("TopicNameStrategy"),
    /** The record's full name: one lineage per record type, across topics. */
    RECORD_NAME("RecordNameStrategy"),
    /** {@code <topic>-<record full name>}: several record types in one topic. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy");

    private final String simpleName;

    SubjectNameStrategy(final String simpleName) {
        this.simpleName = simpleName;
    }

    /** The subject under which {@code schema} is registered for {@code topic}. */
    public String subject(final String topic, final boolean isKey, final Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    /**
     * Finds a strategy by short name or by any fully qualified class name ending in it, e.g.
     * {@code io.confluent.kafka.serializers.subject.RecordNameStrategy}.
     */
    public static Optional<SubjectNameStrategy> named(final String name) {
        final String simple = name.substring(name.lastIndexOf('.') + 1);
        for (final SubjectNameStrategy strategy : values()) {
            if (strategy.simpleName.equals(simple) || strategy.name().equals(simple)) {
                return Optional.of(strategy);
            }
        }
        return Optional.empty();
    }
}
