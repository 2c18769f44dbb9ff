package org.edupulse.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;

/**
 * Builds a profile's schools: each district gets an upper secondary school and a continuing
 * education centre in its central commune, then primary, preschool and lower secondary schools
 * spread over its communes (ethnic-minority boarding schools in the remote districts). Some
 * schools get a later version for a new school year, and every school a version from
 * {@link DienBienGeography#REFORM_DATE} in its merged commune ({@link CommuneReform}). The
 * schools are reference data, so they depend on the profile only, never on the seed.
 */
final class SchoolCatalog {

    private static final SchoolLevel[] COMMUNE_ROUNDS = {
        SchoolLevel.PRIMARY, SchoolLevel.PRESCHOOL, SchoolLevel.LOWER_SECONDARY,
        SchoolLevel.PRIMARY, SchoolLevel.PRESCHOOL, SchoolLevel.MULTI_LEVEL};
    private static final long CATALOG_SEED = 20_250_701L;
    private static final double UPDATED_SHARE = 0.08;

    private SchoolCatalog() {
    }

    static SchoolDirectory of(final Profile profile) {
        final SplittableRandom random = new SplittableRandom(CATALOG_SEED + profile.ordinal());
        final List<School> opening = new ArrayList<>();
        final List<District> districts = DienBienGeography.DISTRICTS;
        for (int d = 0; d < districts.size(); d++) {
            opening.addAll(district(districts.get(d), profile.calibration().schoolsPerDistrict().get(d), random));
        }
        final Map<String, List<School>> versions = new LinkedHashMap<>();
        opening.forEach(s -> versions.computeIfAbsent(s.getSchoolId(), id -> new ArrayList<>()).add(s));
        final int updateCount = Math.max(1, (int) Math.round(opening.size() * UPDATED_SHARE));
        final List<School> candidates = new ArrayList<>(opening);
        for (int i = 0; i < updateCount; i++) {
            final School before = candidates.remove(random.nextInt(candidates.size()));
            versions.get(before.getSchoolId()).add(updated(before, random));
        }
        final List<School> later = new ArrayList<>();
        final List<School> current = new ArrayList<>();
        for (final List<School> ofSchool : versions.values()) {
            final List<School> reformed = CommuneReform.apply(ofSchool);
            later.addAll(reformed.subList(1, reformed.size()));
            current.add(reformed.get(reformed.size() - 1));
        }
        later.sort(Comparator.comparing(School::getEffectiveFrom).thenComparing(School::getSchoolId));
        final List<School> records = new ArrayList<>(opening);
        records.addAll(later);
        return new SchoolDirectory(records, current);
    }

    private static List<School> district(final District district, final int count, final SplittableRandom random) {
        final List<School> schools = new ArrayList<>();
        final Map<String, Integer> namesUsed = new HashMap<>();
        final String shortName = district.name().replace(" city", "").replace(" town", "");
        for (int slot = 0; slot < count; slot++) {
            final int communeIndex;
            final SchoolLevel level;
            final String baseName;
            if (slot == 0) {
                communeIndex = 0;
                level = SchoolLevel.UPPER_SECONDARY;
                baseName = shortName + " Upper Secondary School";
            } else if (slot == 1 && count >= 20) {
                communeIndex = 0;
                level = SchoolLevel.CONTINUING_EDUCATION;
                baseName = shortName + " Continuing Education Centre";
            } else {
                final int placed = slot - (count >= 20 ? 2 : 1);
                final int communes = district.communes().size();
                communeIndex = (1 + placed) % communes;
                level = COMMUNE_ROUNDS[(placed / communes) % COMMUNE_ROUNDS.length];
                baseName = district.communes().get(communeIndex) + " "
                        + levelName(level, district.remote() && communeIndex != 0);
            }
            final int seen = namesUsed.merge(baseName, 1, Integer::sum);
            final String name = seen == 1 ? baseName : baseName + " No. " + seen;
            schools.add(school(district, communeIndex, slot, level, name, random));
        }
        return schools;
    }

    private static String levelName(final SchoolLevel level, final boolean boarding) {
        switch (level) {
            case PRESCHOOL:
                return "Preschool";
            case PRIMARY:
                return boarding ? "Ethnic Minority Boarding Primary School" : "Primary School";
            case LOWER_SECONDARY:
                return boarding ? "Ethnic Minority Boarding Lower Secondary School" : "Lower Secondary School";
            default:
                return "Primary and Lower Secondary School";
        }
    }

    private static School school(final District district, final int communeIndex, final int slot,
                                 final SchoolLevel level, final String name, final SplittableRandom random) {
        final boolean central = communeIndex == 0 || !district.remote();
        final Connectivity internet = connectivity(central, random);
        return School.newBuilder()
                .setSchoolId(String.format("%s-SCH-%03d", district.id(), slot + 1))
                .setName(name)
                .setLevel(level)
                .setCommuneId(district.communeId(communeIndex))
                .setCommuneName(district.communes().get(communeIndex))
                .setDistrictId(district.id())
                .setDistrictName(district.name())
                .setProvinceId(DienBienGeography.PROVINCE_ID)
                .setProvinceName(DienBienGeography.PROVINCE_NAME)
                .setLearnersEnrolled(learners(level, central, random))
                .setInternet(internet)
                .setInternetForTeaching(internet != Connectivity.NONE && random.nextDouble() < 0.93)
                // Wifi covers the schools whose broadband is distributed by wifi (no random draw: the calibration stays)
                .setWifiCoverage(internet == Connectivity.WIFI_BROADBAND)
                .setEffectiveFrom(ProvinceTime.FIRST_DAY)
                .build();
    }

    private static Connectivity connectivity(final boolean central, final SplittableRandom random) {
        final double u = random.nextDouble();
        if (central) {
            return u < 0.7 ? Connectivity.WIFI_BROADBAND : Connectivity.FIXED_BROADBAND;
        }
        if (u < 0.4) {
            return Connectivity.WIFI_BROADBAND;
        }
        if (u < 0.6) {
            return Connectivity.FIXED_BROADBAND;
        }
        return u < 0.88 ? Connectivity.MOBILE_BROADBAND : Connectivity.NONE;
    }

    private static int learners(final SchoolLevel level, final boolean central, final SplittableRandom random) {
        final int base;
        final int spread;
        switch (level) {
            case PRESCHOOL:
                base = 90;
                spread = 120;
                break;
            case PRIMARY:
            case MULTI_LEVEL:
                base = 200;
                spread = 260;
                break;
            case LOWER_SECONDARY:
                base = 170;
                spread = 230;
                break;
            case UPPER_SECONDARY:
                base = 520;
                spread = 520;
                break;
            default:
                base = 80;
                spread = 200;
                break;
        }
        final int learners = base + random.nextInt(spread);
        return central ? learners + learners / 4 : learners;
    }

    /** A later record for the same school: a new school year's enrolment and, often, better internet. */
    private static School updated(final School before, final SplittableRandom random) {
        final Connectivity internet;
        switch (before.getInternet()) {
            case NONE:
                internet = Connectivity.MOBILE_BROADBAND;
                break;
            case MOBILE_BROADBAND:
            case FIXED_BROADBAND:
                internet = Connectivity.WIFI_BROADBAND;
                break;
            default:
                internet = before.getInternet();
                break;
        }
        final LocalDate schoolYearStart = LocalDate.of(2022 + random.nextInt(4), 9, 5);
        final int learners = Math.max(40, before.getLearnersEnrolled() + random.nextInt(81) - 40);
        return SchoolCopies.builderOf(before)
                .setInternet(internet)
                .setInternetForTeaching(true)
                .setLearnersEnrolled(learners)
                .setEffectiveFrom(schoolYearStart)
                .build();
    }
}
