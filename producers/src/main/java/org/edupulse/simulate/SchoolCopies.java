package org.edupulse.simulate;

import org.edupulse.schemas.School;

/** Builders pre-filled from an existing school version, for the simulator's later versions. */
final class SchoolCopies {

    private SchoolCopies() {
    }

    /** A builder holding every field of {@code school}. */
    static School.Builder builderOf(final School school) {
        // Avro 1.12 refuses newBuilder(School) (a deep copy of enums from an untrusted package), so copy by hand.
        return School.newBuilder()
                .setSchoolId(school.getSchoolId())
                .setName(school.getName())
                .setLevel(school.getLevel())
                .setCommuneId(school.getCommuneId())
                .setCommuneName(school.getCommuneName())
                .setDistrictId(school.getDistrictId())
                .setDistrictName(school.getDistrictName())
                .setDistrictIsFormer(school.getDistrictIsFormer())
                .setProvinceId(school.getProvinceId())
                .setProvinceName(school.getProvinceName())
                .setLearnersEnrolled(school.getLearnersEnrolled())
                .setInternet(school.getInternet())
                .setInternetForTeaching(school.getInternetForTeaching())
                .setWifiCoverage(school.getWifiCoverage())
                .setEffectiveFrom(school.getEffectiveFrom());
    }
}
