package org.edupulse.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.schemas.StaffRole;

/**
 * Decides the end state of a profile from its calibration: exact staff, certificate, IT-teacher,
 * device and training counts per district and school, by largest-remainder apportionment with
 * seeded jitter. Targets hold by construction; the seed only changes who and where.
 */
final class FinalStatePlanner {

    static final String STAFF_PREFIX = "DB-STF-";
    static final String ASSET_PREFIX = "DB-";
    static final List<String> SPONSOR_PROGRAMMES = List.of(
            DienBienGeography.TABLETS_FOR_CHILDREN, "Tablets for Highland Learners", "Study Promotion Fund Devices");

    private final Calibration calibration;
    private final SplittableRandom random;
    private final SchoolDirectory schools;
    private final List<School> all;
    private final int[] staffBySchool;

    private FinalStatePlanner(final Profile profile, final long seed) {
        this.calibration = profile.calibration();
        this.random = new SplittableRandom(seed);
        this.schools = SchoolCatalog.of(profile);
        this.all = schools.current();
        this.staffBySchool = new int[all.size()];
    }

    static FinalState plan(final Profile profile, final long seed) {
        return new FinalStatePlanner(profile, seed).plan();
    }

    private FinalState plan() {
        final List<PlannedStaff> staff = staff();
        final List<PlannedDevice> devices = devices();
        final double[] trainingWeights = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            trainingWeights[i] = (1 + staffBySchool[i]) * jitter(0.7, 0.6);
        }
        final int[] sessions = Apportionment.largestRemainder(calibration.trainingSessions(), trainingWeights);
        final Map<String, Integer> sessionsBySchool = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            sessionsBySchool.put(all.get(i).getSchoolId(), sessions[i]);
        }
        return new FinalState(schools, staff, devices, sessionsBySchool);
    }

    private List<PlannedStaff> staff() {
        final double[] schoolWeights = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            schoolWeights[i] = staffWeight(all.get(i).getLevel()) * jitter(0.85, 0.3);
        }
        final int[] staffByDistrict = splitOverDistricts(calibration.activeStaff(),
                calibration.namedDistrict().activeStaff(), sumByDistrict(schoolWeights));
        for (int d = 0; d < DienBienGeography.DISTRICTS.size(); d++) {
            final List<Integer> indices = schoolIndices(d);
            final double[] weights = indices.stream().mapToDouble(i -> schoolWeights[i]).toArray();
            final int[] parts = Apportionment.largestRemainder(staffByDistrict[d], weights);
            for (int k = 0; k < indices.size(); k++) {
                staffBySchool[indices.get(k)] = parts[k];
            }
        }
        final double[] teachingStaffWeights = new double[all.size()];
        final double[] staffWeights = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            staffWeights[i] = staffBySchool[i];
            teachingStaffWeights[i] = all.get(i).getLevel() == SchoolLevel.PRESCHOOL ? 0 : staffBySchool[i];
        }
        final int[] itByDistrict = splitOverDistricts(calibration.itTeachers(),
                calibration.namedDistrict().itTeachers(), sumByDistrict(teachingStaffWeights));
        final int[] certifiedByDistrict = splitOverDistricts(calibration.certifiedStaff(),
                calibration.namedDistrict().certifiedStaff(), sumByDistrict(staffWeights));
        final List<PlannedStaff> people = new ArrayList<>();
        for (int d = 0; d < DienBienGeography.DISTRICTS.size(); d++) {
            people.addAll(districtStaff(d, itByDistrict[d], certifiedByDistrict[d]));
        }
        Collections.shuffle(people, new Random(random.nextLong()));
        final List<PlannedStaff> numbered = new ArrayList<>(people.size());
        for (int i = 0; i < people.size(); i++) {
            final PlannedStaff p = people.get(i);
            numbered.add(new PlannedStaff(String.format("%s%06d", STAFF_PREFIX, i + 1), p.schoolId(), p.role(),
                    p.highestLevel()));
        }
        return numbered;
    }

    private List<PlannedStaff> districtStaff(final int district, final int itTeachers, final int certified) {
        final List<Integer> indices = schoolIndices(district);
        final int[] itAt = new int[all.size()];
        final List<Integer> eligible = new ArrayList<>();
        indices.stream().filter(i -> all.get(i).getLevel() != SchoolLevel.PRESCHOOL).forEach(eligible::add);
        indices.stream().filter(i -> all.get(i).getLevel() == SchoolLevel.PRESCHOOL).forEach(eligible::add);
        Collections.shuffle(eligible.subList(0, (int) indices.stream()
                .filter(i -> all.get(i).getLevel() != SchoolLevel.PRESCHOOL).count()), new Random(random.nextLong()));
        int assigned = 0;
        for (int pass = 0; assigned < itTeachers; pass++) {
            int thisPass = 0;
            for (final int i : eligible) {
                if (assigned < itTeachers && itAt[i] < staffBySchool[i] - 1) {
                    itAt[i]++;
                    assigned++;
                    thisPass++;
                }
            }
            if (thisPass == 0) {
                throw new IllegalStateException("no room for " + itTeachers + " IT teachers in district " + district);
            }
        }
        final List<PlannedStaff> itStaff = new ArrayList<>();
        final List<PlannedStaff> otherStaff = new ArrayList<>();
        for (final int i : indices) {
            final String schoolId = all.get(i).getSchoolId();
            final int managers = staffBySchool[i] >= 6 ? 2 : 1;
            for (int k = 0; k < staffBySchool[i]; k++) {
                if (k < itAt[i]) {
                    itStaff.add(new PlannedStaff(null, schoolId, StaffRole.IT_TEACHER, null));
                } else {
                    final StaffRole role = k < itAt[i] + managers ? StaffRole.MANAGER
                            : random.nextDouble() < 0.12 ? StaffRole.EMPLOYEE : StaffRole.TEACHER;
                    otherStaff.add(new PlannedStaff(null, schoolId, role, null));
                }
            }
        }
        if (certified < itStaff.size() || certified > itStaff.size() + otherStaff.size()) {
            throw new IllegalStateException("cannot certify " + certified + " in district " + district);
        }
        final boolean named = DienBienGeography.DISTRICTS.get(district).id()
                .equals(calibration.namedDistrict().districtId());
        final List<PlannedStaff> result = new ArrayList<>();
        for (int k = 0; k < itStaff.size(); k++) {
            final boolean degree = named ? k < calibration.namedDistrict().itDegreeTeachers()
                    : random.nextDouble() < 0.85;
            result.add(withLevel(itStaff.get(k), degree ? CertificationLevel.IT_DEGREE : CertificationLevel.ADVANCED_IT));
        }
        Collections.shuffle(otherStaff, new Random(random.nextLong()));
        for (int k = 0; k < otherStaff.size(); k++) {
            final CertificationLevel level;
            if (k >= certified - itStaff.size()) {
                level = null;
            } else {
                final double u = random.nextDouble();
                level = u < 0.02 ? CertificationLevel.IT_DEGREE
                        : u < 0.15 ? CertificationLevel.ADVANCED_IT : CertificationLevel.BASIC_IT;
            }
            result.add(withLevel(otherStaff.get(k), level));
        }
        return result;
    }

    private List<PlannedDevice> devices() {
        final AssetNumbers numbers = new AssetNumbers(ASSET_PREFIX);
        final List<PlannedDevice> devices = new ArrayList<>();
        final School saLong = schools.named(DienBienGeography.SA_LONG_SCHOOL_NAME);
        for (int k = 0; k < calibration.saLongSponsoredTablets(); k++) {
            devices.add(sponsoredTablet(numbers, saLong.getSchoolId(), DienBienGeography.TABLETS_FOR_CHILDREN));
        }
        final double[] sponsoredWeights = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            final School s = all.get(i);
            final boolean eligible = !s.getSchoolId().equals(saLong.getSchoolId())
                    && (s.getLevel() == SchoolLevel.PRIMARY || s.getLevel() == SchoolLevel.LOWER_SECONDARY
                    || s.getLevel() == SchoolLevel.MULTI_LEVEL);
            sponsoredWeights[i] = eligible
                    ? (DienBienGeography.district(s.getDistrictId()).remote() ? 3 : 1) * jitter(0.5, 1.0) : 0;
        }
        final int[] sponsored = Apportionment.largestRemainder(
                calibration.sponsoredSimTablets() - calibration.saLongSponsoredTablets(), sponsoredWeights);
        for (int i = 0; i < all.size(); i++) {
            final double u = random.nextDouble();
            final String programme = SPONSOR_PROGRAMMES.get(u < 0.65 ? 0 : u < 0.85 ? 1 : 2);
            for (int k = 0; k < sponsored[i]; k++) {
                devices.add(sponsoredTablet(numbers, all.get(i).getSchoolId(), programme));
            }
        }
        final double[] byStaff = new double[all.size()];
        final double[] office = new double[all.size()];
        final double[] teaching = new double[all.size()];
        final double[] other = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            final boolean preschool = all.get(i).getLevel() == SchoolLevel.PRESCHOOL;
            byStaff[i] = (1 + staffBySchool[i]) * jitter(0.7, 0.6);
            office[i] = (1 + staffBySchool[i] / 15.0) * jitter(0.7, 0.6);
            teaching[i] = preschool ? 0 : all.get(i).getLearnersEnrolled() * jitter(0.7, 0.6);
            other[i] = preschool ? 0 : jitter(0.5, 1.0);
        }
        final int[] purchasedTablets = Apportionment.largestRemainder(calibration.purchasedTablets(), byStaff);
        final int[] officeComputers = Apportionment.largestRemainder(calibration.officeComputers(), office);
        final int[] teachingComputers = Apportionment.largestRemainder(calibration.teachingComputers(), teaching);
        final int[] otherDevices = Apportionment.largestRemainder(calibration.otherDevices(), other);
        for (int i = 0; i < all.size(); i++) {
            final String schoolId = all.get(i).getSchoolId();
            for (int k = 0; k < purchasedTablets[i]; k++) {
                final double u = random.nextDouble();
                final DevicePurpose purpose = u < 0.55 ? DevicePurpose.TEACHING
                        : u < 0.9 ? DevicePurpose.STUDENT_LOAN : DevicePurpose.MANAGEMENT;
                devices.add(purchased(numbers, schoolId, DeviceType.TABLET, purpose));
            }
            for (int k = 0; k < officeComputers[i]; k++) {
                devices.add(purchased(numbers, schoolId, random.nextDouble() < 0.7 ? DeviceType.DESKTOP
                        : DeviceType.LAPTOP, DevicePurpose.OFFICE));
            }
            for (int k = 0; k < teachingComputers[i]; k++) {
                devices.add(purchased(numbers, schoolId, random.nextDouble() < 0.85 ? DeviceType.DESKTOP
                        : DeviceType.LAPTOP, DevicePurpose.TEACHING));
            }
            for (int k = 0; k < otherDevices[i]; k++) {
                devices.add(purchased(numbers, schoolId, DeviceType.OTHER, DevicePurpose.TEACHING));
            }
        }
        for (int k = 0; k < calibration.managementComputers(); k++) {
            devices.add(purchased(numbers, randomSchool(), DeviceType.LAPTOP, DevicePurpose.MANAGEMENT));
        }
        for (int k = 0; k < calibration.unassignedComputers(); k++) {
            devices.add(purchased(numbers, randomSchool(), DeviceType.DESKTOP, DevicePurpose.UNASSIGNED));
        }
        return devices;
    }

    private PlannedDevice sponsoredTablet(final AssetNumbers numbers, final String schoolId, final String programme) {
        return new PlannedDevice(numbers.next(DeviceType.TABLET), schoolId, DeviceType.TABLET,
                DevicePurpose.STUDENT_LOAN, true, DeviceSource.SPONSORSHIP, programme);
    }

    private static PlannedDevice purchased(final AssetNumbers numbers, final String schoolId, final DeviceType type,
                                           final DevicePurpose purpose) {
        return new PlannedDevice(numbers.next(type), schoolId, type, purpose, false, DeviceSource.PURCHASE, null);
    }

    private String randomSchool() {
        return all.get(random.nextInt(all.size())).getSchoolId();
    }

    private static PlannedStaff withLevel(final PlannedStaff person, final CertificationLevel level) {
        return new PlannedStaff(person.staffId(), person.schoolId(), person.role(), level);
    }

    /** The named district gets its own figure; the others share the rest by weight. */
    private int[] splitOverDistricts(final int total, final int named, final double[] districtWeights) {
        final int namedIndex = DienBienGeography.DISTRICTS.indexOf(
                DienBienGeography.district(calibration.namedDistrict().districtId()));
        final double[] others = districtWeights.clone();
        others[namedIndex] = 0;
        final int[] parts = Apportionment.largestRemainder(total - named, others);
        parts[namedIndex] = named;
        return parts;
    }

    private double[] sumByDistrict(final double[] schoolWeights) {
        final double[] sums = new double[DienBienGeography.DISTRICTS.size()];
        for (int d = 0; d < sums.length; d++) {
            for (final int i : schoolIndices(d)) {
                sums[d] += schoolWeights[i];
            }
        }
        return sums;
    }

    private List<Integer> schoolIndices(final int district) {
        final String districtId = DienBienGeography.DISTRICTS.get(district).id();
        final List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).getDistrictId().equals(districtId)) {
                indices.add(i);
            }
        }
        return indices;
    }

    private double jitter(final double low, final double width) {
        return low + width * random.nextDouble();
    }

    private static double staffWeight(final SchoolLevel level) {
        switch (level) {
            case PRESCHOOL:
                return 0.9;
            case UPPER_SECONDARY:
                return 2.2;
            case CONTINUING_EDUCATION:
                return 0.5;
            case MULTI_LEVEL:
                return 1.3;
            default:
                return 1.1;
        }
    }
}
