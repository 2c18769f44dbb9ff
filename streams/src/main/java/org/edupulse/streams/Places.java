package org.edupulse.streams;

import org.edupulse.schemas.UnitLevel;
import org.edupulse.streams.state.Place;
import org.edupulse.streams.state.SchoolVersion;

/**
 * The units a school version places a school in, and how each level's place follows from a school's:
 * the school under its commune, the commune under the province (Vietnam's two tiers since 1 July
 * 2025), the district (or former district, a grouping) under the province, and the province. The
 * reference data decides every id and name: a unit is what its school versions say it is.
 */
final class Places {

    private Places() {
    }

    /** The empty place of an aggregate that nothing has contributed to yet. */
    static Place nowhere() {
        return new Place("", "", "", "", "", "", "", "", "", "", "", false);
    }

    /** A school known only by its id: the key of the contributions of its people, devices and findings. */
    static Place schoolId(final String schoolId) {
        final Place place = nowhere();
        place.setLevel(UnitLevel.SCHOOL.name());
        place.setUnitId(schoolId);
        return place;
    }

    /** The school itself, under its commune, as {@code version} places it. */
    static Place school(final SchoolVersion version) {
        return new Place(UnitLevel.SCHOOL.name(), version.getSchoolId(), version.getSchoolName(), version.getCommuneId(),
                version.getCommuneName(), version.getCommuneId(), version.getCommuneName(), version.getDistrictId(),
                version.getDistrictName(), version.getProvinceId(), version.getProvinceName(), version.getDistrictIsFormer());
    }

    /**
     * The unit of level {@code level} that the unit at {@code place} counts in: for a school, its commune,
     * district or province; for a commune or a district, its province.
     */
    static Place above(final Place place, final UnitLevel level) {
        return switch (level) {
            // No district for a commune: a merged commune may take schools from two former districts.
            case COMMUNE -> new Place(level.name(), place.getCommuneId(), place.getCommuneName(), place.getProvinceId(),
                    place.getProvinceName(), place.getCommuneId(), place.getCommuneName(), "", "", place.getProvinceId(),
                    place.getProvinceName(), false);
            case DISTRICT -> new Place(level.name(), place.getDistrictId(), place.getDistrictName(), place.getProvinceId(),
                    place.getProvinceName(), "", "", place.getDistrictId(), place.getDistrictName(), place.getProvinceId(),
                    place.getProvinceName(), place.getGrouping());
            case PROVINCE -> new Place(level.name(), place.getProvinceId(), place.getProvinceName(), "", "", "", "", "", "",
                    place.getProvinceId(), place.getProvinceName(), false);
            case SCHOOL -> throw new IllegalArgumentException("no unit counts in a school");
        };
    }

    /**
     * The places a session of a school counts in directly, as {@code version} places the school on its
     * day: the school, its commune and, when the version names one, its district.
     */
    static Place[] sessionUnits(final SchoolVersion version) {
        final Place school = school(version);
        return hasDistrict(school)
                ? new Place[] {school, above(school, UnitLevel.COMMUNE), above(school, UnitLevel.DISTRICT)}
                : new Place[] {school, above(school, UnitLevel.COMMUNE)};
    }

    /** Whether a school at {@code place} counts in a district: a school version's district is optional. */
    static boolean hasDistrict(final Place place) {
        return !place.getDistrictId().isEmpty();
    }

    /** Whether {@code place} is a unit at all: the district above a school without one is nowhere. */
    static boolean isNowhere(final Place place) {
        return place.getUnitId().isEmpty();
    }

    /** Internal state keeps an absent optional name or id as "" (as the unit of nothing). */
    static String noneAsEmpty(final String text) {
        return text == null ? "" : text;
    }

    /** A key unique across levels, for stores that hold units of several levels. */
    static String key(final Place place) {
        return place.getLevel() + ":" + place.getUnitId();
    }
}
