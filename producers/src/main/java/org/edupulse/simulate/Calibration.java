package org.edupulse.simulate;

import java.util.List;

/**
 * The end state a profile's history must reach and how much noise it carries on the way. The
 * generator builds that end state first and then a history that ends in it, so these numbers are
 * met by construction, whatever the seed.
 *
 * @param schoolsPerDistrict      schools in each district, in {@link DienBienGeography#DISTRICTS} order
 * @param activeStaff             active staff province-wide
 * @param itTeachers              active IT teachers province-wide
 * @param certifiedStaff          active staff holding at least basic IT, province-wide
 * @param trainingSessions        training sessions held over the history
 * @param sponsoredSimTablets     sponsored tablets with a 4G SIM lent to students, in service
 * @param purchasedTablets        purchased tablets without SIM, in service
 * @param officeComputers         computers in service for office tasks
 * @param teachingComputers       computers in service for teaching
 * @param managementComputers     computers in service for management
 * @param unassignedComputers     computers in service not yet assigned
 * @param otherDevices            other equipment in service (interactive displays), counted in no figure
 * @param namedDistrict           figures a source gives for one district
 * @param saLongSponsoredTablets  sponsored tablets in service at the Sa Lông boarding primary school
 * @param noiseShare              share of entities that get cancelling noise (transfers, revocations,
 *                                retirements, leavers); at least one of each kind is always generated
 * @param lateShare               share of events published late
 * @param duplicateShare          share of events sent twice
 */
public record Calibration(List<Integer> schoolsPerDistrict, int activeStaff, int itTeachers, int certifiedStaff,
                          int trainingSessions, int sponsoredSimTablets, int purchasedTablets,
                          int officeComputers, int teachingComputers, int managementComputers,
                          int unassignedComputers, int otherDevices, DistrictCalibration namedDistrict,
                          int saLongSponsoredTablets, double noiseShare, double lateShare,
                          double duplicateShare) {

    public Calibration {
        schoolsPerDistrict = List.copyOf(schoolsPerDistrict);
        if (schoolsPerDistrict.size() != DienBienGeography.DISTRICTS.size()) {
            throw new IllegalArgumentException("one school count per district is required");
        }
    }

    /** Computers in service: every purpose. */
    public int computers() {
        return officeComputers + teachingComputers + managementComputers + unassignedComputers;
    }
}
