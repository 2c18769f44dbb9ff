package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a created key may do is written into its record: the gateway trusts nothing else. */
class ApiKeysTest {

    private final MockProducer<String, ApiKey> producer = new MockProducer<>(true, null, new StringSerializer(),
            (topic, key) -> new byte[0]);
    private final ApiKeys keys = new ApiKeys(producer,
            new ApiKeyCache(new MockConsumer<>("earliest"), Topics.API_KEYS.name()),
            Clock.fixed(Instant.parse("2026-01-05T01:00:00Z"), ZoneOffset.UTC), new SecureRandom());

    @AfterEach
    void close() {
        keys.close();
    }

    @Test
    void shouldWriteASchoolKeyForOneSchool() {
        // When
        final CreatedKey created = keys.create(" DB-A ", "HR system");

        // Then
        final ApiKey written = producer.history().get(0).value();
        assertThat(created.scope()).isEqualTo(ApiKeyScope.SCHOOL);
        assertThat(written.getScope()).isEqualTo(ApiKeyScope.SCHOOL);
        assertThat(written.getSchoolId()).isEqualTo("DB-A");
        assertThat(producer.history().get(0).key()).isEqualTo(ApiKeyFormat.sha256Hex(created.key()));
    }

    @Test
    void shouldWriteADepartmentKeyForAnySchool() {
        // When
        final CreatedKey created = keys.createDepartment("school register");

        // Then
        final ApiKey written = producer.history().get(0).value();
        assertThat(created.scope()).isEqualTo(ApiKeyScope.DEPARTMENT);
        assertThat(written.getScope()).isEqualTo(ApiKeyScope.DEPARTMENT);
        assertThat(written.getSchoolId()).isEqualTo(ApiKeys.ANY_SCHOOL);
        assertThat(written.getLabel()).isEqualTo("school register");
    }

    @Test
    void shouldRefuseTheWildcardAsASchoolId() {
        assertThatThrownBy(() -> keys.create("*", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("department key");
        assertThat(producer.history()).isEmpty();
    }
}
