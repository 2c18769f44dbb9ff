package org.edupulse.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.edupulse.registry.StoreRecord.ConfigRecord;
import org.edupulse.registry.StoreRecord.SchemaRecord;

/**
 * The JSON layout of the store topic, shaped like Confluent's {@code _schemas} records.
 *
 * <p>Keys decide what compaction keeps. A config key names only its scope
 * ({@code {"keytype":"CONFIG","subject":...}}), so the last level per scope survives, which is all
 * that matters about config. A schema key carries a fresh request id besides subject and version,
 * so no registration record is ever compacted away: replaying a compacted log then applies
 * exactly the same records in the same order as the live instances did, and derives the same state.
 */
final class StoreRecordCodec {

    static final String SCHEMA_KEYTYPE = "SCHEMA";
    static final String CONFIG_KEYTYPE = "CONFIG";

    private final ObjectMapper mapper;

    StoreRecordCodec(final ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String schemaKey(final SchemaRecord record, final UUID requestId) {
        final ObjectNode key = mapper.createObjectNode();
        key.put("keytype", SCHEMA_KEYTYPE);
        key.put("subject", record.subject());
        key.put("version", record.version());
        key.put("magic", 1);
        key.put("request", requestId.toString());
        return write(key);
    }

    byte[] schemaValue(final SchemaRecord record) {
        final ObjectNode value = mapper.createObjectNode();
        value.put("subject", record.subject());
        value.put("version", record.version());
        value.put("id", record.id());
        value.put("schemaType", "AVRO");
        value.put("schema", record.schema());
        return bytes(value);
    }

    String configKey(final ConfigRecord record) {
        final ObjectNode key = mapper.createObjectNode();
        key.put("keytype", CONFIG_KEYTYPE);
        if (record.isGlobal()) {
            key.putNull("subject");
        } else {
            key.put("subject", record.subject());
        }
        key.put("magic", 0);
        return write(key);
    }

    /** The value for a config record; null (a tombstone) when the level is cleared. */
    byte[] configValue(final ConfigRecord record) {
        if (record.level() == null) {
            return null;
        }
        final ObjectNode value = mapper.createObjectNode();
        value.put("compatibilityLevel", record.level().name());
        return bytes(value);
    }

    /**
     * Reads one record; empty for a record this registry has no use for (other key types, deleted
     * or non-Avro schemas, fields missing), which every instance then skips alike.
     *
     * @throws IllegalArgumentException when the key or value is not JSON at all: a record no registry
     *                                  wrote, which the store's reader skips and counts
     */
    Optional<StoreRecord> decode(final String key, final byte[] value) {
        if (key == null) {
            return Optional.empty();
        }
        try {
            final JsonNode keyNode = mapper.readTree(key);
            final String keytype = keyNode.path("keytype").asText("");
            if (CONFIG_KEYTYPE.equals(keytype)) {
                return decodeConfig(keyNode, value);
            }
            if (SCHEMA_KEYTYPE.equals(keytype) && value != null) {
                return decodeSchema(mapper.readTree(value));
            }
            return Optional.empty();
        } catch (final IOException e) {
            throw new IllegalArgumentException("store record with key " + abbreviated(key) + " is not JSON: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
    }

    private static String abbreviated(final String key) {
        return key.length() <= 80 ? "'" + key + "'" : "'" + key.substring(0, 80) + "...'";
    }

    private Optional<StoreRecord> decodeConfig(final JsonNode key, final byte[] value) throws IOException {
        final JsonNode subjectNode = key.path("subject");
        final String subject = subjectNode.isTextual() ? subjectNode.asText() : null;
        if (value == null) {
            return Optional.of(new ConfigRecord(subject, null));
        }
        return CompatibilityLevel.parse(mapper.readTree(value).path("compatibilityLevel").asText(null))
                .map(level -> new ConfigRecord(subject, level));
    }

    private static Optional<StoreRecord> decodeSchema(final JsonNode value) {
        final String schemaType = value.path("schemaType").asText("AVRO");
        if (value.path("deleted").asBoolean(false) || !"AVRO".equals(schemaType)
                || !value.path("subject").isTextual() || !value.path("schema").isTextual()
                || !value.path("version").canConvertToInt() || !value.path("id").canConvertToInt()) {
            return Optional.empty();
        }
        return Optional.of(new SchemaRecord(value.get("subject").asText(), value.get("version").asInt(),
                value.get("id").asInt(), value.get("schema").asText()));
    }

    private String write(final JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("A tree built in memory always serialises", e);
        }
    }

    private byte[] bytes(final JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (final JsonProcessingException e) {
            throw new IllegalStateException("A tree built in memory always serialises", e);
        }
    }
}
