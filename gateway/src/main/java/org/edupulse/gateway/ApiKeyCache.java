package org.edupulse.gateway;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.edupulse.schemas.ApiKey;
import org.edupulse.serde.SchemaRegistryException;
import org.edupulse.tail.CompactedTail;
import org.edupulse.tail.TailHealth;
import org.edupulse.tail.TailPolicy;
import org.edupulse.topics.Topics;

/**
 * Every gateway instance's view of the API keys: a {@link CompactedTail} reads the compacted key
 * topic from the beginning and then follows it, so a key created or revoked anywhere (another
 * instance, the CLI) is honoured here within a poll interval. Keys are looked up by the SHA-256 of
 * the presented key; the hash is the record key, so no secret is compared at all.
 *
 * <p>A failure to read (a broker away, a refused ACL) is retried, never the end of reading: a
 * revocation written after a broker hiccup still takes effect. So does one whose schema the
 * registry could not serve at first (no answer, or credentials refused): the cache waits at that
 * record, not ready, and reads it once the registry answers; only a record that is bad for good
 * is skipped. {@link #sync()} answers "have I read everything written before now?", which the
 * gateway waits for before it serves and {@link ApiKeys} before it revokes; {@link #health()} is
 * what the gateway's readiness reports.
 */
public final class ApiKeyCache implements AutoCloseable {

    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final CompactedTail<String, ApiKey> tail;

    ApiKeyCache(final Consumer<String, ApiKey> consumer, final String topic) {
        this(consumer, topic, TailPolicy.DEFAULT);
    }

    ApiKeyCache(final Consumer<String, ApiKey> consumer, final String topic, final TailPolicy policy) {
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(topic, "topic");
        this.tail = CompactedTail.start("api-keys", topic, consumer, this::apply, policy,
                SchemaRegistryException::isNotAboutTheRecord);
    }

    /** Starts reading {@link Topics#API_KEYS}; call {@link #awaitSynced} before trusting a miss. */
    public static ApiKeyCache start(final String bootstrapServers, final String schemaRegistryUrl) {
        return start(bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /** Like {@link #start(String, String)}, with further Kafka client settings (e.g. SASL/SSL). */
    public static ApiKeyCache start(final String bootstrapServers, final String schemaRegistryUrl,
                                    final Map<String, ?> clientSettings) {
        return new ApiKeyCache(ApiKeyTopic.consumer(bootstrapServers, schemaRegistryUrl, clientSettings),
                Topics.API_KEYS.name());
    }

    /** The key record for a presented key, revoked or not. */
    public Optional<ApiKey> find(final String presentedKey) {
        return byHash(ApiKeyFormat.sha256Hex(presentedKey));
    }

    /** The key record for a presented key, only while it is not revoked. */
    public Optional<ApiKey> findActive(final String presentedKey) {
        return find(presentedKey).filter(key -> key.getRevokedAt() == null);
    }

    public Optional<ApiKey> byHash(final String keyHash) {
        return Optional.ofNullable(byHash.get(keyHash));
    }

    /** Every key read so far, revoked ones included. */
    public Collection<ApiKey> all() {
        return List.copyOf(byHash.values());
    }

    /** Completes once every key record written before this call has been read into the cache. */
    public CompletableFuture<Void> sync() {
        return tail.sync();
    }

    /** Whether {@link #sync()} completed within the timeout. */
    public boolean awaitSynced(final Duration timeout) {
        return tail.awaitCaughtUp(timeout);
    }

    /** Whether the keys have been read once and are still being followed, and if not why. */
    public TailHealth health() {
        return tail.health();
    }

    @Override
    public void close() {
        tail.close();
    }

    private void apply(final ConsumerRecord<String, ApiKey> record) {
        if (record.value() == null) {
            byHash.remove(record.key());
        } else {
            byHash.put(record.key(), record.value());
        }
    }
}
