package org.edupulse.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * Decides whether a candidate schema may follow earlier versions under a compatibility level,
 * delegating every reader/writer question to Avro's own {@link SchemaCompatibility} so the
 * registry agrees with what Avro's decoders will actually do at read time.
 */
final class CompatibilityChecker {

    private CompatibilityChecker() {
    }

    /**
     * Lists why {@code candidate} may not follow {@code previousOldestFirst}; empty means compatible.
     * Non-transitive levels look at the last element only, transitive levels at all of them.
     */
    static List<String> incompatibilities(final Schema candidate, final List<Schema> previousOldestFirst,
                                          final CompatibilityLevel level) {
        if (previousOldestFirst.isEmpty()) {
            return List.of();
        }
        final List<Schema> against = level.isTransitive()
                ? previousOldestFirst
                : List.of(previousOldestFirst.get(previousOldestFirst.size() - 1));
        final List<String> messages = new ArrayList<>();
        for (final Schema previous : against) {
            if (level.checksBackward()) {
                messages.addAll(problems(candidate, previous,
                        "the new schema cannot read data written with an earlier schema"));
            }
            if (level.checksForward()) {
                messages.addAll(problems(previous, candidate,
                        "an earlier schema cannot read data written with the new schema"));
            }
        }
        return List.copyOf(messages);
    }

    private static List<String> problems(final Schema reader, final Schema writer, final String direction) {
        final SchemaPairCompatibility pair = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (pair.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return List.of();
        }
        final List<String> messages = new ArrayList<>();
        for (final Incompatibility incompatibility : pair.getResult().getIncompatibilities()) {
            messages.add(incompatibility.getType() + " at '" + incompatibility.getLocation() + "' ("
                    + direction + "): " + incompatibility.getMessage());
        }
        if (messages.isEmpty()) {
            messages.add(direction + ": " + pair.getDescription());
        }
        return messages;
    }
}
