package org.edupulse.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.StaffRole;
import org.junit.jupiter.api.Test;

/** Valid but doubtful: each rule finds what it should, changes no count, and does not depend on event order. */
class DataQualityTest {

    private static final Instant T0 = Instant.parse("2025-01-06T01:00:00Z");

    private static Instant at(final int hours) {
        return T0.plusSeconds(3600L * hours);
    }

    private static StaffEvent staff(final String id, final String school, final StaffAction action, final int hour) {
        return StaffEvent.newBuilder().setEventId(id).setStaffId("s1").setSchoolId(school).setRole(StaffRole.TEACHER)
                .setAction(action).setOccurredAt(at(hour)).build();
    }

    private static CertificationEvent certificate(final String id, final String school, final CertificationAction action,
                                                  final int hour) {
        return CertificationEvent.newBuilder().setEventId(id).setStaffId("s1").setSchoolId(school)
                .setLevel(CertificationLevel.BASIC_IT).setAction(action).setOccurredAt(at(hour)).build();
    }

    private static DeviceEvent.Builder device(final String id, final String school, final DeviceType type,
                                              final boolean sim, final int hour) {
        return DeviceEvent.newBuilder().setEventId(id).setDeviceId("d1").setSchoolId(school).setType(type)
                .setPurpose(DevicePurpose.TEACHING).setHas4gSim(sim).setAction(DeviceAction.RECEIVED)
                .setSource(DeviceSource.PURCHASE).setOccurredAt(at(hour));
    }

    @Test
    void shouldFindACertificateOfAPersonNoRosterKnowsAndCountItNowhere() {
        // When a certificate arrives for a person with no roster event at all
        final PersonState person = PersonCustody.fold(List.of(),
                List.of(certificate("c1", "A", CertificationAction.AWARDED, 2)));

        // Then it is kept, counts nowhere, is not a refusal, and is one finding that says so
        assertThat(person.holds(CertificationLevel.BASIC_IT)).isTrue();
        assertThat(StockCounter.of(person)).isEmpty();
        assertThat(person.refusals()).isEmpty();
        assertThat(person.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(Finding.CERTIFICATE_UNKNOWN_STAFF);
            assertThat(finding.eventId()).isEqualTo("c1");
            assertThat(finding.entityId()).isEqualTo("s1");
            assertThat(finding.schoolId()).isEqualTo("A");
            assertThat(finding.message()).contains("no roster event of any school names staff s1")
                    .contains("counts nowhere");
            assertThat(finding.event()).isInstanceOf(CertificationEvent.class);
        });
    }

    @Test
    void shouldFindACertificateDatedBeforeThePersonJoinedButCountItOnceTheyHave() {
        // When the person joins after the certificate's time
        final PersonState person = PersonCustody.fold(List.of(staff("e1", "A", StaffAction.JOINED, 3)),
                List.of(certificate("c1", "A", CertificationAction.AWARDED, 2)));

        // Then the certificate counts (certificates follow the person) and is still a finding naming the join
        assertThat(StockCounter.of(person)).contains(StockCounter.STAFF_ACTIVE, StockCounter.IT_CERTIFIED);
        assertThat(person.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(Finding.CERTIFICATE_UNKNOWN_STAFF);
            assertThat(finding.message()).contains("was on no roster then").contains("JOINED at school A");
        });
    }

    @Test
    void shouldNotFindACertificateAtOrAfterThePersonsFirstRosterEventNorOneBetweenJobs() {
        // Given a certificate at the very time of joining, one while on the roster, and one after leaving
        final PersonState person = PersonCustody.fold(List.of(staff("e1", "A", StaffAction.JOINED, 2),
                        staff("e2", "A", StaffAction.LEFT, 4)),
                List.of(certificate("c1", "A", CertificationAction.AWARDED, 2),
                        certificate("c2", "A", CertificationAction.REVOKED, 3),
                        certificate("c3", "B", CertificationAction.AWARDED, 5)));

        // Then none is a finding
        assertThat(person.findings()).isEmpty();
        assertThat(person.refusals()).isEmpty();
    }

    @Test
    void shouldNoLongerFindTheCertificateOnceAnEarlierRosterEventIsInWhateverTheOrder() {
        // Given a certificate and, separately, the join that happened before it
        final CertificationEvent award = certificate("c1", "A", CertificationAction.AWARDED, 2);
        final PersonState before = PersonCustody.fold(List.of(), List.of(award));
        final List<StaffEvent> roster = new ArrayList<>(List.of(staff("e1", "A", StaffAction.JOINED, 1),
                staff("e2", "A", StaffAction.LEFT, 6)));
        final List<CertificationEvent> certificates = new ArrayList<>(List.of(award,
                certificate("c2", "A", CertificationAction.AWARDED, 0)));
        final PersonState expected = PersonCustody.fold(roster, certificates);

        // When folded in 100 shuffled orders, Then every fold gives the same state
        final Random random = new Random(14);
        for (int i = 0; i < 100; i++) {
            Collections.shuffle(roster, random);
            Collections.shuffle(certificates, random);
            assertThat(PersonCustody.fold(roster, certificates)).isEqualTo(expected);
        }
        // And with the join in, only the certificate dated before it is still a finding
        assertThat(before.findings()).extracting(Finding::eventId).containsExactly("c1");
        assertThat(expected.findings()).extracting(Finding::eventId).containsExactly("c2");
    }

    @Test
    void shouldFindADesktopWithASimAndCountItAsAComputerAsUsual() {
        // When a desktop is received with a 4G SIM, and the same desktop without one
        final DeviceState withSim = DeviceCustody.fold(List.of(device("d-1", "A", DeviceType.DESKTOP, true, 1).build()));
        final DeviceState withoutSim = DeviceCustody.fold(List.of(device("d-1", "A", DeviceType.DESKTOP, false, 1).build()));

        // Then both count the same, and only the first is a finding
        assertThat(StockCounter.of(withSim)).isEqualTo(StockCounter.of(withoutSim))
                .contains(StockCounter.COMPUTERS, StockCounter.COMPUTERS_TEACHING)
                .doesNotContain(StockCounter.TABLETS_WITH_SIM);
        assertThat(withoutSim.findings()).isEmpty();
        assertThat(withSim.refusals()).isEmpty();
        assertThat(withSim.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.ruleId()).isEqualTo(Finding.SIM_ON_DESKTOP);
            assertThat(finding.entityId()).isEqualTo("d1");
            assertThat(finding.eventId()).isEqualTo("d-1");
            assertThat(finding.schoolId()).isEqualTo("A");
            assertThat(finding.message()).contains("desktop computer with a 4G SIM card");
        });
    }

    @Test
    void shouldFindEveryAppliedDesktopEventWithASimButNotTabletsLaptopsOrRefusedEvents() {
        // Given a desktop with a SIM, re-assigned by its school, and another school's refused event for it
        final DeviceState desktop = DeviceCustody.fold(List.of(device("d-1", "A", DeviceType.DESKTOP, true, 1).build(),
                device("d-2", "A", DeviceType.DESKTOP, true, 2).setAction(DeviceAction.ASSIGNED).build(),
                device("x1", "B", DeviceType.DESKTOP, true, 3).setAction(DeviceAction.TRANSFERRED).build()));
        final DeviceState tablet = DeviceCustody.fold(List.of(device("t-1", "A", DeviceType.TABLET, true, 1).build()));
        final DeviceState laptop = DeviceCustody.fold(List.of(device("l-1", "A", DeviceType.LAPTOP, true, 1).build()));

        // Then each of the holder's events is a finding, the refused one only a refusal
        assertThat(desktop.findings()).extracting(Finding::eventId).containsExactly("d-1", "d-2");
        assertThat(desktop.refusals()).extracting(Refusal::eventId).containsExactly("x1");
        assertThat(tablet.findings()).isEmpty();
        assertThat(laptop.findings()).isEmpty();
    }

    @Test
    void shouldFindASchoolRecordWithoutLearners() {
        // When
        final var empty = DataQuality.schoolWithoutLearners(TestRecords.school().setLearnersEnrolled(0).build());
        final var one = DataQuality.schoolWithoutLearners(TestRecords.school().setLearnersEnrolled(1).build());

        // Then
        assertThat(one).isEmpty();
        assertThat(empty).hasValueSatisfying(finding -> {
            assertThat(finding.ruleId()).isEqualTo(Finding.SCHOOL_WITHOUT_LEARNERS);
            assertThat(finding.entityId()).isEqualTo("DB-MA-TH-01");
            assertThat(finding.schoolId()).isEqualTo("DB-MA-TH-01");
            assertThat(finding.eventId()).isEqualTo("DB-MA-TH-01@2024-09-05");
            assertThat(finding.message()).contains("reports 0 learners enrolled from 2024-09-05")
                    .contains("learners per teaching computer");
        });
    }

    @Test
    void shouldPublishARefusalAsAFindingWithTheSameFields() {
        final Refusal refusal = new Refusal(Refusal.HELD_BY_OTHER_SCHOOL, "s1", "x1", "B", "held by A", "event");

        assertThat(refusal.asFinding()).isEqualTo(new Finding(Refusal.HELD_BY_OTHER_SCHOOL, "s1", "x1", "B",
                "held by A", "event"));
    }
}
