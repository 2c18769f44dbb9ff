package org.edupulse.serde;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Caches ids both ways in front of a registry client, so that a running producer or consumer asks
 * the registry once per schema and keeps working while the registry is away. Latest-version answers
 * are not cached: they change when a subject evolves.
 */
public final class CachedSchemaRegistryClient implements SchemaRegistryClient {

    private record SubjectSchema(String subject, Schema schema) {
    }

    private final SchemaRegistryClient delegate;
    private final Map<SubjectSchema, Integer> registered = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> lookedUp = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    public CachedSchemaRegistryClient(final SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    /** A cached client for the given URLs: {@code mock://scope} or HTTP base URLs. */
    public static CachedSchemaRegistryClient forUrls(final List<String> urls) {
        final String first = urls.get(0);
        if (first.startsWith(MockSchemaRegistry.SCHEME)) {
            return new CachedSchemaRegistryClient(MockSchemaRegistry.scope(first.substring(MockSchemaRegistry.SCHEME.length())));
        }
        return new CachedSchemaRegistryClient(new RestSchemaRegistryClient(urls));
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
        return byId.computeIfAbsent(id, delegate::schemaById);
    }

    @Override
    public RegisteredSchema latest(final String subject) {
        final RegisteredSchema latest = delegate.latest(subject);
        byId.putIfAbsent(latest.id(), latest.schema());
        return latest;
    }
}
