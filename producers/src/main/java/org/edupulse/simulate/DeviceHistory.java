package org.edupulse.simulate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.School;

/**
 * Writes each device's life so that it ends in its planned state: received (sponsored tablets in
 * programme deliveries, most computers in the opening inventory), assigned a purpose, sometimes
 * transferred from another school or repurposed first. Devices that break are received and later
 * retired, so they count nowhere at the end. Every event repeats the device's current attributes.
 */
final class DeviceHistory {

    private static final LocalDate OPENING_INVENTORY_END = ProvinceTime.FIRST_DAY.plusDays(13);
    private static final LocalDate FIRST_DELIVERY = LocalDate.of(2021, 10, 4);
    private static final LocalDate LAST_DELIVERY = LocalDate.of(2023, 5, 31);
    private static final LocalDate LAST_PURCHASE = ProvinceTime.LAST_DAY.minusDays(30);
    private static final LocalDate LAST_EARLY_RECEIPT = LocalDate.of(2023, 12, 31);
    private static final Instant LAST_CHANGE = ProvinceTime.startOf(ProvinceTime.LAST_DAY.minusDays(2));

    private final FinalState state;
    private final Calibration calibration;
    private final SplittableRandom random;
    private final EventTimeline timeline;
    private final List<School> schools;
    private final Map<String, School> schoolsById;
    private final Map<String, List<School>> schoolsByDistrict;
    private final Map<String, Instant> deliveries = new HashMap<>();

    DeviceHistory(final FinalState state, final Calibration calibration, final SplittableRandom random,
                  final EventTimeline timeline) {
        this.state = state;
        this.calibration = calibration;
        this.random = random;
        this.timeline = timeline;
        this.schools = state.schools().current();
        this.schoolsById = state.schools().byId();
        this.schoolsByDistrict = schools.stream().collect(Collectors.groupingBy(School::getDistrictId));
    }

    void write() {
        final List<PlannedDevice> devices = state.devices();
        final Map<String, String> origins = saLongMoves(devices);
        final int n = devices.size();
        final int transfers = Draws.atLeastOne(n * calibration.noiseShare() * 0.6);
        final int repurposed = Draws.atLeastOne(n * calibration.noiseShare() * 0.3);
        final int[] order = Draws.permutation(random, n);
        final boolean[] repurpose = new boolean[n];
        for (int k = 0; k < transfers + repurposed && k < n; k++) {
            final PlannedDevice device = devices.get(order[k]);
            if (k < transfers) {
                origins.putIfAbsent(device.deviceId(), otherSchool(device.schoolId()));
            } else if (isComputer(device.type())) {
                repurpose[order[k]] = true;
            }
        }
        for (int i = 0; i < n; i++) {
            final PlannedDevice device = devices.get(i);
            final Instant receivedAt = receivedAt(device);
            final String origin = origins.get(device.deviceId());
            if (origin != null) {
                final Instant movedAt = EventTimes.ascending(random, receivedAt, LAST_CHANGE, 1)[0];
                emit(device.at(origin, device.purpose()), DeviceAction.RECEIVED, receivedAt);
                emit(device.at(origin, device.purpose()), DeviceAction.RELEASED, StaffHistory.releasedBefore(movedAt));
                emit(device, DeviceAction.TRANSFERRED, movedAt);
            } else if (repurpose[i]) {
                final Instant reassignedAt = EventTimes.ascending(random, receivedAt, LAST_CHANGE, 1)[0];
                emit(device.at(device.schoolId(), otherPurpose(device.purpose())), DeviceAction.RECEIVED, receivedAt);
                emit(device, DeviceAction.ASSIGNED, reassignedAt);
            } else if (device.purpose() != DevicePurpose.UNASSIGNED && random.nextDouble() < 0.6) {
                final Instant assignedAt = EventTimes.ascending(random, receivedAt,
                        receivedAt.plus(Duration.ofDays(10)), 1)[0];
                emit(device.at(device.schoolId(), DevicePurpose.UNASSIGNED), DeviceAction.RECEIVED, receivedAt);
                emit(device, DeviceAction.ASSIGNED, assignedAt);
            } else {
                emit(device, DeviceAction.RECEIVED, receivedAt);
            }
        }
        writeRetired(devices);
    }

    /**
     * Sa Lông's tablets move too: one came from a neighbouring school, two went on to neighbours.
     * The counts in service stay as planned because only the final holder counts.
     */
    private Map<String, String> saLongMoves(final List<PlannedDevice> devices) {
        final Map<String, String> origins = new HashMap<>();
        final School saLong = state.schools().named(DienBienGeography.SA_LONG_SCHOOL_NAME);
        final List<PlannedDevice> atSaLong = new ArrayList<>();
        final List<PlannedDevice> atNeighbours = new ArrayList<>();
        for (final PlannedDevice device : devices) {
            if (device.source() != DeviceSource.SPONSORSHIP) {
                continue;
            }
            if (device.schoolId().equals(saLong.getSchoolId())) {
                atSaLong.add(device);
            } else if (schoolsById.get(device.schoolId()).getDistrictId().equals(saLong.getDistrictId())) {
                atNeighbours.add(device);
            }
        }
        if (atSaLong.size() > 1 && !atNeighbours.isEmpty()) {
            origins.put(atSaLong.get(random.nextInt(atSaLong.size())).deviceId(),
                    atNeighbours.get(0).schoolId());
        }
        for (int k = 0; k < 2 && k < atNeighbours.size(); k++) {
            origins.put(atNeighbours.get(atNeighbours.size() - 1 - k).deviceId(), saLong.getSchoolId());
        }
        return origins;
    }

    /** Broken and obsolete devices of every kind, received early and retired before the end. */
    private void writeRetired(final List<PlannedDevice> devices) {
        final AssetNumbers numbers = AssetNumbers.continuingAfter(FinalStatePlanner.ASSET_PREFIX, devices);
        final Map<String, List<PlannedDevice>> byKind = devices.stream()
                .collect(Collectors.groupingBy(DeviceHistory::kind, TreeMap::new, Collectors.toList()));
        final List<PlannedDevice> retired = new ArrayList<>();
        for (final List<PlannedDevice> kind : byKind.values()) {
            final int count = Draws.atLeastOne(kind.size() * calibration.noiseShare());
            for (int k = 0; k < count; k++) {
                final PlannedDevice model = kind.get(random.nextInt(kind.size()));
                retired.add(new PlannedDevice(numbers.next(model.type()), model.schoolId(), model.type(),
                        model.purpose(), model.has4gSim(), model.source(), model.programme()));
            }
        }
        final School saLong = state.schools().named(DienBienGeography.SA_LONG_SCHOOL_NAME);
        final int saLongBroken = Math.max(1, calibration.saLongSponsoredTablets() / 30);
        for (int k = 0; k < saLongBroken; k++) {
            retired.add(new PlannedDevice(numbers.next(DeviceType.TABLET), saLong.getSchoolId(), DeviceType.TABLET,
                    DevicePurpose.STUDENT_LOAN, true, DeviceSource.SPONSORSHIP, DienBienGeography.TABLETS_FOR_CHILDREN));
        }
        for (final PlannedDevice device : retired) {
            final Instant receivedAt = EventTimes.onWorkingDay(random, ProvinceTime.FIRST_DAY, LAST_EARLY_RECEIPT);
            if (random.nextDouble() < 0.3) {
                final Instant[] times = EventTimes.ascending(random, receivedAt, LAST_CHANGE, 2);
                final PlannedDevice moved = device.at(otherSchool(device.schoolId()), device.purpose());
                emit(device, DeviceAction.RECEIVED, receivedAt);
                emit(device, DeviceAction.RELEASED, StaffHistory.releasedBefore(times[0]));
                emit(moved, DeviceAction.TRANSFERRED, times[0]);
                emit(moved, DeviceAction.RETIRED, times[1]);
            } else {
                final Instant retiredAt = EventTimes.ascending(random, receivedAt, LAST_CHANGE, 1)[0];
                emit(device, DeviceAction.RECEIVED, receivedAt);
                emit(device, DeviceAction.RETIRED, retiredAt);
            }
        }
    }

    private Instant receivedAt(final PlannedDevice device) {
        if (device.source() == DeviceSource.SPONSORSHIP) {
            final Instant delivery = deliveries.computeIfAbsent(device.schoolId(),
                    id -> EventTimes.onWorkingDay(random, FIRST_DELIVERY, LAST_DELIVERY));
            return delivery.plusSeconds(random.nextInt(3 * 3600));
        }
        if (device.type() != DeviceType.TABLET && random.nextDouble() < 0.55) {
            return EventTimes.onWorkingDay(random, ProvinceTime.FIRST_DAY, OPENING_INVENTORY_END);
        }
        return EventTimes.onWorkingDay(random, OPENING_INVENTORY_END.plusDays(1), LAST_PURCHASE);
    }

    private String otherSchool(final String schoolId) {
        final List<School> sameDistrict = schoolsByDistrict.get(schoolsById.get(schoolId).getDistrictId());
        for (int attempt = 0; attempt < 20; attempt++) {
            final List<School> pool = random.nextDouble() < 0.8 && sameDistrict.size() > 1 ? sameDistrict : schools;
            final School other = pool.get(random.nextInt(pool.size()));
            if (!other.getSchoolId().equals(schoolId)) {
                return other.getSchoolId();
            }
        }
        throw new IllegalStateException("no other school than " + schoolId);
    }

    private static DevicePurpose otherPurpose(final DevicePurpose purpose) {
        return purpose == DevicePurpose.TEACHING ? DevicePurpose.OFFICE : DevicePurpose.TEACHING;
    }

    private static boolean isComputer(final DeviceType type) {
        return type == DeviceType.DESKTOP || type == DeviceType.LAPTOP;
    }

    private static String kind(final PlannedDevice device) {
        return device.type() + "/" + device.source() + "/" + device.has4gSim();
    }

    private void emit(final PlannedDevice device, final DeviceAction action, final Instant occurredAt) {
        timeline.add(occurredAt, device.event(timeline.nextEventId(), action, occurredAt));
    }
}
