package org.edupulse.serde;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;

/**
 * Caches ids both ways in front of a registry client, so that a running producer or consumer asks
 * the registry once per schema and keeps working while the registry is away. Latest-version answers
 * are not cached: they change when a subject evolves.
 *
 * <p>A definite "schema id not found" (HTTP 404, error code 40403) is remembered too, for
 * {@code missing.id.cache.ttl.sec} and for at most {@code missing.cache.size} ids (the oldest is
 * forgotten first), so that a run of records naming an unknown id does not call the registry for
 * each one. An outage ({@link SchemaRegistryUnavailableException}) or a refusal of the client
 * ({@link SchemaRegistryAuthenticationException}) is never remembered: the next lookup asks again.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryClient delegate;
    private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
    /** Unknown ids and when (on {@link #nanoTime}) they are forgotten; guarded by itself. */
    private final Map<Integer, Missing> missingIds;
    private final long missingTtlNanos;
    private final LongSupplier nanoTime;

    private record Missing(SchemaRegistryException answer, long until) {
    }

    public CachedSchemaRegistryClient(final SchemaRegistryClient delegate) {
        this(delegate, RegistryClientSettings.DEFAULTS, System::nanoTime);
    }

    CachedSchemaRegistryClient(final SchemaRegistryClient delegate, final RegistryClientSettings settings,
                               final LongSupplier nanoTime) {
        this.delegate = delegate;
        this.missingTtlNanos = settings.missingIdTtl().toNanos();
        this.nanoTime = nanoTime;
        final int size = settings.missingCacheSize();
        this.missingIds = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<Integer, Missing> eldest) {
                return size() > size;
            }
        };
    }

    /** A cached client for the given URLs: {@code mock://scope} or HTTP base URLs. */
    public static CachedSchemaRegistryClient forUrls(final List<String> urls) {
        return forUrls(urls, RegistryClientSettings.DEFAULTS);
    }

    /** A cached client for the given URLs with the given retries, timeouts and unknown-id memory. */
    public static CachedSchemaRegistryClient forUrls(final List<String> urls, final RegistryClientSettings settings) {
        return forUrls(urls, settings, RegistryCredentials.FROM_URL);
    }

    /** A cached client as a serde configured with {@code configs} builds it: URLs, retries, credentials. */
    public static CachedSchemaRegistryClient forConfig(final Map<String, ?> configs) {
        final SerdeConfig config = SerdeConfig.from(configs);
        return forUrls(config.registryUrls(), config.registryClient(), config.credentials());
    }

    /** A cached client for the given URLs, sending the given credentials (ignored by {@code mock://}). */
    public static CachedSchemaRegistryClient forUrls(final List<String> urls, final RegistryClientSettings settings,
                                                     final RegistryCredentials credentials) {
        final String first = urls.get(0);
        if (first.startsWith(MockSchemaRegistry.SCHEME)) {
            return new CachedSchemaRegistryClient(MockSchemaRegistry.scope(first.substring(MockSchemaRegistry.SCHEME.length())),
                    settings, System::nanoTime);
        }
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(urls, settings, credentials), settings,
                System::nanoTime);
    }

    @Override
    public int register(final String subject, final Schema schema) {
        return registered.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            final int id = delegate.register(subject, schema);
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public int idOf(final String subject, final Schema schema) {
        final SubjectSchema key = new SubjectSchema(subject, schema);
        final Integer known = registered.get(key);
        if (known != null) {
            return known;
        }
        return lookedUp.computeIfAbsent(key, k -> {
            final int id = delegate.idOf(subject, schema);
            byId.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(final int id) {
        final Schema known = byId.get(id);
        if (known != null) {
            return known;
        }
        synchronized (missingIds) {
            final Missing missing = missingIds.get(id);
            if (missing != null && nanoTime.getAsLong() - missing.until() < 0) {
                throw missing.answer();
            }
            missingIds.remove(id);
        }
        try {
            return byId.computeIfAbsent(id, delegate::schemaById);
        } catch (final SchemaRegistryUnavailableException outage) {
            throw outage;
        } catch (final SchemaRegistryException answer) {
            if (answer.schemaNotFound() && missingTtlNanos > 0) {
                synchronized (missingIds) {
                    missingIds.put(id, new Missing(answer, nanoTime.getAsLong() + missingTtlNanos));
                }
            }
            throw answer;
        }
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final RegisteredSchema latest = delegate.latest(subject);
        byId.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }
}
