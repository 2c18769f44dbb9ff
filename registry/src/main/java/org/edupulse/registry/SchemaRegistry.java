package org.edupulse.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.avro.Schema;
import org.edupulse.registry.StoreRecord.ConfigRecord;
import org.edupulse.registry.StoreRecord.SchemaRecord;

/**
 * The registry's operations, free of HTTP: reads answer from the folded state, writes append to
 * the store and answer from the state once their record has been applied.
 */
final class SchemaRegistry {

    /** A writer that keeps losing races to other instances gives up after this many proposals. */
    private static final int MAX_PROPOSALS = 16;
    private static final String AVRO = "AVRO";

    private final RegistryState state;
    private final KafkaStore store;
    private final StoreRecordCodec codec;

    SchemaRegistry(final RegistryState state, final KafkaStore store, final StoreRecordCodec codec) {
        this.state = state;
        this.store = store;
        this.codec = codec;
    }

    /**
     * Registers the schema under the subject, or returns its id there if already registered. A
     * version is never taken off a subject, so one this instance has already read is the answer a
     * catch-up would give too: it is returned without reading the store to its end first (that
     * read waits out the reader's long poll, about 100 ms, and every producer asks once per schema
     * when it starts). Only a schema not found here waits for the catch-up before it is proposed.
     */
    synchronized int register(final String subject, final String schemaText, final String schemaType) {
        final CanonicalSchema candidate = parse(schemaText, schemaType);
        final Optional<SchemaVersion> known = state.registered(subject, candidate.canonical());
        if (known.isPresent()) {
            return known.get().id();
        }
        for (int attempt = 0; attempt < MAX_PROPOSALS; attempt++) {
            store.catchUp();
            final Optional<SchemaVersion> existing = state.registered(subject, candidate.canonical());
            if (existing.isPresent()) {
                return existing.get().id();
            }
            final RegistrationPlan plan = state.plan(subject, candidate.canonical());
            final List<String> problems = CompatibilityChecker.incompatibilities(
                    candidate.schema(), parseAll(plan.previous()), plan.level());
            if (!problems.isEmpty()) {
                throw RegistryException.incompatible(subject, problems);
            }
            final SchemaRecord proposal = plan.proposal();
            store.awaitApplied(store.append(codec.schemaKey(proposal, UUID.randomUUID()), codec.schemaValue(proposal)));
            final Optional<SchemaVersion> outcome = state.registered(subject, candidate.canonical());
            if (outcome.isPresent()) {
                return outcome.get().id();
            }
        }
        throw RegistryException.storeError("Gave up registering under subject '" + subject + "' after "
                + MAX_PROPOSALS + " attempts lost to concurrent writers");
    }

    /** Finds the version of the subject holding this schema. */
    SchemaVersion lookup(final String subject, final String schemaText, final String schemaType) {
        final CanonicalSchema candidate = parse(schemaText, schemaType);
        final List<SchemaVersion> versions = versionsOf(subject);
        return versions.stream()
                .filter(v -> v.schema().equals(candidate.canonical()))
                .findFirst()
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema not found under subject '" + subject + "'"));
    }

    List<String> subjects() {
        return state.subjects();
    }

    List<Integer> versionNumbers(final String subject) {
        return versionsOf(subject).stream().map(SchemaVersion::version).toList();
    }

    SchemaVersion version(final String subject, final VersionSpec spec) {
        final List<SchemaVersion> versions = versionsOf(subject);
        if (spec.isLatest()) {
            return versions.get(versions.size() - 1);
        }
        if (spec.number() > versions.size()) {
            throw RegistryException.versionNotFound(subject, spec.number());
        }
        return versions.get(spec.number() - 1);
    }

    String schemaById(final int id) {
        return state.schemaById(id)
                .orElseThrow(() -> RegistryException.schemaNotFound("Schema " + id + " not found"));
    }

    CompatibilityLevel globalLevel() {
        return state.globalLevel();
    }

    CompatibilityLevel subjectLevel(final String subject, final boolean defaultToGlobal) {
        return state.subjectLevel(subject).orElseGet(() -> {
            if (defaultToGlobal) {
                return state.globalLevel();
            }
            throw RegistryException.subjectLevelNotConfigured(subject);
        });
    }

    /** Writes a level for the subject, or the global one when {@code subject} is null. */
    CompatibilityLevel setLevel(final String subject, final String levelName) {
        final CompatibilityLevel level = CompatibilityLevel.parse(levelName)
                .orElseThrow(() -> RegistryException.invalidCompatibilityLevel(levelName));
        final ConfigRecord record = new ConfigRecord(subject, level);
        store.awaitApplied(store.append(codec.configKey(record), codec.configValue(record)));
        return level;
    }

    /**
     * Checks a candidate against one version of the subject (or against every version the level
     * asks for when {@code spec} is null), under the subject's level.
     */
    List<String> incompatibilities(final String subject, final VersionSpec spec, final String schemaText,
                                   final String schemaType) {
        final CanonicalSchema candidate = parse(schemaText, schemaType);
        final List<SchemaVersion> against = spec == null
                ? state.versions(subject).orElse(List.of())
                : List.of(version(subject, spec));
        return CompatibilityChecker.incompatibilities(candidate.schema(), parseAll(against),
                state.effectiveLevel(subject));
    }

    private List<SchemaVersion> versionsOf(final String subject) {
        return state.versions(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
    }

    private static CanonicalSchema parse(final String schemaText, final String schemaType) {
        if (schemaType != null && !AVRO.equals(schemaType.toUpperCase(Locale.ROOT))) {
            throw RegistryException.invalidSchema("schemaType '" + schemaType
                    + "' is not supported; this registry accepts AVRO only");
        }
        return CanonicalSchema.parse(schemaText);
    }

    private static List<Schema> parseAll(final List<SchemaVersion> versions) {
        return versions.stream().map(v -> CanonicalSchema.parseStored(v.schema())).toList();
    }
}
