package org.edupulse.registry;

import java.util.Locale;
import java.util.Optional;

/**
 * Confluent's compatibility levels. Each level says which directions are checked (backward: the
 * new schema reads data written with the old; forward: the old schema reads data written with the
 * new) and whether against the latest version only or against every version (transitive).
 */
public enum CompatibilityLevel {
    NONE(false, false, false),
    BACKWARD(true, false, false),
    BACKWARD_TRANSITIVE(true, false, true),
    FORWARD(false, true, false),
    FORWARD_TRANSITIVE(false, true, true),
    FULL(true, true, false),
    FULL_TRANSITIVE(true, true, true);

    private final boolean backward;
    private final boolean forward;
    private final boolean transitive;

    CompatibilityLevel(final boolean backward, final boolean forward, final boolean transitive) {
        this.backward = backward;
        this.forward = forward;
        this.transitive = transitive;
    }

    /** True when the new schema, as reader, must read data written with the old one. */
    public boolean checksBackward() {
        return backward;
    }

    /** True when the old schema, as reader, must read data written with the new one. */
    public boolean checksForward() {
        return forward;
    }

    /** True when every earlier version is checked, not only the latest. */
    public boolean isTransitive() {
        return transitive;
    }

    /** Case-insensitive lookup; empty for null or an unknown name. */
    public static Optional<CompatibilityLevel> parse(final String name) {
        if (name == null) {
            return Optional.empty();
        }
        final String wanted = name.trim().toUpperCase(Locale.ROOT);
        for (final CompatibilityLevel level : values()) {
            if (level.name().equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}
