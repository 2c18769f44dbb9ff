package org.edupulse.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edupulse.streams.state.SchoolVersion;
import org.edupulse.streams.state.SchoolVersions;

/**
 * The schools of one ingest task with a version not in force yet, by the province day it takes
 * effect: an index of the task's school versions, kept with every write to them, so that a new day
 * of event time visits the schools whose version changes instead of every school of the task. The
 * ingest step and the log fold keep one per task.
 */
final class PendingVersions {

    private final NavigableMap<Integer, Set<String>> byDay = new TreeMap<>();
    private final Map<String, List<Integer>> daysOf = new HashMap<>();

    void clear() {
        byDay.clear();
        daysOf.clear();
    }

    /** Re-indexes a school's versions that are later than the one in force (every one, when none is). */
    void index(final SchoolVersions versions) {
        final String schoolId = versions.getSchoolId();
        final List<Integer> before = daysOf.remove(schoolId);
        if (before != null) {
            for (final Integer day : before) {
                final Set<String> waiting = byDay.get(day);
                waiting.remove(schoolId);
                if (waiting.isEmpty()) {
                    byDay.remove(day);
                }
            }
        }
        final Integer activeFrom = versions.getActiveFrom();
        List<Integer> days = null;
        for (final SchoolVersion version : versions.getVersions()) {
            if (activeFrom == null || version.getEffectiveFrom() > activeFrom) {
                if (days == null) {
                    days = new ArrayList<>(2);
                }
                days.add(version.getEffectiveFrom());
                byDay.computeIfAbsent(version.getEffectiveFrom(), d -> new HashSet<>()).add(schoolId);
            }
        }
        if (days != null) {
            daysOf.put(schoolId, days);
        }
    }

    /** The schools with a version due by {@code day}, in {@code order}. */
    Set<String> dueBy(final int day, final Comparator<String> order) {
        final Set<String> due = new TreeSet<>(order);
        byDay.headMap(day, true).values().forEach(due::addAll);
        return due;
    }
}
