package org.edupulse.rules;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something the department should look at in an event (or a school record): either an event the
 * rules did not apply ({@link Refusal#asFinding()}), or one that is valid and counted as usual but
 * doubtful, by the rules of {@link DataQuality}. Every finding is published on the data-quality
 * topic, so nothing doubtful passes silently; a quality finding never changes a figure.
 *
 * @param ruleId   stable id of the rule, e.g. {@link #SIM_ON_DESKTOP}
 * @param entityId the person, device or school the record is about
 * @param eventId  the event's id (for a school record: {@code schoolId@effectiveFrom})
 * @param schoolId the school that posted it
 * @param message  what a department official reads: what looks wrong, what it does to the figures, what to do
 * @param event    the record itself (a StaffEvent, CertificationEvent, DeviceEvent or School)
 */
public record Finding(String ruleId, String entityId, String eventId, String schoolId, String message, Object event) {

    /**
     * A certificate for a person no roster event puts on any school's roster at or before the
     * certificate's time. Counted as usual: it counts from the person's first roster entry, and not
     * at all while they have none.
     */
    public static final String CERTIFICATE_UNKNOWN_STAFF = "quality.certificate-unknown-staff";

    /** A desktop computer said to carry a 4G SIM card. Counted as usual, as a computer (a SIM counts only on tablets). */
    public static final String SIM_ON_DESKTOP = "quality.sim-on-desktop";

    /**
     * A school record with no learners enrolled. Counted as usual: the school counts, and its teaching
     * computers count in its district's learners per teaching computer with none of its learners.
     */
    public static final String SCHOOL_WITHOUT_LEARNERS = "quality.school-without-learners";

    /**
     * A training session that names more attending staff ({@code staffIds}) than it counts participants.
     * Counted as usual, with its {@code participantCount}.
     */
    public static final String PARTICIPANTS_BELOW_NAMED = "quality.participants-below-named-staff";

    /** The order a fold reports its findings in: by event id, then rule. */
    static final Comparator<Finding> ORDER =
            Comparator.comparing(Finding::eventId).thenComparing(Finding::ruleId);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(message, "message");
    }
}
