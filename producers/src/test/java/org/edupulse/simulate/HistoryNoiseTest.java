package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.edupulse.rules.DataQuality;
import org.edupulse.rules.DeviceCustody;
import org.edupulse.rules.Finding;
import org.edupulse.rules.PersonCustody;
import org.edupulse.rules.Refusal;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.junit.jupiter.api.Test;

class HistoryNoiseTest {

    private final List<SimulatedEvent> history = GeneratedHistories.dienBien();

    @Test
    void shouldResendSomeEventsUnchanged() {
        // When
        final Map<String, SpecificRecord> firstById = new HashMap<>();
        final List<String> resent = new ArrayList<>();
        for (final SimulatedEvent event : history) {
            final String eventId = EventFields.eventId(event.value());
            if (eventId != null && firstById.putIfAbsent(eventId, event.value()) != null) {
                assertThat(event.value()).isEqualTo(firstById.get(eventId));
                resent.add(eventId);
            }
        }

        // Then
        assertThat(resent).hasSizeBetween(100, 1_000);
    }

    @Test
    void shouldPublishSomeEventsLateByMinutesToDays() {
        // When
        Instant latestSeen = Instant.MIN;
        final List<Duration> lags = new ArrayList<>();
        for (final SimulatedEvent event : history) {
            final Instant occurredAt = EventFields.occurredAt(event.value());
            if (occurredAt == null) {
                continue;
            }
            if (occurredAt.isBefore(latestSeen)) {
                lags.add(Duration.between(occurredAt, latestSeen));
            } else {
                latestSeen = occurredAt;
            }
        }

        // Then
        assertThat(lags).hasSizeGreaterThan(500);
        assertThat(lags).allSatisfy(lag -> assertThat(lag).isLessThanOrEqualTo(Duration.ofDays(5)));
        assertThat(lags).anySatisfy(lag -> assertThat(lag).isGreaterThan(Duration.ofDays(1)));
    }

    @Test
    void shouldTransferStaffAndDevicesIncludingAcrossDistricts() {
        // Given
        final Map<String, String> districtOf = history.stream().filter(e -> e.value() instanceof School)
                .map(e -> (School) e.value())
                .collect(Collectors.toMap(School::getSchoolId, School::getDistrictId, (a, b) -> b));

        // When
        final Map<String, String> lastSchoolOfStaff = new HashMap<>();
        int crossDistrict = 0;
        for (final StaffEvent e : ofType(StaffEvent.class)) {
            final String before = lastSchoolOfStaff.put(e.getStaffId(), e.getSchoolId());
            if (e.getAction() == StaffAction.TRANSFERRED && before != null
                    && !districtOf.get(before).equals(districtOf.get(e.getSchoolId()))) {
                crossDistrict++;
            }
        }

        // Then
        assertThat(ofType(StaffEvent.class)).filteredOn(e -> e.getAction() == StaffAction.TRANSFERRED)
                .hasSizeGreaterThan(300);
        assertThat(crossDistrict).isPositive();
        assertThat(ofType(DeviceEvent.class)).filteredOn(e -> e.getAction() == DeviceAction.TRANSFERRED)
                .hasSizeGreaterThan(300);
    }

    @Test
    void shouldRevokeCertificatesAndReawardSome() {
        // When
        final Set<String> revoked = new HashSet<>();
        final Set<String> reawarded = new HashSet<>();
        for (final CertificationEvent e : ofType(CertificationEvent.class)) {
            final String key = e.getStaffId() + "|" + e.getLevel();
            if (e.getAction() == CertificationAction.REVOKED) {
                revoked.add(key);
            } else if (revoked.contains(key)) {
                reawarded.add(key);
            }
        }

        // Then
        assertThat(revoked).hasSizeGreaterThan(200);
        assertThat(reawarded).isNotEmpty().hasSizeLessThan(revoked.size());
    }

    @Test
    void shouldRetireDevicesAndLoseStaff() {
        // Then
        assertThat(ofType(DeviceEvent.class)).filteredOn(e -> e.getAction() == DeviceAction.RETIRED)
                .hasSizeGreaterThan(500);
        assertThat(ofType(StaffEvent.class)).filteredOn(e -> e.getAction() == StaffAction.LEFT)
                .hasSizeGreaterThan(500);
    }

    @Test
    void shouldUpdateSomeSchoolsWithALaterRecord() {
        // When
        final Map<String, Long> recordsPerSchool = history.stream().filter(e -> e.value() instanceof School)
                .collect(Collectors.groupingBy(SimulatedEvent::key, Collectors.counting()));

        // Then
        assertThat(recordsPerSchool).hasSize(480);
        assertThat(recordsPerSchool.values()).filteredOn(n -> n > 1).isNotEmpty();
    }

    @Test
    void shouldCarryEveryKindOfNoiseInTheSmallProfileToo() {
        // Given
        final List<SimulatedEvent> small = GeneratedHistories.small();

        // When
        final long distinctIds = small.stream().map(e -> EventFields.eventId(e.value()))
                .filter(id -> id != null).distinct().count();
        final long withIds = small.stream().filter(e -> EventFields.eventId(e.value()) != null).count();

        // Then
        assertThat(small).hasSizeBetween(200, 1_000);
        assertThat(withIds).isGreaterThan(distinctIds);
        assertThat(small).anyMatch(e -> e.value() instanceof StaffEvent
                && ((StaffEvent) e.value()).getAction() == StaffAction.TRANSFERRED);
        assertThat(small).anyMatch(e -> e.value() instanceof CertificationEvent
                && ((CertificationEvent) e.value()).getAction() == CertificationAction.REVOKED);
        assertThat(small).anyMatch(e -> e.value() instanceof DeviceEvent
                && ((DeviceEvent) e.value()).getAction() == DeviceAction.RETIRED);
        assertThat(small).anyMatch(e -> e.value() instanceof StaffEvent
                && ((StaffEvent) e.value()).getAction() == StaffAction.TEAM_JOINED);
    }

    @Test
    void shouldLetItSkilledStaffJoinTheirCommunesTeamAndSomeLeaveIt() {
        // When
        final List<StaffEvent> team = ofType(StaffEvent.class).stream()
                .filter(e -> e.getAction() == StaffAction.TEAM_JOINED || e.getAction() == StaffAction.TEAM_LEFT)
                .toList();

        // Then: joins and fewer leaves, each naming a commune, none resent
        assertThat(team).filteredOn(e -> e.getAction() == StaffAction.TEAM_JOINED).hasSizeGreaterThan(100);
        assertThat(team).filteredOn(e -> e.getAction() == StaffAction.TEAM_LEFT).isNotEmpty()
                .hasSizeLessThan(team.size() / 4);
        assertThat(team).allSatisfy(e -> assertThat(e.getTeamCommuneId()).isNotBlank());
        assertThat(team).extracting(StaffEvent::getEventId).doesNotHaveDuplicates();
    }

    @Test
    void shouldLetEverySchoolChangeOnlyThePeopleAndDevicesItHolds() {
        // When every person and device of the calibrated history is folded by the rules core
        final Map<String, List<StaffEvent>> roster = ofType(StaffEvent.class).stream()
                .collect(Collectors.groupingBy(StaffEvent::getStaffId));
        final Map<String, List<CertificationEvent>> certificates = ofType(CertificationEvent.class).stream()
                .collect(Collectors.groupingBy(CertificationEvent::getStaffId));
        final Map<String, List<DeviceEvent>> devices = ofType(DeviceEvent.class).stream()
                .collect(Collectors.groupingBy(DeviceEvent::getDeviceId));
        final List<Refusal> refusals = new ArrayList<>();
        roster.forEach((staffId, events) -> refusals.addAll(
                PersonCustody.fold(events, certificates.getOrDefault(staffId, List.of())).refusals()));
        devices.forEach((deviceId, events) -> refusals.addAll(DeviceCustody.fold(events).refusals()));

        // Then every transfer follows a release by the holder and nothing is refused
        assertThat(ofType(StaffEvent.class)).filteredOn(e -> e.getAction() == StaffAction.RELEASED)
                .hasSizeGreaterThan(300);
        assertThat(refusals).isEmpty();
    }

    @Test
    void shouldRaiseNoDataQualityFindingInTheCalibratedHistory() {
        // When every person (with or without roster events), device and school record is checked by the rules core
        final Map<String, List<StaffEvent>> roster = ofType(StaffEvent.class).stream()
                .collect(Collectors.groupingBy(StaffEvent::getStaffId));
        final Map<String, List<CertificationEvent>> certificates = ofType(CertificationEvent.class).stream()
                .collect(Collectors.groupingBy(CertificationEvent::getStaffId));
        final Set<String> people = new HashSet<>(roster.keySet());
        people.addAll(certificates.keySet());
        final List<Finding> findings = new ArrayList<>();
        people.forEach(staffId -> findings.addAll(PersonCustody.fold(roster.getOrDefault(staffId, List.of()),
                certificates.getOrDefault(staffId, List.of())).findings()));
        ofType(DeviceEvent.class).stream().collect(Collectors.groupingBy(DeviceEvent::getDeviceId))
                .forEach((deviceId, events) -> findings.addAll(DeviceCustody.fold(events).findings()));
        ofType(School.class).forEach(school -> DataQuality.schoolWithoutLearners(school).ifPresent(findings::add));

        // Then the demo's own data is clean: findings come only from what schools send
        assertThat(certificates).isNotEmpty();
        assertThat(findings).isEmpty();
    }

    private <T> List<T> ofType(final Class<T> type) {
        return history.stream().map(SimulatedEvent::value).filter(type::isInstance).map(type::cast)
                .collect(Collectors.toList());
    }
}
