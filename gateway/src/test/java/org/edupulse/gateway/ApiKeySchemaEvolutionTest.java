package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.serde.AvroSerializer;
import org.edupulse.serde.MockSchemaRegistry;
import org.edupulse.serde.SerdeConfig;
import org.edupulse.serde.SpecificAvroSerde;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keys written before scopes existed stay in the compacted key topic for ever: read with today's
 * schema they must be school keys, never department keys and never unreadable.
 */
class ApiKeySchemaEvolutionTest {

    private static final String REGISTRY = "api-key-evolution";

    @AfterEach
    void drop() {
        MockSchemaRegistry.drop(REGISTRY);
    }

    /** The ApiKey schema as it was released first, without {@code scope}. */
    static Schema firstSchema() throws IOException {
        try (InputStream in = ApiKeySchemaEvolutionTest.class.getResourceAsStream("/ApiKey-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    /** A key record as the first release wrote it. */
    static GenericRecord firstVersionKey(final String key, final String schoolId) throws IOException {
        final GenericRecord record = new GenericData.Record(firstSchema());
        record.put("keyHash", ApiKeyFormat.sha256Hex(key));
        record.put("keyId", ApiKeyFormat.keyIdOf(key).orElseThrow());
        record.put("schoolId", schoolId);
        record.put("label", "written by the first release");
        record.put("createdAt", 1_735_689_600_000L);
        record.put("revokedAt", null);
        return record;
    }

    @Test
    void shouldReadAKeyWrittenWithoutScopeAsASchoolKey() throws IOException {
        // Given: a key record in the wire format of the first schema
        final Map<String, String> config = Map.of(SerdeConfig.SCHEMA_REGISTRY_URL_CONFIG, MockSchemaRegistry.SCHEME + REGISTRY);
        final AvroSerializer writer = new AvroSerializer();
        writer.configure(config, false);
        final String key = "ep_0123456789ab_" + "s".repeat(43);
        final byte[] bytes = writer.serialize(Topics.API_KEYS.name(), firstVersionKey(key, "DB-A"));

        // When: today's gateway reads it
        final ApiKey read = SpecificAvroSerde.of(ApiKey.class, config, false).deserializer()
                .deserialize(Topics.API_KEYS.name(), bytes);

        // Then
        assertThat(read.getScope()).isEqualTo(ApiKeyScope.SCHOOL);
        assertThat(read.getSchoolId()).isEqualTo("DB-A");
        assertThat(read.getKeyHash()).isEqualTo(ApiKeyFormat.sha256Hex(key));
    }
}
