package org.edupulse.rules;

import java.util.Optional;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.School;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.StaffEvent;

/**
 * What is valid but doubtful, written once: records that pass {@link EventRules} and are counted as
 * usual, yet that the department should check with the school. The custody folds call the rules
 * about people and devices on the events they apply, so a finding follows from the whole history
 * in event order and not from arrival order; the pipeline's ingest step calls the rule about school
 * records. None of these rules changes a figure.
 */
public final class DataQuality {

    private DataQuality() {
    }

    /**
     * {@link Finding#CERTIFICATE_UNKNOWN_STAFF}: the certificate's person has no roster event
     * ({@code JOINED}, {@code TRANSFERRED}, {@code LEFT} or {@code RELEASED}, at any school) at or
     * before the certificate's time. A certificate a school records says the person belonged to it;
     * one for a person no roster knows yet is most often a mistyped staff id or date. A person who
     * joins only after the certificate's time therefore still has the finding: the roster did not know
     * them when the certificate was recorded. A certificate between jobs (after a {@code LEFT} or a
     * {@code RELEASED}) is not one: the roster knew the person.
     *
     * @param firstRoster the person's earliest roster event in event order, or null when they have none
     */
    static Optional<Finding> certificateUnknownStaff(final CertificationEvent certificate, final StaffEvent firstRoster) {
        if (firstRoster != null && !firstRoster.getOccurredAt().isAfter(certificate.getOccurredAt())) {
            return Optional.empty();
        }
        final String what = "certificate " + certificate.getLevel() + " " + certificate.getAction() + " for staff "
                + certificate.getStaffId() + " by school " + certificate.getSchoolId() + " at "
                + certificate.getOccurredAt() + ": ";
        final String message = firstRoster == null
                ? what + "no roster event of any school names staff " + certificate.getStaffId()
                        + ", so the certificate counts nowhere until a school puts them on its roster; check the staff id"
                        + " with school " + certificate.getSchoolId() + ", or post the person's JOINED"
                : what + "staff " + certificate.getStaffId() + " was on no roster then (their first roster event is "
                        + firstRoster.getAction() + " at school " + firstRoster.getSchoolId() + " at "
                        + firstRoster.getOccurredAt() + "); the certificate counts from then on, but check the staff id"
                        + " and the certificate's date with school " + certificate.getSchoolId();
        return Optional.of(new Finding(Finding.CERTIFICATE_UNKNOWN_STAFF, certificate.getStaffId(),
                certificate.getEventId(), certificate.getSchoolId(), message, certificate));
    }

    /**
     * {@link Finding#SIM_ON_DESKTOP}: a desktop computer said to carry a 4G SIM card. Laptops may
     * have a mobile-broadband modem and {@code OTHER} is anything, so only desktops are doubtful.
     */
    static Optional<Finding> simOnDesktop(final DeviceEvent event) {
        if (event.getType() != DeviceType.DESKTOP || !event.getHas4gSim()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.SIM_ON_DESKTOP, event.getDeviceId(), event.getEventId(),
                event.getSchoolId(), "device event " + event.getAction() + " for device " + event.getDeviceId()
                + " by school " + event.getSchoolId() + " records a desktop computer with a 4G SIM card, which a"
                + " desktop does not carry; it counts as a computer as usual (a SIM counts only on tablets); check the"
                + " device's type and SIM in school " + event.getSchoolId() + "'s asset register", event));
    }

    /**
     * {@link Finding#SCHOOL_WITHOUT_LEARNERS}: a school record with {@code learnersEnrolled} 0. Valid
     * (a school may be closing, or not open yet), but every per-learner figure of that school has no
     * value, and its teaching computers count in its district's learners per teaching computer with no
     * learners behind them.
     */
    public static Optional<Finding> schoolWithoutLearners(final School school) {
        if (!withoutLearners(school.getLearnersEnrolled())) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.SCHOOL_WITHOUT_LEARNERS, school.getSchoolId(), recordId(school),
                school.getSchoolId(), "school " + school.getSchoolId() + " (" + school.getName()
                + ") reports 0 learners enrolled from " + school.getEffectiveFrom() + ": it counts as a school, but"
                + " its teaching computers count in " + (school.getDistrictId() == null ? "commune " + school.getCommuneId()
                : "district " + school.getDistrictId()) + "'s learners per teaching"
                + " computer with no learners behind them, and no per-learner figure of the school has a value; check"
                + " the enrolment with the school and, if it is wrong, publish a corrected record with the same"
                + " effectiveFrom", school));
    }

    /**
     * Whether a school record enrolling {@code learnersEnrolled} learners is found without learners
     * ({@link #schoolWithoutLearners}): for a step that keeps a school's versions and not the records,
     * to tell whether the finding still applies to the version a correction replaces.
     */
    public static boolean withoutLearners(final int learnersEnrolled) {
        return learnersEnrolled == 0;
    }

    /**
     * {@link Finding#PARTICIPANTS_BELOW_NAMED}: a session whose {@code participantCount} is lower than the
     * number of staff it names as attendees. Counted as usual, with its participant count.
     */
    public static Optional<Finding> participantsBelowNamedStaff(final TrainingEvent event) {
        final int named = event.getStaffIds().size();
        if (event.getParticipantCount() >= named) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Finding.PARTICIPANTS_BELOW_NAMED, event.getSessionId(), event.getEventId(),
                event.getSchoolId(), "training session " + event.getSessionId() + " of school " + event.getSchoolId()
                + " names " + named + " attending staff in field staffIds but counts " + event.getParticipantCount()
                + " participants in field participantCount; it counts with " + event.getParticipantCount()
                + " participants; check the session in the school's training register", event));
    }

    /** The id of a school record, which has no event id: {@code schoolId@effectiveFrom}, e.g. {@code DB-MA-TH-01@2024-09-05}. */
    public static String recordId(final School school) {
        return school.getSchoolId() + "@" + school.getEffectiveFrom();
    }
}
