package org.edupulse.ingest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Derives an event id from what the event says when the school's system gave none. The pipeline
 * counts an event id once, so importing the same file twice, or sending the same event through
 * the file importer and the gateway, must give the same id: the id is a name-based (version 3)
 * UUID over the type name and the record's canonical content, the {@code field=value} pairs of
 * every field but the id sorted by name, written as a JSON object so that no value can imitate a
 * separator. Values are taken from the parsed record, so {@code 08:00+07:00} and {@code 01:00Z}
 * give the same id.
 *
 * <p>A field added to a contract after ids were first derived (its {@link #FIRST_FIELDS} do not
 * name it) is left out while it holds its schema default: an event that does not use it keeps the
 * id it had under the first contract, so a file imported before and after a schema evolution is
 * still counted once.
 */
public final class EventIds {

    private static final JsonStringEncoder ESCAPER = JsonStringEncoder.getInstance();

    /**
     * The fields of each type that ids derived so far were written with; never changes, whatever the contracts
     * gain. A training event's {@code action} (schema version 2 of TrainingEvent) is in: the ids derived since it
     * came carry it as {@code null}, and those are the ids a re-import must meet.
     */
    static final Map<EventType, Set<String>> FIRST_FIELDS = Map.of(
            EventType.TRAINING, Set.of("eventId", "schoolId", "sessionId", "topic", "audience", "participantCount",
                    "staffIds", "hours", "occurredAt", "action"),
            EventType.STAFF, Set.of("eventId", "staffId", "schoolId", "role", "action", "occurredAt"),
            EventType.DEVICE, Set.of("eventId", "deviceId", "schoolId", "type", "purpose", "has4gSim", "action", "source",
                    "programme", "occurredAt"),
            EventType.CERTIFICATION, Set.of("eventId", "staffId", "schoolId", "level", "action", "issuer",
                    "occurredAt"));

    private EventIds() {
    }

    /** The derived id of a record; its own {@code eventId} value, if any, is ignored. */
    public static String derive(final EventType type, final SpecificRecord record) {
        return UUID.nameUUIDFromBytes(canonicalContent(type, record).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The text the id is derived from, e.g. {@code STAFF\n{"action":"JOINED",...}}. */
    static String canonicalContent(final EventType type, final SpecificRecord record) {
        final List<Schema.Field> fields = record.getSchema().getFields().stream()
                .filter(f -> !f.name().equals(EventType.EVENT_ID))
                .filter(f -> isFirstField(type, f) || !holdsDefault(record, f))
                .sorted(Comparator.comparing(Schema.Field::name))
                .collect(Collectors.toList());
        final StringBuilder json = new StringBuilder(type.name()).append("\n{");
        for (final Schema.Field field : fields) {
            if (json.charAt(json.length() - 1) != '{') {
                json.append(',');
            }
            appendString(json, field.name());
            json.append(':');
            appendValue(json, record.get(field.pos()));
        }
        return json.append('}').toString();
    }

    private static boolean isFirstField(final EventType type, final Schema.Field field) {
        return FIRST_FIELDS.getOrDefault(type, Set.of()).contains(field.name());
    }

    private static boolean holdsDefault(final SpecificRecord record, final Schema.Field field) {
        if (!field.hasDefaultValue()) {
            return false;
        }
        final Object value = record.get(field.pos());
        final Object defaultValue = SpecificData.get().getDefaultValue(field);
        return Objects.equals(value, defaultValue);
    }

    private static void appendValue(final StringBuilder json, final Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof List<?>) {
            json.append('[');
            final List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    json.append(',');
                }
                appendString(json, String.valueOf(items.get(i)));
            }
            json.append(']');
        } else {
            appendString(json, value.toString());
        }
    }

    private static void appendString(final StringBuilder json, final String text) {
        json.append('"');
        ESCAPER.quoteAsString(text, json);
        json.append('"');
    }
}
