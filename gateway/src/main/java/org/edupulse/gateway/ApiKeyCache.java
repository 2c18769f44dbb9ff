package org.edupulse.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.edupulse.schemas.ApiKey;
import org.edupulse.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every gateway instance's view of the API keys: a consumer without a consumer group reads the
 * compacted key topic from the beginning and then tails it, so a key created or revoked anywhere
 * (another instance, the CLI) is honoured here within a poll interval. Keys are looked up by the
 * SHA-256 of the presented key; the hash is the record key, so no secret is compared at all.
 *
 * <p>{@link #sync()} answers "have I read everything written before now?", which the gateway
 * waits for before it serves and {@link ApiKeys} waits for before it revokes.
 */
public final class ApiKeyCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyCache.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_MS = 1_000;

    private final Consumer<String, ApiKey> consumer;
    private final String topic;
    private final Map<String, ApiKey> byHash = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    private final List<PendingSync> pending = new ArrayList<>();
    private final Thread poller;
    private volatile boolean closed;

    ApiKeyCache(final Consumer<String, ApiKey> consumer, final String topic) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.poller = new Thread(this::run, "edupulse-api-key-cache");
        this.poller.setDaemon(true);
    }

    /** Starts reading {@link Topics#API_KEYS}; call {@link #awaitSynced} before trusting a miss. */
    public static ApiKeyCache start(final String bootstrapServers, final String schemaRegistryUrl) {
        return start(bootstrapServers, schemaRegistryUrl, Map.of());
    }

    /** Like {@link #start(String, String)}, with further Kafka client settings (e.g. SASL/SSL). */
    public static ApiKeyCache start(final String bootstrapServers, final String schemaRegistryUrl,
                                    final Map<String, ?> clientSettings) {
        final ApiKeyCache cache = new ApiKeyCache(ApiKeyTopic.consumer(bootstrapServers, schemaRegistryUrl,
                clientSettings), Topics.API_KEYS.name());
        cache.poller.start();
        return cache;
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
        final CompletableFuture<Void> request = new CompletableFuture<>();
        if (closed) {
            request.completeExceptionally(new IllegalStateException("the API key cache is closed"));
        } else {
            syncRequests.add(request);
        }
        return request;
    }

    /** Whether {@link #sync()} completed within the timeout. */
    public boolean awaitSynced(final Duration timeout) {
        try {
            sync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (final ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(10));
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            final List<TopicPartition> partitions = awaitPartitions();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!closed) {
                takeSyncRequests(partitions);
                pollOnce();
                completeReachedSyncs();
            }
        } catch (final WakeupException e) {
            if (!closed) {
                LOG.error("API key cache woken up unexpectedly; keys are no longer refreshed", e);
            }
        } catch (final RuntimeException e) {
            LOG.error("API key cache stopped reading {}; keys are no longer refreshed", topic, e);
        } finally {
            failOutstanding();
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    private List<TopicPartition> awaitPartitions() {
        while (!closed) {
            try {
                final List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
                LOG.warn("API key topic {} does not exist yet; is it provisioned? Retrying", topic);
            } catch (final org.apache.kafka.common.errors.TimeoutException e) {
                LOG.warn("No metadata for API key topic {} yet: {}", topic, e.getMessage());
            }
            pause();
        }
        throw new WakeupException();
    }

    private void pollOnce() {
        try {
            for (final ConsumerRecord<String, ApiKey> record : consumer.poll(POLL)) {
                if (record.value() == null) {
                    byHash.remove(record.key());
                } else {
                    byHash.put(record.key(), record.value());
                }
            }
        } catch (final RecordDeserializationException e) {
            LOG.error("Skipping unreadable API key record at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private void takeSyncRequests(final List<TopicPartition> partitions) {
        if (syncRequests.isEmpty()) {
            return;
        }
        final List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (CompletableFuture<Void> request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            taken.add(request);
        }
        final Map<TopicPartition, Long> ends = new HashMap<>(consumer.endOffsets(partitions));
        taken.forEach(request -> pending.add(new PendingSync(ends, request)));
    }

    private void completeReachedSyncs() {
        final Iterator<PendingSync> it = pending.iterator();
        while (it.hasNext()) {
            final PendingSync sync = it.next();
            if (sync.ends().entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                sync.request().complete(null);
                it.remove();
            }
        }
    }

    private void failOutstanding() {
        final IllegalStateException stopped = new IllegalStateException("the API key cache stopped");
        pending.forEach(sync -> sync.request().completeExceptionally(stopped));
        pending.clear();
        for (CompletableFuture<Void> request = syncRequests.poll(); request != null; request = syncRequests.poll()) {
            request.completeExceptionally(stopped);
        }
    }

    private void pause() {
        try {
            // Only between metadata attempts on the background thread, never on a request path.
            Thread.sleep(RETRY_MS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    private record PendingSync(Map<TopicPartition, Long> ends, CompletableFuture<Void> request) {
    }
}
