package org.edupulse.serving;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.edupulse.schemas.School;
import org.edupulse.serving.ApiRoute.UnitKind;

/**
 * The units of the reference data on one day, drawn from the school versions in force that day: each
 * school under its commune; each commune and each district under its province (a commune is also
 * found under every district its schools name, since a merged commune may take schools of two former
 * districts); each province. A district is a {@code grouping} when a version in force says its district
 * is a former one. A unit's name (and a commune's or district's province) is the one most of its
 * schools' versions give, the smallest on a tie: a single school record that misspells its district
 * does not rename the district for everyone.
 */
final class UnitHierarchy {

    /**
     * One unit on the day.
     *
     * @param ancestors ids of the units it is under (commune, district, province), for {@code ?parent=}
     * @param schools   schools in force in it (1 for a school)
     */
    record Unit(String id, String name, UnitKind level, String parentId, String parentName, boolean grouping,
                int schools, Set<String> ancestors) {

        /** The JSON of a listed unit, with the link to its latest indicators. */
        Map<String, Object> json() {
            final Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id);
            json.put("name", name);
            json.put("level", level.name());
            json.put("parentId", parentId);
            json.put("parentName", parentName);
            json.put("grouping", grouping);
            json.put("schools", schools);
            json.put("href", ApiRoutes.PREFIX + "units/" + id);
            return json;
        }
    }

    private final LocalDate day;
    /** By id; ids are unique across levels in the reference data (a clash keeps the higher level). */
    private final Map<String, Unit> units;

    private UnitHierarchy(final LocalDate day, final Map<String, Unit> units) {
        this.day = day;
        this.units = units;
    }

    /** The hierarchy that the versions in force on {@code day} (one per school) draw. */
    static UnitHierarchy of(final LocalDate day, final Collection<School> inForce) {
        final Map<UnitKind, Map<String, Tally>> tallies = new HashMap<>();
        for (final UnitKind kind : UnitKind.values()) {
            tallies.put(kind, new HashMap<>());
        }
        for (final School school : inForce) {
            final String district = blankToNull(school.getDistrictId());
            final Tally own = tally(tallies, UnitKind.SCHOOL, school.getSchoolId(), school.getName());
            own.parents.merge(school.getCommuneId(), 1, Integer::sum);
            own.ancestors.add(school.getCommuneId());
            own.ancestors.add(school.getProvinceId());
            final Tally commune = tally(tallies, UnitKind.COMMUNE, school.getCommuneId(), school.getCommuneName());
            commune.parents.merge(school.getProvinceId(), 1, Integer::sum);
            commune.ancestors.add(school.getProvinceId());
            if (district != null) {
                own.ancestors.add(district);
                commune.ancestors.add(district);
                final Tally tally = tally(tallies, UnitKind.DISTRICT, district, school.getDistrictName());
                tally.parents.merge(school.getProvinceId(), 1, Integer::sum);
                tally.ancestors.add(school.getProvinceId());
                tally.grouping |= school.getDistrictIsFormer();
            }
            tally(tallies, UnitKind.PROVINCE, school.getProvinceId(), school.getProvinceName());
        }
        final Map<String, Unit> units = new TreeMap<>();
        for (final UnitKind kind : UnitKind.values()) {
            final UnitKind parentKind = switch (kind) {
                case SCHOOL -> UnitKind.COMMUNE;
                case COMMUNE, DISTRICT -> UnitKind.PROVINCE;
                case PROVINCE -> null;
            };
            for (final Tally tally : tallies.get(kind).values()) {
                final String parentId = mostCommon(tally.parents);
                final Tally parent = parentKind == null || parentId == null ? null : tallies.get(parentKind).get(parentId);
                units.put(tally.id, new Unit(tally.id, mostCommon(tally.names), kind, parentId,
                        parent == null ? null : mostCommon(parent.names), tally.grouping, tally.schools,
                        Set.copyOf(tally.ancestors)));
            }
        }
        return new UnitHierarchy(day, units);
    }

    LocalDate day() {
        return day;
    }

    Optional<Unit> unit(final String id) {
        return Optional.ofNullable(units.get(id));
    }

    /** The units of {@code level} (every level if null) under {@code ancestor} (anywhere if null), by id. */
    List<Unit> list(final UnitKind level, final String ancestor) {
        return units.values().stream()
                .filter(unit -> level == null || unit.level() == level)
                .filter(unit -> ancestor == null || unit.ancestors().contains(ancestor))
                .toList();
    }

    private static Tally tally(final Map<UnitKind, Map<String, Tally>> tallies, final UnitKind kind, final String id,
                               final String name) {
        final Tally tally = tallies.get(kind).computeIfAbsent(id, Tally::new);
        tally.names.merge(name, 1, Integer::sum);
        tally.schools++;
        return tally;
    }

    /** The value given most often, the smallest on a tie; null for none. */
    private static String mostCommon(final Map<String, Integer> votes) {
        return votes.entrySet().stream()
                .max(Map.Entry.<String, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    private static String blankToNull(final String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** What the versions in force say about one unit, while they are counted. */
    private static final class Tally {
        private final String id;
        private final Map<String, Integer> names = new HashMap<>();
        private final Map<String, Integer> parents = new HashMap<>();
        private final Set<String> ancestors = new TreeSet<>();
        private boolean grouping;
        private int schools;

        Tally(final String id) {
            this.id = id;
        }
    }
}
