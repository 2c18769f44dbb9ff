package org.edupulse.gateway;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.edupulse.schemas.ApiKey;
import org.edupulse.schemas.ApiKeyScope;
import org.edupulse.topics.Topics;

/**
 * Creates and revokes gateway keys (a school's, or the department's) by writing to the compacted
 * key topic, without any gateway running: the CLI and the demo use it directly. Only the SHA-256
 * of a key is written; the plain key is returned once by {@link #create} or
 * {@link #createDepartment} and cannot be recovered afterwards. Revocation writes the same record
 * again with {@code revokedAt}, so compaction keeps the revoked state.
 */
public final class ApiKeys implements AutoCloseable {

    /** The {@code schoolId} of a department key, which writes for any school. */
    public static final String ANY_SCHOOL = "*";

    /** How long a write or a read of the key topic may take before the call fails. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Producer<String, ApiKey> producer;
    private final ApiKeyCache cache;
    private final Clock clock;
    private final SecureRandom random;

    ApiKeys(final Producer<String, ApiKey> producer, final ApiKeyCache cache, final Clock clock, final SecureRandom random) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Connects to the cluster and registry; close it when done. */
    public static ApiKeys connect(final String bootstrapServers, final String schemaRegistryUrl) {
        return connect(bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /** Connects with further Kafka client settings (e.g. {@code security.protocol}, {@code sasl.*}). */
    public static ApiKeys connect(final String bootstrapServers, final String schemaRegistryUrl,
                                  final Map<String, ?> clientSettings) {
        final ApiKeyCache cache = ApiKeyCache.start(bootstrapServers, schemaRegistryUrl, clientSettings);
        try {
            return new ApiKeys(ApiKeyTopic.producer(bootstrapServers, schemaRegistryUrl, clientSettings), cache,
                    Clock.systemUTC(), new SecureRandom());
        } catch (final RuntimeException e) {
            cache.close();
            throw e;
        }
    }

    /**
     * Creates a key for one school and returns it; this is the only time the plain key is seen.
     * The key may write events of that school only, never school records.
     *
     * @param label who holds the key, e.g. "HR system"; may be null
     * @throws IllegalArgumentException if the school id is blank or {@value #ANY_SCHOOL}
     */
    public CreatedKey create(final String schoolId, final String label) {
        if (schoolId == null || schoolId.isBlank()) {
            throw new IllegalArgumentException("a school id is required");
        }
        if (schoolId.trim().equals(ANY_SCHOOL)) {
            throw new IllegalArgumentException("'" + ANY_SCHOOL + "' is not a school id; create a department key instead");
        }
        return create(ApiKeyScope.SCHOOL, schoolId.trim(), label);
    }

    /**
     * Creates a department (administrator) key and returns it, once: it may write school records,
     * the department's reference data, and events of any school, e.g. to release a person or a
     * device on a school's behalf. Give it only to the department's own systems.
     *
     * @param label who holds the key, e.g. "department school register"; may be null
     */
    public CreatedKey createDepartment(final String label) {
        return create(ApiKeyScope.DEPARTMENT, ANY_SCHOOL, label);
    }

    private CreatedKey create(final ApiKeyScope scope, final String schoolId, final String label) {
        final String key = ApiKeyFormat.generate(random);
        final String keyId = ApiKeyFormat.keyIdOf(key).orElseThrow();
        final Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        final ApiKey record = ApiKey.newBuilder()
                .setKeyHash(ApiKeyFormat.sha256Hex(key))
                .setKeyId(keyId)
                .setSchoolId(schoolId)
                .setLabel(label == null || label.isBlank() ? null : label.trim())
                .setCreatedAt(now)
                .setRevokedAt(null)
                .setScope(scope)
                .build();
        write(record);
        return new CreatedKey(key, keyId, scope, record.getSchoolId(), now);
    }

    /**
     * Revokes a key given as the full key, its key id or its hash. Revoking a revoked key changes
     * nothing and returns it as it is.
     *
     * @return the revoked key record, or empty when no such key exists
     */
    public Optional<ApiKey> revoke(final String keyIdOrKey) {
        final Optional<ApiKey> current = find(keyIdOrKey);
        if (current.isEmpty() || current.get().getRevokedAt() != null) {
            return current;
        }
        final ApiKey revoked = ApiKey.newBuilder(current.get())
                .setRevokedAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .build();
        write(revoked);
        return Optional.of(revoked);
    }

    /** The current record of a key given as the full key, its key id or its hash. */
    public Optional<ApiKey> find(final String keyIdOrKey) {
        Objects.requireNonNull(keyIdOrKey, "keyIdOrKey");
        final String text = keyIdOrKey.trim();
        awaitSynced();
        if (ApiKeyFormat.isKey(text)) {
            return cache.find(text);
        }
        if (ApiKeyFormat.isHash(text)) {
            return cache.byHash(text);
        }
        final List<ApiKey> matches = cache.all().stream().filter(key -> key.getKeyId().equals(text)).toList();
        if (matches.size() > 1) {
            throw new IllegalArgumentException("key id " + text + " is ambiguous; give the full key or its hash");
        }
        return matches.stream().findFirst();
    }

    /** Every key, revoked ones included, oldest first. */
    public List<ApiKey> list() {
        awaitSynced();
        return cache.all().stream().sorted(Comparator.comparing(ApiKey::getCreatedAt)).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        cache.close();
    }

    private void write(final ApiKey record) {
        try {
            producer.send(new ProducerRecord<>(Topics.API_KEYS.name(), record.getKeyHash(), record))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiKeyStoreException("interrupted while writing key " + record.getKeyId(), e);
        } catch (final ExecutionException e) {
            throw new ApiKeyStoreException("could not write key " + record.getKeyId() + " to " + Topics.API_KEYS.name()
                    + ": " + e.getCause().getMessage(), e.getCause());
        } catch (final TimeoutException e) {
            throw new ApiKeyStoreException("no acknowledgement for key " + record.getKeyId() + " within " + TIMEOUT, e);
        } catch (final KafkaException e) {
            throw new ApiKeyStoreException("could not write key " + record.getKeyId() + ": " + e.getMessage(), e);
        }
    }

    private void awaitSynced() {
        if (!cache.awaitSynced(TIMEOUT)) {
            throw new ApiKeyStoreException("could not read " + Topics.API_KEYS.name() + " within " + TIMEOUT
                    + "; is Kafka reachable and the topic provisioned?");
        }
    }
}
