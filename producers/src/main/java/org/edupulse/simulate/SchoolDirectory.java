package org.edupulse.simulate;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.edupulse.schemas.School;

/**
 * The schools of a profile: every School record in publish order (the opening records, then later
 * versions by {@code effectiveFrom}: new school years, and the reform of
 * {@link DienBienGeography#REFORM_DATE}), and the current record of each school.
 *
 * @param records  all records in publish order
 * @param current  the latest record per school, in catalog order
 */
public record SchoolDirectory(List<School> records, List<School> current) {

    public SchoolDirectory {
        records = List.copyOf(records);
        current = List.copyOf(current);
    }

    /**
     * The version of each school in force on a day (the latest whose {@code effectiveFrom} is not
     * after it), in catalog order; schools with no version yet are left out.
     */
    public List<School> inForceOn(final LocalDate day) {
        final Map<String, School> inForce = new LinkedHashMap<>();
        current.forEach(s -> inForce.put(s.getSchoolId(), null));
        records.stream()
                .filter(s -> !s.getEffectiveFrom().isAfter(day))
                .sorted(Comparator.comparing(School::getEffectiveFrom))
                .forEach(s -> inForce.put(s.getSchoolId(), s));
        return inForce.values().stream().filter(s -> s != null).collect(Collectors.toList());
    }

    /** Current record by school id. */
    public Map<String, School> byId() {
        return current.stream().collect(Collectors.toMap(School::getSchoolId, Function.identity()));
    }

    /** Current schools of one district, in catalog order. */
    public List<School> inDistrict(final String districtId) {
        return current.stream().filter(s -> s.getDistrictId().equals(districtId)).collect(Collectors.toList());
    }

    /** The current school with this exact name; throws if there is none. */
    public School named(final String name) {
        return current.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no school named " + name));
    }
}
