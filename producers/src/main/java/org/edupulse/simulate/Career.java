package org.edupulse.simulate;

import java.time.Instant;
import java.util.List;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.StaffRole;

/**
 * One person's time in the sector as the history writes it: the schools they were at and from
 * when, from when certificates can be recorded, when they left (if they did), and the highest
 * certificate they end with. Certification and training events use it to name the right school.
 */
record Career(String staffId, StaffRole role, List<Instant> stintStarts, List<String> stintSchools,
              Instant certifiableFrom, Instant leftAt, CertificationLevel highestLevel) {

    Career {
        stintStarts = List.copyOf(stintStarts);
        stintSchools = List.copyOf(stintSchools);
    }

    boolean active() {
        return leftAt == null;
    }

    /** Whether the person spent the whole history at one school from the opening roster. */
    boolean steadySince(final Instant instant) {
        return active() && stintSchools.size() == 1 && stintStarts.get(0).isBefore(instant);
    }

    String schoolAt(final Instant instant) {
        String school = stintSchools.get(0);
        for (int i = 0; i < stintStarts.size(); i++) {
            if (!stintStarts.get(i).isAfter(instant)) {
                school = stintSchools.get(i);
            }
        }
        return school;
    }

    String finalSchool() {
        return stintSchools.get(stintSchools.size() - 1);
    }
}
