package org.edupulse.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;

/**
 * How roster and certification events change a person, and which school may post them. A person is
 * held by the school whose roster they are on; only that school (or the department, which may post
 * for any school) changes them:
 * <ul>
 *   <li>{@code JOINED}/{@code TRANSFERRED} to school S applies when nobody holds the person or S does.
 *       A transfer between schools is two events: the school that lets the person go posts
 *       {@code RELEASED}, then the receiving school posts {@code TRANSFERRED}.</li>
 *   <li>{@code LEFT}/{@code RELEASED} by school S applies when S holds the person, or nobody does.</li>
 *   <li>A certificate awarded or revoked by school S applies when S holds the person, or nobody does
 *       (a certificate earned between jobs); it follows the person to later schools.</li>
 *   <li>{@code TEAM_JOINED}/{@code TEAM_LEFT} of a commune's community digital technology team, posted
 *       by school S, applies on the same terms as a certificate and changes no roster; the membership
 *       follows the person until {@code TEAM_LEFT} for the same commune.</li>
 * </ul>
 * Anything else is refused and reported, never applied: with its own key a school cannot move, remove
 * or strip the certificate of another school's teacher. Events apply in {@link EventOrder}, so the
 * state is a function of the set of events, whatever order they arrived in. A certificate applied for
 * a person no roster knew at its time ({@link DataQuality#certificateUnknownStaff}) is kept as usual
 * and reported; once a roster event that happened before it is in the history, however late it
 * arrived, the fold no longer finds it.
 */
public final class PersonCustody {

    /** The orders a person's roster events and certificates apply in, built once. */
    private static final Comparator<StaffEvent> ROSTER_ORDER =
            EventOrder.of(StaffEvent::getOccurredAt, StaffEvent::getEventId);
    private static final Comparator<CertificationEvent> AWARD_ORDER =
            EventOrder.of(CertificationEvent::getOccurredAt, CertificationEvent::getEventId);

    /** The order roster events and certificates apply in together. */
    private static final Comparator<Object> STEP_ORDER =
            Comparator.comparing(PersonCustody::occurredAt).thenComparing(PersonCustody::eventId);

    private PersonCustody() {
    }

    /** The person after all of {@code roster} and {@code certifications} (all of one staff id), in event order. */
    public static PersonState fold(final Collection<StaffEvent> roster, final Collection<CertificationEvent> certifications) {
        final List<Refusal> refusals = new ArrayList<>();
        final List<StaffEvent> staffEvents = EventOrder.distinct(roster, ROSTER_ORDER, StaffEvent::getEventId,
                StaffEvent::getSchoolId, StaffEvent::getStaffId, refusals);
        final List<CertificationEvent> certificationEvents = EventOrder.distinct(certifications, AWARD_ORDER,
                CertificationEvent::getEventId, CertificationEvent::getSchoolId, CertificationEvent::getStaffId, refusals);
        final List<Object> steps = new ArrayList<>(staffEvents.size() + certificationEvents.size());
        steps.addAll(staffEvents);
        steps.addAll(certificationEvents);
        steps.sort(STEP_ORDER);

        final List<Finding> findings = new ArrayList<>();
        final StaffEvent firstRoster = staffEvents.stream().filter(event -> !PersonState.teamAction(event))
                .findFirst().orElse(null);
        StaffEvent current = null;
        final Map<CertificationLevel, CertificationEvent> awards = new EnumMap<>(CertificationLevel.class);
        final Map<String, StaffEvent> teams = new TreeMap<>();
        for (final Object step : steps) {
            final String holder = PersonState.holderOf(current);
            if (step instanceof StaffEvent event && PersonState.teamAction(event)) {
                if (mayApply(holder, event)) {
                    if (event.getAction() == StaffAction.TEAM_JOINED) {
                        teams.put(event.getTeamCommuneId(), event);
                    } else {
                        teams.remove(event.getTeamCommuneId());
                    }
                } else {
                    refusals.add(refusal(event.getStaffId(), event.getEventId(), event.getSchoolId(), holder,
                            "community team event " + event.getAction(), event));
                }
            } else if (step instanceof StaffEvent event) {
                if (mayApply(holder, event)) {
                    current = event;
                } else {
                    refusals.add(refusal(event.getStaffId(), event.getEventId(), event.getSchoolId(), holder,
                            "roster event " + event.getAction(), event));
                }
            } else {
                final CertificationEvent event = (CertificationEvent) step;
                if (holder == null || holder.equals(event.getSchoolId())) {
                    DataQuality.certificateUnknownStaff(event, firstRoster).ifPresent(findings::add);
                    if (event.getAction() == CertificationAction.AWARDED) {
                        awards.put(event.getLevel(), event);
                    } else {
                        awards.remove(event.getLevel());
                    }
                } else {
                    refusals.add(refusal(event.getStaffId(), event.getEventId(), event.getSchoolId(), holder,
                            "certificate " + event.getLevel() + " " + event.getAction(), event));
                }
            }
        }
        refusals.sort(Refusal.ORDER);
        findings.sort(Finding.ORDER);
        return new PersonState(current, awards, refusals, findings, teams);
    }

    private static boolean mayApply(final String holder, final StaffEvent event) {
        // Nobody holds the person: any school may take them on (or record a leaving that changes nothing).
        return holder == null || holder.equals(event.getSchoolId());
    }

    private static Refusal refusal(final String staffId, final String eventId, final String schoolId,
                                   final String holder, final String what, final Object event) {
        return new Refusal(Refusal.HELD_BY_OTHER_SCHOOL, staffId, eventId, schoolId, what + " for staff " + staffId
                + " by school " + schoolId + " not applied: the person is on the roster of school " + holder
                + ", which (or the department) must first post RELEASED", event);
    }

    private static Instant occurredAt(final Object event) {
        return event instanceof StaffEvent s ? s.getOccurredAt() : ((CertificationEvent) event).getOccurredAt();
    }

    private static String eventId(final Object event) {
        return event instanceof StaffEvent s ? s.getEventId() : ((CertificationEvent) event).getEventId();
    }
}
