package org.edupulse.simulate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.edupulse.rules.DeviceCustody;
import org.edupulse.rules.DeviceState;
import org.edupulse.rules.PersonCustody;
import org.edupulse.rules.PersonState;
import org.edupulse.rules.StockCounter;
import org.edupulse.rules.TrainingRules;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;

/**
 * The figures a stream of events must produce: each person and device folded by the rules core
 * ({@link PersonCustody}, {@link DeviceCustody}: event ids count once, events apply in event order,
 * only the holding school changes an entity), training sessions as they stand by {@link TrainingRules}, the
 * latest school record by effective date wins. It knows nothing of how the events were
 * generated, so it checks the generator, and the pipeline can be checked against it. A district
 * is the one a school's version names, a former district from 1 July 2025 as before it (the
 * reform changes communes, which this oracle does not count), so district figures run on across
 * the reform.
 */
public final class ExpectedFigures {

    private final UnitFigures province;
    private final Map<String, UnitFigures> districts;
    private final Map<String, Long> sponsoredTabletsBySchool;

    private ExpectedFigures(final UnitFigures province, final Map<String, UnitFigures> districts,
                            final Map<String, Long> sponsoredTabletsBySchool) {
        this.province = province;
        this.districts = Collections.unmodifiableMap(districts);
        this.sponsoredTabletsBySchool = Collections.unmodifiableMap(sponsoredTabletsBySchool);
    }

    /** Folds the events, in publish order. */
    public static ExpectedFigures of(final Iterable<SimulatedEvent> events) {
        final Fold fold = new Fold();
        events.forEach(fold::accept);
        return fold.result();
    }

    /** Folds the events, in publish order. */
    public static ExpectedFigures of(final Stream<SimulatedEvent> events) {
        final Fold fold = new Fold();
        events.forEachOrdered(fold::accept);
        return fold.result();
    }

    public UnitFigures province() {
        return province;
    }

    /** Figures of one district; throws if no school counts towards it. */
    public UnitFigures district(final String districtId) {
        final UnitFigures figures = districts.get(districtId);
        if (figures == null) {
            throw new IllegalArgumentException("no figures for district " + districtId);
        }
        return figures;
    }

    /** Figures of every district, by district id. */
    public Map<String, UnitFigures> districts() {
        return districts;
    }

    /** Sponsored tablets in service at one school (zero if none). */
    public long sponsoredTabletsInService(final String schoolId) {
        return sponsoredTabletsBySchool.getOrDefault(schoolId, 0L);
    }

    /** Sponsored tablets in service by school id, schools without any left out. */
    public Map<String, Long> sponsoredTabletsBySchool() {
        return sponsoredTabletsBySchool;
    }

    /** Latest state per entity, then one pass of counting. */
    private static final class Fold {

        private final Map<String, School> schools = new HashMap<>();
        private final Map<String, List<StaffEvent>> staff = new HashMap<>();
        private final Map<String, List<CertificationEvent>> certificates = new HashMap<>();
        private final Map<String, List<DeviceEvent>> devices = new HashMap<>();
        /** Each school's training events in the order of its log (one partition per school). */
        private final Map<String, List<TrainingEvent>> trainingBySchool = new HashMap<>();
        /** Every version of each school by effective date: a session counts in the version in force on its day. */
        private final Map<String, TreeMap<LocalDate, School>> versions = new HashMap<>();

        void accept(final SimulatedEvent event) {
            final Object value = event.value();
            if (value instanceof School) {
                final School school = (School) value;
                versions.computeIfAbsent(school.getSchoolId(), id -> new TreeMap<>()).put(school.getEffectiveFrom(), school);
                final School current = schools.get(school.getSchoolId());
                if (current == null || !school.getEffectiveFrom().isBefore(current.getEffectiveFrom())) {
                    schools.put(school.getSchoolId(), school);
                }
            } else if (value instanceof StaffEvent) {
                final StaffEvent e = (StaffEvent) value;
                staff.computeIfAbsent(e.getStaffId(), id -> new ArrayList<>()).add(e);
            } else if (value instanceof CertificationEvent) {
                final CertificationEvent e = (CertificationEvent) value;
                certificates.computeIfAbsent(e.getStaffId(), id -> new ArrayList<>()).add(e);
            } else if (value instanceof DeviceEvent) {
                final DeviceEvent e = (DeviceEvent) value;
                devices.computeIfAbsent(e.getDeviceId(), id -> new ArrayList<>()).add(e);
            } else if (value instanceof TrainingEvent) {
                final TrainingEvent e = (TrainingEvent) value;
                trainingBySchool.computeIfAbsent(e.getSchoolId(), id -> new ArrayList<>()).add(e);
            }
        }

        ExpectedFigures result() {
            final Tally province = new Tally();
            final Map<String, Tally> byDistrict = new TreeMap<>();
            final Map<String, Long> sponsoredTablets = new TreeMap<>();
            for (final School school : schools.values()) {
                final Tally district = byDistrict.computeIfAbsent(school.getDistrictId(), id -> new Tally());
                district.name = school.getDistrictName();
                province.name = school.getProvinceName();
                province.unitId = school.getProvinceId();
                district.unitId = school.getDistrictId();
                for (final Tally t : new Tally[] {province, district}) {
                    t.schools++;
                    t.learners += school.getLearnersEnrolled();
                    if (school.getInternetForTeaching()) {
                        t.schoolsWithInternet++;
                    }
                }
            }
            for (final Map.Entry<String, List<StaffEvent>> entry : staff.entrySet()) {
                final PersonState person = PersonCustody.fold(entry.getValue(),
                        certificates.getOrDefault(entry.getKey(), List.of()));
                final School school = person.active() ? schools.get(person.holder()) : null;
                if (school == null) {
                    continue;
                }
                final Set<StockCounter> counts = StockCounter.of(person);
                for (final Tally t : new Tally[] {province, byDistrict.get(school.getDistrictId())}) {
                    t.activeStaff++;
                    t.itTeachers += counts.contains(StockCounter.IT_TEACHERS) ? 1 : 0;
                    t.certified += counts.contains(StockCounter.IT_CERTIFIED) ? 1 : 0;
                    t.itTeachersWithDegree += counts.contains(StockCounter.IT_DEGREE_TEACHERS) ? 1 : 0;
                    t.communityTeamStaff += counts.contains(StockCounter.COMMUNITY_TEAM_STAFF) ? 1 : 0;
                }
            }
            for (final List<DeviceEvent> history : devices.values()) {
                final DeviceState device = DeviceCustody.fold(history);
                final School school = device.inService() ? schools.get(device.holder()) : null;
                if (school == null) {
                    continue;
                }
                final DeviceEvent d = device.latest();
                final Set<StockCounter> counts = StockCounter.of(device);
                final boolean tablet = counts.contains(StockCounter.TABLETS);
                final boolean sponsored = counts.contains(StockCounter.SPONSORED);
                for (final Tally t : new Tally[] {province, byDistrict.get(school.getDistrictId())}) {
                    if (tablet) {
                        t.tablets++;
                        t.tabletsWithSim += counts.contains(StockCounter.TABLETS_WITH_SIM) ? 1 : 0;
                        t.purchasedTablets += d.getSource() == DeviceSource.PURCHASE ? 1 : 0;
                    }
                    if (counts.contains(StockCounter.COMPUTERS)) {
                        // by every purpose, not only the two the indicators publish
                        t.computers.merge(d.getPurpose(), 1L, Long::sum);
                    }
                    t.sponsored += sponsored ? 1 : 0;
                }
                if (tablet && sponsored) {
                    sponsoredTablets.merge(d.getSchoolId(), 1L, Long::sum);
                }
            }
            for (final Map.Entry<String, List<TrainingEvent>> log : trainingBySchool.entrySet()) {
                final TreeMap<LocalDate, School> known = versions.get(log.getKey());
                if (known == null) {
                    continue;
                }
                // The sessions as they stand, by the rules core: corrections replace, cancellations remove;
                // each in the district of the school's version in force on its day (else its earliest version).
                for (final TrainingEvent session : TrainingRules.standing(log.getValue()).values()) {
                    final Map.Entry<LocalDate, School> inForce = known.floorEntry(
                            LocalDate.ofInstant(session.getOccurredAt(), ProvinceTime.ZONE));
                    final School school = inForce != null ? inForce.getValue() : known.firstEntry().getValue();
                    province.sessions++;
                    byDistrict.computeIfAbsent(school.getDistrictId(), id -> new Tally()).sessions++;
                }
            }
            final Map<String, UnitFigures> districtFigures = new TreeMap<>();
            byDistrict.forEach((id, tally) -> districtFigures.put(id, tally.figures()));
            return new ExpectedFigures(province.figures(), districtFigures, sponsoredTablets);
        }
    }

    /** Running counts of one unit. */
    private static final class Tally {
        private String unitId = "";
        private String name = "";
        private long activeStaff;
        private long itTeachers;
        private long certified;
        private long itTeachersWithDegree;
        private long communityTeamStaff;
        private long sessions;
        private long tablets;
        private long tabletsWithSim;
        private long purchasedTablets;
        private final Map<DevicePurpose, Long> computers = new EnumMap<>(DevicePurpose.class);
        private long sponsored;
        private long schools;
        private long schoolsWithInternet;
        private long learners;

        UnitFigures figures() {
            final Map<DevicePurpose, Long> byPurpose = new EnumMap<>(DevicePurpose.class);
            for (final DevicePurpose purpose : DevicePurpose.values()) {
                byPurpose.put(purpose, computers.getOrDefault(purpose, 0L));
            }
            final long allComputers = byPurpose.values().stream().mapToLong(Long::longValue).sum();
            return new UnitFigures(unitId, name, activeStaff, itTeachers, certified, itTeachersWithDegree, sessions,
                    tablets, tabletsWithSim, purchasedTablets, allComputers, byPurpose, sponsored, schools,
                    schoolsWithInternet, learners, communityTeamStaff);
        }
    }
}
