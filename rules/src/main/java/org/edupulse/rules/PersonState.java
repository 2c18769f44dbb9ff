package org.edupulse.rules;

import java.util.List;
import java.util.Map;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;

/**
 * One person after every applied event: the roster event in force, the certification levels held
 * and the award that gave each, the community digital technology teams they are in, the events
 * refused on the way, and the applied events that are doubtful.
 *
 * @param roster    the last applied roster event, or null when none was applied
 * @param awards    the award in force for each level held (certificates follow the person)
 * @param refusals  the events not applied, sorted by event id
 * @param findings  the events applied and counted as usual but doubtful ({@link DataQuality}), sorted by event id
 * @param teams     by commune id, the {@code TEAM_JOINED} event in force for each commune team the person is in
 *                  (membership follows the person, like a certificate, until {@code TEAM_LEFT})
 */
public record PersonState(StaffEvent roster, Map<CertificationLevel, CertificationEvent> awards,
                          List<Refusal> refusals, List<Finding> findings, Map<String, StaffEvent> teams) {

    public PersonState {
        awards = Map.copyOf(awards);
        refusals = List.copyOf(refusals);
        findings = List.copyOf(findings);
        teams = Map.copyOf(teams);
    }

    /** A person in no community team. */
    public PersonState(final StaffEvent roster, final Map<CertificationLevel, CertificationEvent> awards,
                       final List<Refusal> refusals, final List<Finding> findings) {
        this(roster, awards, refusals, findings, Map.of());
    }

    /** In at least one commune's community digital technology team. */
    public boolean inCommunityTeam() {
        return !teams.isEmpty();
    }

    /** Whether {@code event} is about community-team membership ({@code TEAM_JOINED}/{@code TEAM_LEFT}), not the roster. */
    public static boolean teamAction(final StaffEvent event) {
        return event.getAction() == StaffAction.TEAM_JOINED || event.getAction() == StaffAction.TEAM_LEFT;
    }

    /** The school whose roster the person is on, or null (never joined, left, or released for a transfer). */
    public String holder() {
        return holderOf(roster);
    }

    /** On a school's roster now. */
    public boolean active() {
        return holder() != null;
    }

    public boolean holds(final CertificationLevel level) {
        return awards.containsKey(level);
    }

    /** The highest level held, or null. */
    public CertificationLevel highest() {
        CertificationLevel highest = null;
        for (final CertificationLevel level : CertificationLevel.values()) {
            if (holds(level)) {
                highest = level;
            }
        }
        return highest;
    }

    /** The levels held as a bit mask, bit {@code level.ordinal()} per level. */
    public int heldLevels() {
        int mask = 0;
        for (final CertificationLevel level : awards.keySet()) {
            mask |= 1 << level.ordinal();
        }
        return mask;
    }

    static String holderOf(final StaffEvent roster) {
        if (roster == null) {
            return null;
        }
        return roster.getAction() == StaffAction.JOINED || roster.getAction() == StaffAction.TRANSFERRED
                ? roster.getSchoolId() : null;
    }
}
