package org.edupulse.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.edupulse.schemas.Audience;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.schemas.TrainingTopic;
import org.edupulse.topics.Topics;

/**
 * An endless, deterministic stream of plausible events that continues a profile's history, for
 * a live demo: mostly training sessions, some device receipts, assignments, transfers and
 * retirements, occasional certificates and roster changes. It starts from the history's end state
 * and keeps its own, so every event names a school, person or device that exists (and is active
 * or in service) at that point.
 *
 * <p>Event times come from the given clock (stamp events "now"); it should not run behind the end
 * of the history, or a live event could lose to an older one. Without a clock, event times start
 * at {@link ProvinceTime#HISTORY_END} and advance by one to twenty minutes per event. Ids of live
 * events, people and devices carry their own series ({@code live-…}, {@code DB-STF-L…},
 * {@code DB-TAB-L…}) and increase, so that among live events at the same instant the later wins;
 * with a clock, the series also carry the run's start (epoch milliseconds), so a feed restarted on the
 * same data (the demo after a restart) never sends an id the earlier run used: an event id counts once,
 * and its reuse with other content would be refused as a conflict.
 */
public final class LiveEventSource implements Iterator<SimulatedEvent> {

    private static final String EVENT_ID_PREFIX = "live-";
    private static final String LIVE_STAFF_PREFIX = FinalStatePlanner.STAFF_PREFIX + "L";
    private static final double[] HOURS = {1.5, 2, 3};

    private final Clock clock;
    private final SplittableRandom random;
    private final List<School> schools;
    private final Map<String, School> schoolsById;
    private final Map<String, List<School>> schoolsByDistrict;
    private final List<PlannedStaff> staff;
    private final Map<String, List<String>> staffBySchool = new HashMap<>();
    private final List<PlannedDevice> devices;
    /** Empty without a clock; with one, the run's start (epoch ms), so a restarted feed never reuses an id. */
    private final String run;
    private final AssetNumbers assetNumbers;
    private Instant simulatedNow = ProvinceTime.HISTORY_END;
    private long eventNumber;
    private long staffNumber;
    private long sessionNumber;
    /** The second event of a transfer, sent as the next event after the release, at that event's instant. */
    private final Deque<Function<Instant, SimulatedEvent>> pending = new ArrayDeque<>();

    /** Live events stamped with the clock's instant. */
    public LiveEventSource(final Profile profile, final long seed, final Clock clock) {
        this.clock = clock;
        this.run = clock == null ? "" : String.format("%013d-", clock.millis());
        this.assetNumbers = new AssetNumbers(FinalStatePlanner.ASSET_PREFIX, "L" + run);
        this.random = new SplittableRandom(seed * 31 + 17);
        final FinalState state = FinalStatePlanner.plan(profile, seed);
        this.schools = state.schools().current();
        this.schoolsById = state.schools().byId();
        this.schoolsByDistrict = schools.stream().collect(Collectors.groupingBy(School::getDistrictId));
        this.staff = new ArrayList<>(state.staff());
        for (int i = 0; i < staff.size(); i++) {
            staffBySchool.computeIfAbsent(staff.get(i).schoolId(), id -> new ArrayList<>()).add(staff.get(i).staffId());
        }
        this.devices = new ArrayList<>(state.devices());
    }

    /** Live events with simulated times continuing from the end of the history. */
    public LiveEventSource(final Profile profile, final long seed) {
        this(profile, seed, null);
    }

    /** Always true: the source never ends. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public SimulatedEvent next() {
        final Instant now = now();
        if (!pending.isEmpty()) {
            return pending.poll().apply(now);
        }
        final double u = random.nextDouble();
        if (u < 0.70) {
            return trainingSession(now);
        }
        if (u < 0.78) {
            return deviceReceived(now);
        }
        if (u < 0.84) {
            return deviceAssigned(now);
        }
        if (u < 0.87) {
            return deviceTransferred(now);
        }
        if (u < 0.89) {
            return deviceRetired(now);
        }
        if (u < 0.94) {
            final SimulatedEvent award = certificateAwarded(now);
            if (award != null) {
                return award;
            }
            return trainingSession(now);
        }
        if (u < 0.97) {
            return staffJoined(now);
        }
        return u < 0.985 ? staffTransferred(now) : staffLeft(now);
    }

    private Instant now() {
        if (clock != null) {
            return clock.instant();
        }
        simulatedNow = simulatedNow.plus(Duration.ofMinutes(1 + random.nextInt(20)));
        return simulatedNow;
    }

    private SimulatedEvent trainingSession(final Instant now) {
        final School school = schools.get(random.nextInt(schools.size()));
        final List<String> atSchool = staffBySchool.getOrDefault(school.getSchoolId(), List.of());
        final boolean students = random.nextDouble() < 0.35;
        final List<String> staffIds = new ArrayList<>();
        for (int k = 0; k < (students ? 1 : 3) && k < atSchool.size(); k++) {
            final String id = atSchool.get(random.nextInt(atSchool.size()));
            if (!staffIds.contains(id)) {
                staffIds.add(id);
            }
        }
        final TrainingTopic topic = students ? TrainingTopic.STUDENT_DIGITAL_SKILLS
                : TrainingTopic.values()[random.nextInt(3)];
        sessionNumber++;
        final TrainingEvent event = TrainingEvent.newBuilder()
                .setEventId(nextEventId())
                .setSchoolId(school.getSchoolId())
                .setSessionId(String.format("TS-LIVE-%s%06d", run, sessionNumber))
                .setTopic(topic)
                .setAudience(students ? Audience.STUDENTS : Audience.STAFF)
                .setParticipantCount(students ? 15 + random.nextInt(31)
                        : Math.max(staffIds.size(), Math.min(atSchool.size(), 5 + random.nextInt(20))))
                .setStaffIds(staffIds)
                .setHours(HOURS[random.nextInt(HOURS.length)])
                .setOccurredAt(now)
                .build();
        return new SimulatedEvent(Topics.TRAINING_EVENTS, school.getSchoolId(), event);
    }

    private SimulatedEvent deviceReceived(final Instant now) {
        final School school = schools.get(random.nextInt(schools.size()));
        final double u = random.nextDouble();
        final PlannedDevice device;
        if (u < 0.1) {
            device = new PlannedDevice(assetNumbers.next(DeviceType.TABLET), school.getSchoolId(), DeviceType.TABLET,
                    DevicePurpose.STUDENT_LOAN, true, DeviceSource.SPONSORSHIP, DienBienGeography.TABLETS_FOR_CHILDREN);
        } else {
            final DeviceType type = u < 0.5 ? DeviceType.TABLET : u < 0.85 ? DeviceType.DESKTOP : DeviceType.LAPTOP;
            device = new PlannedDevice(assetNumbers.next(type), school.getSchoolId(), type, DevicePurpose.UNASSIGNED,
                    false, DeviceSource.PURCHASE, null);
        }
        devices.add(device);
        return deviceEvent(device, DeviceAction.RECEIVED, now);
    }

    private SimulatedEvent deviceAssigned(final Instant now) {
        final int i = random.nextInt(devices.size());
        final PlannedDevice device = devices.get(i);
        final DevicePurpose purpose;
        if (device.source() == DeviceSource.SPONSORSHIP) {
            purpose = DevicePurpose.STUDENT_LOAN;
        } else if (device.type() == DeviceType.TABLET) {
            purpose = random.nextBoolean() ? DevicePurpose.TEACHING : DevicePurpose.STUDENT_LOAN;
        } else {
            purpose = random.nextDouble() < 0.7 ? DevicePurpose.TEACHING : DevicePurpose.OFFICE;
        }
        final PlannedDevice assigned = device.at(device.schoolId(), purpose);
        devices.set(i, assigned);
        return deviceEvent(assigned, DeviceAction.ASSIGNED, now);
    }

    private SimulatedEvent deviceTransferred(final Instant now) {
        final int i = random.nextInt(devices.size());
        final PlannedDevice device = devices.get(i);
        final List<School> neighbours = schoolsByDistrict.get(schoolsById.get(device.schoolId()).getDistrictId());
        final String to = otherThan(device.schoolId(), neighbours);
        final PlannedDevice moved = device.at(to, device.purpose());
        devices.set(i, moved);
        // Only the holder may let a device go: it releases it, then the receiving school takes it as the
        // next event (at a same instant, the release still comes first by its smaller event id).
        final SimulatedEvent released = deviceEvent(device, DeviceAction.RELEASED, now);
        pending.add(at -> deviceEvent(moved, DeviceAction.TRANSFERRED, at));
        return released;
    }

    private SimulatedEvent deviceRetired(final Instant now) {
        final int i = random.nextInt(devices.size());
        final PlannedDevice device = devices.get(i);
        final PlannedDevice last = devices.remove(devices.size() - 1);
        if (i < devices.size()) {
            devices.set(i, last);
        }
        return deviceEvent(device, DeviceAction.RETIRED, now);
    }

    private SimulatedEvent certificateAwarded(final Instant now) {
        for (int attempt = 0; attempt < 10; attempt++) {
            final int i = random.nextInt(staff.size());
            final PlannedStaff person = staff.get(i);
            if (person.highestLevel() == CertificationLevel.IT_DEGREE) {
                continue;
            }
            final CertificationLevel level = person.highestLevel() == null ? CertificationLevel.BASIC_IT
                    : CertificationLevel.values()[person.highestLevel().ordinal() + 1];
            staff.set(i, new PlannedStaff(person.staffId(), person.schoolId(), person.role(), level));
            final CertificationEvent event = CertificationEvent.newBuilder()
                    .setEventId(nextEventId())
                    .setStaffId(person.staffId())
                    .setSchoolId(person.schoolId())
                    .setLevel(level)
                    .setAction(CertificationAction.AWARDED)
                    .setIssuer("Điện Biên Department of Education and Training")
                    .setOccurredAt(now)
                    .build();
            return new SimulatedEvent(Topics.CERTIFICATION_EVENTS, person.schoolId(), event);
        }
        return null;
    }

    private SimulatedEvent staffJoined(final Instant now) {
        staffNumber++;
        final School school = schools.get(random.nextInt(schools.size()));
        final double u = random.nextDouble();
        final StaffRole role = u < 0.8 ? StaffRole.TEACHER : u < 0.9 ? StaffRole.EMPLOYEE : StaffRole.IT_TEACHER;
        final PlannedStaff person = new PlannedStaff(String.format("%s%s%06d", LIVE_STAFF_PREFIX, run, staffNumber),
                school.getSchoolId(), role, null);
        staff.add(person);
        staffBySchool.computeIfAbsent(person.schoolId(), id -> new ArrayList<>()).add(person.staffId());
        return staffEvent(person, StaffAction.JOINED, now);
    }

    private SimulatedEvent staffTransferred(final Instant now) {
        final int i = random.nextInt(staff.size());
        final PlannedStaff person = staff.get(i);
        final List<School> pool = random.nextDouble() < 0.7
                ? schoolsByDistrict.get(schoolsById.get(person.schoolId()).getDistrictId()) : schools;
        final String to = otherThan(person.schoolId(), pool);
        final PlannedStaff moved = new PlannedStaff(person.staffId(), to, person.role(), person.highestLevel());
        staff.set(i, moved);
        staffBySchool.get(person.schoolId()).remove(person.staffId());
        staffBySchool.computeIfAbsent(to, id -> new ArrayList<>()).add(person.staffId());
        // Only the holding school may let a person go: it releases them, then the receiving school takes them on.
        final SimulatedEvent released = staffEvent(person, StaffAction.RELEASED, now);
        pending.add(at -> staffEvent(moved, StaffAction.TRANSFERRED, at));
        return released;
    }

    private SimulatedEvent staffLeft(final Instant now) {
        final int i = random.nextInt(staff.size());
        final PlannedStaff person = staff.get(i);
        final PlannedStaff last = staff.remove(staff.size() - 1);
        if (i < staff.size()) {
            staff.set(i, last);
        }
        staffBySchool.get(person.schoolId()).remove(person.staffId());
        return staffEvent(person, StaffAction.LEFT, now);
    }

    private String otherThan(final String schoolId, final List<School> pool) {
        final List<School> candidates = pool.size() > 1 ? pool : schools;
        for (int attempt = 0; attempt < 20; attempt++) {
            final School other = candidates.get(random.nextInt(candidates.size()));
            if (!other.getSchoolId().equals(schoolId)) {
                return other.getSchoolId();
            }
        }
        return schools.stream().map(School::getSchoolId).filter(id -> !id.equals(schoolId)).findFirst()
                .orElseThrow();
    }

    private SimulatedEvent deviceEvent(final PlannedDevice device, final DeviceAction action, final Instant now) {
        return device.event(nextEventId(), action, now);
    }

    private SimulatedEvent staffEvent(final PlannedStaff person, final StaffAction action, final Instant now) {
        final StaffEvent event = StaffEvent.newBuilder()
                .setEventId(nextEventId())
                .setStaffId(person.staffId())
                .setSchoolId(person.schoolId())
                .setRole(person.role())
                .setAction(action)
                .setOccurredAt(now)
                .build();
        return new SimulatedEvent(Topics.STAFF_EVENTS, person.schoolId(), event);
    }

    private String nextEventId() {
        eventNumber++;
        return String.format("%s%s%012d", EVENT_ID_PREFIX, run, eventNumber);
    }
}
