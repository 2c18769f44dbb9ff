package org.edupulse.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.edupulse.registry.StoreRecord.ConfigRecord;
import org.edupulse.registry.StoreRecord.SchemaRecord;

/**
 * The registry's state as a pure fold over the store topic in offset order. It never looks at a
 * clock, a config record or anything outside the log to accept a registration, so every instance
 * that reads the same log (compacted or not) holds the same subjects, versions and ids.
 *
 * <p>Thread-safety: the store's reader thread applies records while HTTP threads query; every
 * method is synchronised and returns immutable values.
 */
final class RegistryState {

    private final CompatibilityLevel defaultLevel;
    private final Map<String, List<SchemaVersion>> subjects = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel;
    private int maxId;

    RegistryState(final CompatibilityLevel defaultLevel) {
        this.defaultLevel = defaultLevel;
    }

    /**
     * Folds one record into the state. A registration is accepted only if it is the subject's next
     * version, the schema is not yet under the subject, and its id is the schema's existing id or,
     * for a schema never seen, an id no other schema holds. Losers of a race fail these checks.
     *
     * @return whether the record changed the state
     */
    synchronized boolean apply(final StoreRecord record) {
        if (record instanceof ConfigRecord config) {
            applyConfig(config);
            return true;
        }
        return applySchema((SchemaRecord) record);
    }

    private void applyConfig(final ConfigRecord config) {
        if (config.isGlobal()) {
            globalLevel = config.level();
        } else if (config.level() == null) {
            subjectLevels.remove(config.subject());
        } else {
            subjectLevels.put(config.subject(), config.level());
        }
    }

    private boolean applySchema(final SchemaRecord record) {
        final List<SchemaVersion> versions = subjects.getOrDefault(record.subject(), List.of());
        final boolean nextVersion = record.version() == versions.size() + 1;
        final boolean alreadyUnderSubject = versions.stream().anyMatch(v -> v.schema().equals(record.schema()));
        final Integer knownId = idsBySchema.get(record.schema());
        final boolean idFits = knownId == null
                ? record.id() > 0 && !schemasById.containsKey(record.id())
                : knownId == record.id();
        if (!nextVersion || alreadyUnderSubject || !idFits) {
            return false;
        }
        final List<SchemaVersion> updated = new ArrayList<>(versions);
        updated.add(new SchemaVersion(record.subject(), record.version(), record.id(), record.schema()));
        subjects.put(record.subject(), List.copyOf(updated));
        idsBySchema.put(record.schema(), record.id());
        schemasById.put(record.id(), record.schema());
        maxId = Math.max(maxId, record.id());
        return true;
    }

    /** The record a writer should append to register {@code canonical} under {@code subject} now. */
    synchronized RegistrationPlan plan(final String subject, final String canonical) {
        final List<SchemaVersion> versions = subjects.getOrDefault(subject, List.of());
        final int id = idsBySchema.getOrDefault(canonical, maxId + 1);
        final SchemaRecord proposal = new SchemaRecord(subject, versions.size() + 1, id, canonical);
        return new RegistrationPlan(proposal, versions, effectiveLevel(subject));
    }

    synchronized Optional<SchemaVersion> registered(final String subject, final String canonical) {
        return subjects.getOrDefault(subject, List.of()).stream()
                .filter(v -> v.schema().equals(canonical))
                .findFirst();
    }

    synchronized List<String> subjects() {
        return subjects.keySet().stream().sorted().toList();
    }

    /** The subject's versions, oldest first; empty if the subject is unknown. */
    synchronized Optional<List<SchemaVersion>> versions(final String subject) {
        return Optional.ofNullable(subjects.get(subject));
    }

    synchronized Optional<String> schemaById(final int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    synchronized CompatibilityLevel globalLevel() {
        return globalLevel == null ? defaultLevel : globalLevel;
    }

    synchronized Optional<CompatibilityLevel> subjectLevel(final String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized CompatibilityLevel effectiveLevel(final String subject) {
        return subjectLevel(subject).orElseGet(this::globalLevel);
    }
}
