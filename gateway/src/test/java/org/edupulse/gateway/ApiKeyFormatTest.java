package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import org.edupulse.schemas.ApiKeyScope;
import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void shouldGenerateKeysWithPrefixKeyIdAndSecret() {
        // When
        final String key = ApiKeyFormat.generate(random);

        // Then
        assertThat(key).matches("ep_[0-9a-f]{12}_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeyFormat.isKey(key)).isTrue();
        assertThat(ApiKeyFormat.keyIdOf(key)).contains(key.substring(3, 15));
    }

    @Test
    void shouldGenerateDifferentKeysEachTime() {
        // When
        final String first = ApiKeyFormat.generate(random);
        final String second = ApiKeyFormat.generate(random);

        // Then
        assertThat(first).isNotEqualTo(second);
        assertThat(ApiKeyFormat.keyIdOf(first)).isNotEqualTo(ApiKeyFormat.keyIdOf(second));
    }

    @Test
    void shouldHashWithSha256AsLowercaseHex() {
        // When
        final String hash = ApiKeyFormat.sha256Hex("abc");

        // Then: the FIPS 180-2 test vector
        assertThat(hash).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeyFormat.isHash(hash)).isTrue();
    }

    @Test
    void shouldRecogniseKeyIdsAndRefuseMalformedKeys() {
        // Then
        assertThat(ApiKeyFormat.isKeyId("0123456789ab")).isTrue();
        assertThat(ApiKeyFormat.isKeyId("0123456789AB")).isFalse();
        assertThat(ApiKeyFormat.keyIdOf("ep_0123456789ab_short")).isEmpty();
        assertThat(ApiKeyFormat.keyIdOf("xx_0123456789ab_" + "a".repeat(43))).isEmpty();
        assertThat(ApiKeyFormat.keyIdOf(null)).isEmpty();
    }

    @Test
    void shouldNotPrintTheSecretOfACreatedKey() {
        // Given
        final String key = ApiKeyFormat.generate(random);
        final String keyId = ApiKeyFormat.keyIdOf(key).orElseThrow();

        // When
        final String text = new CreatedKey(key, keyId, ApiKeyScope.SCHOOL, "DB-A", Instant.EPOCH).toString();

        // Then
        assertThat(text).contains(keyId).doesNotContain(key.substring(16));
    }
}
