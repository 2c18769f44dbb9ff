package org.edupulse.rules;

import java.util.Comparator;
import java.util.Objects;

/**
 * An event the rules did not apply, and why: valid Avro, but not something its school may do (a
 * person or device another school holds) or an event id reused with other content. Every refusal is
 * published as a data-quality finding, so nothing is ignored silently.
 *
 * @param ruleId   stable id of the rule, e.g. {@code custody.held-by-other-school}
 * @param entityId the person or device the event was about
 * @param eventId  the refused event's id
 * @param schoolId the school that posted the refused event
 * @param message  what a department official reads: who holds the entity and what to do
 * @param event    the refused event itself (a StaffEvent, CertificationEvent or DeviceEvent)
 */
public record Refusal(String ruleId, String entityId, String eventId, String schoolId, String message, Object event) {

    /** A school posted a change to a person or device that another school holds. */
    public static final String HELD_BY_OTHER_SCHOOL = "custody.held-by-other-school";
    /** The same event id arrived with other content; the first by event order counts, the other never. */
    public static final String EVENT_ID_CONFLICT = "identity.event-id-conflict";

    /** A person or device already has as many events as EduPulse keeps for one entity. */
    public static final String HISTORY_FULL = "custody.history-full";

    /** The order a fold reports its refusals in: by event id, then rule. */
    static final Comparator<Refusal> ORDER =
            Comparator.comparing(Refusal::eventId).thenComparing(Refusal::ruleId);

    public Refusal {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(message, "message");
    }

    /** The refusal as the finding that publishes it. */
    public Finding asFinding() {
        return new Finding(ruleId, entityId, eventId, schoolId, message, event);
    }
}
