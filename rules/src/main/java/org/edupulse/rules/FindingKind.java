package org.edupulse.rules;

import java.util.Objects;

/**
 * What a finding says about its record, decided once from its rule id: the record was refused and
 * changes no figure, or it was counted as usual but is doubtful. The per-unit counts of findings and
 * anything else that splits findings ask {@link #of}; the rule ids' prefixes are the contract
 * ({@code custody.*} and {@code identity.*} for refusals, {@code quality.*} for doubtful records).
 */
public enum FindingKind {

    /**
     * Not applied: a {@link Refusal} ({@code custody.*}: a person or device another school holds, a
     * full history; {@code identity.*}: an event id reused with other content, whose first content counts).
     */
    REFUSED,

    /** Applied and counted as usual, but doubtful: a rule of {@link DataQuality} ({@code quality.*}). */
    DOUBTFUL;

    private static final String CUSTODY = "custody.";
    private static final String IDENTITY = "identity.";
    private static final String QUALITY = "quality.";

    /**
     * The kind of the finding raised by {@code ruleId}.
     *
     * @throws IllegalArgumentException when the rule id has none of the known prefixes (the message names it)
     */
    public static FindingKind of(final String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        if (ruleId.startsWith(CUSTODY) || ruleId.startsWith(IDENTITY)) {
            return REFUSED;
        }
        if (ruleId.startsWith(QUALITY)) {
            return DOUBTFUL;
        }
        throw new IllegalArgumentException("ruleId '" + ruleId + "' is neither a refusal (" + CUSTODY + "*, " + IDENTITY
                + "*) nor a doubtful record (" + QUALITY + "*)");
    }
}
