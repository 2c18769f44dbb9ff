package org.edupulse.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.topics.Topic;
import org.edupulse.topics.Topics;

/**
 * The kinds of input a school can send, each tied to its Avro contract and its topic. Column and
 * JSON field names are read from the Avro schema, so the input format cannot drift from the
 * contract: a field added to a schema is a column the importer knows about.
 */
public enum EventType {

    TRAINING("training", TrainingEvent.class, Topics.TRAINING_EVENTS, new TrainingMapper()),
    CERTIFICATION("certification", CertificationEvent.class, Topics.CERTIFICATION_EVENTS, new CertificationMapper()),
    DEVICE("device", DeviceEvent.class, Topics.DEVICE_EVENTS, new DeviceMapper()),
    STAFF("staff", StaffEvent.class, Topics.STAFF_EVENTS, new StaffMapper()),
    SCHOOL("school", School.class, Topics.SCHOOLS, new SchoolMapper());

    /** Field that carries the event id in every type except {@link #SCHOOL}. */
    public static final String EVENT_ID = "eventId";

    /** Field every type carries and every topic is keyed by. */
    public static final String SCHOOL_ID = "schoolId";

    private final String cliName;
    private final Class<? extends SpecificRecord> recordClass;
    private final Topic<String, ?> topic;
    private final RecordMapper mapper;
    private final Schema schema;
    private final List<String> fields;

    EventType(final String cliName, final Class<? extends SpecificRecord> recordClass,
              final Topic<String, ?> topic, final RecordMapper mapper) {
        this.cliName = cliName;
        this.recordClass = recordClass;
        this.topic = topic;
        this.mapper = mapper;
        this.schema = SpecificData.get().getSchema(recordClass);
        this.fields = schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toUnmodifiableList());
    }

    /** The name used on the command line and in gateway paths, e.g. {@code training}. */
    public String cliName() {
        return cliName;
    }

    public Class<? extends SpecificRecord> recordClass() {
        return recordClass;
    }

    public Schema schema() {
        return schema;
    }

    /** The topic records of this type are published to. */
    public Topic<String, ?> topic() {
        return topic;
    }

    /** CSV column names and JSON field names, in schema order: exactly the Avro field names. */
    public List<String> fields() {
        return fields;
    }

    /** Fields holding a list, nullable or not: a JSON array, or a {@code ;}-separated CSV cell. */
    public Set<String> listFields() {
        return schema.getFields().stream()
                .filter(f -> isList(f.schema()))
                .map(Schema.Field::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static boolean isList(final Schema schema) {
        return schema.getType() == Schema.Type.ARRAY
                || schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(EventType::isList);
    }

    /** Fields that are neither nullable nor lists but may be left out, taking their Avro default. */
    public Set<String> optionalFields() {
        return mapper.optionalFields();
    }

    /** Whether records of this type carry an {@code eventId} (all but {@link #SCHOOL}). */
    public boolean hasEventId() {
        return schema.getField(EVENT_ID) != null;
    }

    /** The Kafka key of a record of this type: its school id. */
    public String keyOf(final SpecificRecord record) {
        return (String) record.get(schema.getField(SCHOOL_ID).pos());
    }

    /** The type with the given command-line name, ignoring case. */
    public static Optional<EventType> fromCliName(final String name) {
        return Arrays.stream(values())
                .filter(t -> t.cliName.equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    /** The type whose Avro class the record is. */
    public static EventType of(final SpecificRecord record) {
        return Arrays.stream(values())
                .filter(t -> t.recordClass.isInstance(record))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an EduPulse input record: " + record.getClass()));
    }

    RecordMapper mapper() {
        return mapper;
    }
}
