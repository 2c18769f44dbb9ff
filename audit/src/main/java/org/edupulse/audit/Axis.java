package org.edupulse.audit;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The two questions a replay answers about an instant: what the pipeline could have known then
 * ({@link #KNOWN_AT}, by log append time) and what had actually happened by then, including events
 * that arrived later ({@link #EVENT_TIME}, by occurredAt).
 */
public enum Axis {
    /** Every event whose occurredAt is at or before the instant, whenever it was appended. */
    EVENT_TIME("event-time"),
    /** Every record appended to the log at or before the instant, located with offsets-for-times. */
    KNOWN_AT("known-at");

    private final String cliName;

    Axis(final String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** The axis named {@code name} on the command line; the exception lists the known names. */
    public static Axis parse(final String name) {
        return Arrays.stream(values())
                .filter(axis -> axis.cliName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown axis '" + name + "'; known axes: "
                        + Arrays.stream(values()).map(Axis::cliName).collect(Collectors.joining(", "))));
    }
}
