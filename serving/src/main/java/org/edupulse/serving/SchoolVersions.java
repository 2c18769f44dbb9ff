package org.edupulse.serving;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.edupulse.schemas.School;

/**
 * Every effective-dated version of every school read from the school reference topic, so that the
 * hierarchy of units can be drawn as of any date: the version of a school in force on a day is its
 * latest with {@code effectiveFrom} on or before that day. A record with the effective date of an
 * earlier one corrects it (the later offset wins), as in the topology. Written by one reader thread,
 * read by request threads.
 */
final class SchoolVersions {

    private final Map<String, NavigableMap<LocalDate, School>> bySchool = new HashMap<>();

    /** Takes one record of the reference topic; null (no version) is ignored. */
    synchronized void add(final School school) {
        if (school == null) {
            return;
        }
        bySchool.computeIfAbsent(school.getSchoolId(), id -> new TreeMap<>()).put(school.getEffectiveFrom(), school);
    }

    /** The version of each school in force on {@code day}; schools whose first version starts later are absent. */
    synchronized List<School> inForce(final LocalDate day) {
        final List<School> schools = new ArrayList<>(bySchool.size());
        for (final NavigableMap<LocalDate, School> versions : bySchool.values()) {
            final Map.Entry<LocalDate, School> version = versions.floorEntry(day);
            if (version != null) {
                schools.add(version.getValue());
            }
        }
        return schools;
    }
}
