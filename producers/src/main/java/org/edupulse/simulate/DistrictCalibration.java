package org.edupulse.simulate;

/**
 * Figures one district must show at the end of the history, when a source names them (Mường Ảng's
 * staff, certificates and degree-holding IT teachers). The rest of the province absorbs the
 * remainder of the province-wide targets.
 *
 * @param districtId        district the figures belong to
 * @param activeStaff       active staff at the end
 * @param certifiedStaff    active staff holding at least a basic IT certificate
 * @param itTeachers        active IT teachers
 * @param itDegreeTeachers  active IT teachers holding an IT degree, at most {@code itTeachers}
 */
public record DistrictCalibration(String districtId, int activeStaff, int certifiedStaff, int itTeachers,
                                  int itDegreeTeachers) {

    public DistrictCalibration {
        if (itDegreeTeachers > itTeachers || itTeachers > certifiedStaff || certifiedStaff > activeStaff) {
            throw new IllegalArgumentException("inconsistent calibration for " + districtId);
        }
    }
}
