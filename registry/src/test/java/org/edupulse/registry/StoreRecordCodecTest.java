package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.edupulse.registry.StoreRecord.ConfigRecord;
import org.edupulse.registry.StoreRecord.SchemaRecord;
import org.junit.jupiter.api.Test;

class StoreRecordCodecTest {

    private final StoreRecordCodec codec = new StoreRecordCodec(new ObjectMapper());

    @Test
    void shouldRoundTripARegistrationRecord() {
        // Given
        final SchemaRecord record = new SchemaRecord("students-value", 3, 42, "\"string\"");

        // When
        final Optional<StoreRecord> decoded = codec.decode(codec.schemaKey(record, UUID.randomUUID()), codec.schemaValue(record));

        // Then
        assertThat(decoded).contains(record);
    }

    @Test
    void shouldKeyEveryRegistrationUniquelySoCompactionNeverDropsOne() {
        // Given
        final SchemaRecord record = new SchemaRecord("students-value", 2, 5, "\"string\"");

        // When
        final String first = codec.schemaKey(record, UUID.randomUUID());
        final String second = codec.schemaKey(record, UUID.randomUUID());

        // Then
        assertThat(first).isNotEqualTo(second).contains("\"keytype\":\"SCHEMA\"");
    }

    @Test
    void shouldKeyConfigByScopeOnlySoCompactionKeepsTheLatestLevel() {
        // Given
        final ConfigRecord full = new ConfigRecord("students-value", CompatibilityLevel.FULL);
        final ConfigRecord none = new ConfigRecord("students-value", CompatibilityLevel.NONE);
        final ConfigRecord global = new ConfigRecord(null, CompatibilityLevel.FULL);

        // When
        final String fullKey = codec.configKey(full);
        final String noneKey = codec.configKey(none);
        final String globalKey = codec.configKey(global);

        // Then
        assertThat(fullKey).isEqualTo(noneKey).isNotEqualTo(globalKey);
        assertThat(globalKey).isEqualTo("{\"keytype\":\"CONFIG\",\"subject\":null,\"magic\":0}");
        assertThat(codec.decode(globalKey, codec.configValue(global))).contains(global);
        assertThat(codec.decode(noneKey, codec.configValue(none))).contains(none);
    }

    @Test
    void shouldReadAConfigTombstoneAsAClearedLevel() {
        // Given
        final String key = codec.configKey(new ConfigRecord("students-value", CompatibilityLevel.FULL));

        // When
        final Optional<StoreRecord> decoded = codec.decode(key, null);

        // Then
        assertThat(decoded).contains(new ConfigRecord("students-value", null));
    }

    @Test
    void shouldRefuseARecordThatIsNotJsonNamingItsKey() {
        // Given
        final String schemaKey = "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}";

        // When / Then: the store's reader skips and counts it, rather than silently
        assertThatThrownBy(() -> codec.decode("not json", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not json'")
                .hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> codec.decode(schemaKey, "{broken".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keytype");
    }

    @Test
    void shouldSkipRecordsItDoesNotUnderstand() {
        // Given
        final byte[] deleted = "{\"subject\":\"s\",\"version\":1,\"id\":1,\"schema\":\"\\\"int\\\"\",\"deleted\":true}"
                .getBytes(StandardCharsets.UTF_8);
        final byte[] protobuf = "{\"subject\":\"s\",\"version\":1,\"id\":1,\"schema\":\"x\",\"schemaType\":\"PROTOBUF\"}"
                .getBytes(StandardCharsets.UTF_8);
        final String schemaKey = "{\"keytype\":\"SCHEMA\",\"subject\":\"s\",\"version\":1,\"magic\":1}";

        // When / Then
        assertThat(codec.decode("{\"keytype\":\"NOOP\",\"magic\":0}", new byte[0])).isEmpty();
        assertThat(codec.decode(null, new byte[0])).isEmpty();
        assertThat(codec.decode(schemaKey, deleted)).isEmpty();
        assertThat(codec.decode(schemaKey, protobuf)).isEmpty();
    }
}
