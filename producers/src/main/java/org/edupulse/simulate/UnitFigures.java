package org.edupulse.simulate;

import java.util.Map;
import org.edupulse.schemas.DevicePurpose;

/**
 * The figures of one reporting unit (the province or a district) that the pipeline must publish,
 * as counts. Shares are left to the pipeline; these are the parts it divides.
 *
 * @param unitId                    reporting-unit id, e.g. {@code DB} or {@code DB-MA}
 * @param unitName                  its name
 * @param activeStaff               staff whose latest roster event is JOINED or TRANSFERRED
 * @param itTeachers                active staff with role IT_TEACHER
 * @param certifiedStaff            active staff holding at least one IT certificate level
 * @param itTeachersWithItDegree    active IT teachers holding IT_DEGREE
 * @param trainingSessions          distinct training sessions held at the unit's schools
 * @param tabletsInService          tablets not retired
 * @param tabletsWithSimInService   tablets not retired with a 4G SIM
 * @param purchasedTabletsInService tablets not retired with source PURCHASE
 * @param computersInService        desktops and laptops not retired
 * @param computersByPurpose        computers in service by purpose (every purpose present, zero if none)
 * @param sponsoredDevicesInService devices not retired with source SPONSORSHIP
 * @param schools                   schools counting towards the unit
 * @param schoolsWithInternetForTeaching schools whose internet is available for teaching
 * @param learnersEnrolled          learners enrolled in the unit's schools
 * @param communityTeamStaff        active staff in a commune's community digital technology team
 */
public record UnitFigures(String unitId, String unitName, long activeStaff, long itTeachers, long certifiedStaff,
                          long itTeachersWithItDegree, long trainingSessions, long tabletsInService,
                          long tabletsWithSimInService, long purchasedTabletsInService, long computersInService,
                          Map<DevicePurpose, Long> computersByPurpose, long sponsoredDevicesInService,
                          long schools, long schoolsWithInternetForTeaching, long learnersEnrolled,
                          long communityTeamStaff) {

    public UnitFigures {
        computersByPurpose = Map.copyOf(computersByPurpose);
    }

    /**
     * The stock counts and sessions by the id of the published indicator each is the numerator of, in
     * catalog order: what a published IndicatorSet of the unit must hold.
     */
    public Map<String, Long> byIndicator() {
        final Map<String, Long> counts = new java.util.LinkedHashMap<>();
        counts.put("staff.active", activeStaff);
        counts.put("staff.it_teachers", itTeachers);
        counts.put("staff.it_certified.share", certifiedStaff);
        counts.put("staff.it_degree_teachers", itTeachersWithItDegree);
        counts.put("devices.tablets.in_service", tabletsInService);
        counts.put("devices.tablets.with_sim", tabletsWithSimInService);
        counts.put("devices.computers.in_service", computersInService);
        counts.put("devices.computers.office", computers(DevicePurpose.OFFICE));
        counts.put("devices.computers.teaching", computers(DevicePurpose.TEACHING));
        counts.put("devices.sponsored.in_service", sponsoredDevicesInService);
        counts.put("schools.total", schools);
        counts.put("schools.with_internet.share", schoolsWithInternetForTeaching);
        counts.put("learners.enrolled", learnersEnrolled);
        return counts;
    }

    /** Computers in service for one purpose. */
    public long computers(final DevicePurpose purpose) {
        return computersByPurpose.getOrDefault(purpose, 0L);
    }
}
