package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.serde.SchemaRegistryAuthenticationException;
import org.edupulse.serde.SchemaRegistryUnavailableException;
import org.edupulse.tail.TailPolicy;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A revocation must take effect whatever happened to the key cache's reader before it. A
 * {@link MockConsumer} injects the failure: what is under test is the cache's answer to it.
 */
class ApiKeyCacheTest {

    private static final String TOPIC = Topics.API_KEYS.name();
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String KEY = "ep_0123456789ab_" + "s".repeat(43);
    private static final ApiKey ACTIVE = key(null);

    private final MockConsumer<String, ApiKey> consumer = new MockConsumer<>("earliest");
    private ApiKeyCache cache;

    @AfterEach
    void close() {
        cache.close();
    }

    private static ApiKey key(final Instant revokedAt) {
        return ApiKey.newBuilder()
                .setKeyHash(ApiKeyFormat.sha256Hex(KEY)).setKeyId("0123456789ab").setSchoolId("DB-A")
                .setScope(ApiKeyScope.SCHOOL).setCreatedAt(Instant.parse("2025-01-01T00:00:00Z"))
                .setRevokedAt(revokedAt).build();
    }

    private void write(final long offset, final ApiKey key) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset, key.getKeyHash(), key));
        consumer.updateEndOffsets(Map.of(P0, offset + 1));
    }

    private void startWithAnActiveKey() {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.updateEndOffsets(Map.of(P0, 0L));
        cache = new ApiKeyCache(consumer, TOPIC, new TailPolicy(Duration.ofMillis(10), Duration.ofMillis(50),
                Duration.ofSeconds(30)));
        await().atMost(WAIT).until(() -> !consumer.assignment().isEmpty());
        write(0, ACTIVE);
        assertThat(cache.awaitSynced(WAIT)).isTrue();
        assertThat(cache.findActive(KEY)).isPresent();
    }

    @Test
    void shouldHonourARevocationWrittenAfterTheReaderFailed() {
        // Given: the cache has read an active key
        startWithAnActiveKey();

        // When: a poll fails (the broker went away for a moment), then the key is revoked
        consumer.setPollException(new KafkaException("broker went away"));
        await().atMost(WAIT).until(() -> cache.health().failures() == 1);
        write(1, key(Instant.parse("2025-02-01T00:00:00Z")));

        // Then: the revocation takes effect, and the cache reports itself healthy again
        assertThat(cache.awaitSynced(WAIT)).isTrue();
        assertThat(cache.findActive(KEY)).isEmpty();
        assertThat(cache.find(KEY)).isPresent();
        await().atMost(WAIT).until(() -> cache.health().healthy());
    }

    static Stream<RuntimeException> registryFailures() {
        return Stream.of(
                new SchemaRegistryUnavailableException("Schema registry [http://registry:8081] gave no answer",
                        new ConnectException("Connection refused")),
                new SchemaRegistryAuthenticationException(401, 40101,
                        "The schema registry refused the credentials; check basic.auth.user.info"));
    }

    @ParameterizedTest
    @MethodSource("registryFailures")
    void shouldWaitForARevocationWhoseSchemaTheRegistryCouldNotServeRatherThanSkipIt(final RuntimeException failure) {
        // Given: the cache has read an active key
        startWithAnActiveKey();

        // When: the revocation is written, but its schema cannot be fetched (Kafka's consumer wraps the serde's exception)
        consumer.updateEndOffsets(Map.of(P0, 2L));
        consumer.setPollException(new RecordDeserializationException(P0, 1, "Error deserializing VALUE", failure));

        // Then: the cache does not skip it; it is not ready, says why, and still knows the key as active
        await().atMost(WAIT).until(() -> cache.health().error() != null);
        assertThat(cache.health().healthy()).isFalse();
        assertThat(cache.health().skipped()).isZero();
        assertThat(cache.health().problem()).contains("offset 1").contains(failure.getMessage());
        assertThat(cache.awaitSynced(Duration.ofMillis(100))).isFalse();

        // When: the registry answers again, and the record is read
        write(1, key(Instant.parse("2025-02-01T00:00:00Z")));

        // Then: the revocation takes effect, and the cache is ready again
        assertThat(cache.awaitSynced(WAIT)).isTrue();
        assertThat(cache.findActive(KEY)).isEmpty();
        await().atMost(WAIT).until(() -> cache.health().healthy());
        assertThat(cache.health().skipped()).isZero();
    }
}
