package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.simulate.TestEvents.certificate;
import static org.edupulse.simulate.TestEvents.device;
import static org.edupulse.simulate.TestEvents.school;
import static org.edupulse.simulate.TestEvents.staff;
import static org.edupulse.simulate.TestEvents.training;

import java.time.LocalDate;
import java.util.List;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffRole;
import org.junit.jupiter.api.Test;

class ExpectedFiguresTest {

    private static final LocalDate OPENING = LocalDate.of(2021, 9, 1);

    @Test
    void shouldTakeTheLatestSchoolRecordByEffectiveDate() {
        // Given a newer record, then an older one published after it
        final List<SimulatedEvent> events = List.of(
                school("S1", "D1", 100, false, OPENING),
                school("S1", "D1", 150, true, OPENING.plusYears(2)),
                school("S1", "D1", 90, false, OPENING.plusYears(1)),
                school("S2", "D2", 50, false, OPENING));

        // When
        final ExpectedFigures figures = ExpectedFigures.of(events);

        // Then
        assertThat(figures.province().schools()).isEqualTo(2);
        assertThat(figures.province().learnersEnrolled()).isEqualTo(200);
        assertThat(figures.province().schoolsWithInternetForTeaching()).isEqualTo(1);
        assertThat(figures.district("D1").learnersEnrolled()).isEqualTo(150);
    }

    @Test
    void shouldFollowStaffToTheirLatestSchoolWhateverThePublishOrder() {
        // Given a transfer published before the join and the release it follows, a leaver, and a duplicate
        final List<SimulatedEvent> events = List.of(
                school("S1", "D1", 100, true, OPENING),
                school("S2", "D2", 100, true, OPENING),
                staff("e2", "P1", "S2", StaffRole.IT_TEACHER, StaffAction.TRANSFERRED, 20),
                staff("e1r", "P1", "S1", StaffRole.IT_TEACHER, StaffAction.RELEASED, 15),
                staff("e1", "P1", "S1", StaffRole.IT_TEACHER, StaffAction.JOINED, 10),
                staff("e3", "P2", "S1", StaffRole.TEACHER, StaffAction.JOINED, 10),
                staff("e4", "P2", "S1", StaffRole.TEACHER, StaffAction.LEFT, 30),
                staff("e5", "P3", "S1", StaffRole.TEACHER, StaffAction.JOINED, 10),
                staff("e5", "P3", "S1", StaffRole.TEACHER, StaffAction.JOINED, 10));

        // When
        final ExpectedFigures figures = ExpectedFigures.of(events);

        // Then
        assertThat(figures.province().activeStaff()).isEqualTo(2);
        assertThat(figures.district("D1").activeStaff()).isEqualTo(1);
        assertThat(figures.district("D2").itTeachers()).isEqualTo(1);
    }

    @Test
    void shouldNotMoveAPersonWhomTheirSchoolDidNotRelease() {
        // Given a transfer posted by another school while the first still holds the person
        final List<SimulatedEvent> events = List.of(
                school("S1", "D1", 100, true, OPENING),
                school("S2", "D2", 100, true, OPENING),
                staff("e1", "P1", "S1", StaffRole.TEACHER, StaffAction.JOINED, 10),
                staff("e2", "P1", "S2", StaffRole.TEACHER, StaffAction.TRANSFERRED, 20));

        // When
        final ExpectedFigures figures = ExpectedFigures.of(events);

        // Then the person stays where they are
        assertThat(figures.district("D1").activeStaff()).isEqualTo(1);
        assertThat(figures.district("D2").activeStaff()).isZero();
    }

    @Test
    void shouldBreakEventTimeTiesByTheGreaterEventId() {
        // Given two events of one person at the same instant
        final List<SimulatedEvent> events = List.of(
                school("S1", "D1", 100, true, OPENING),
                staff("e9", "P1", "S1", StaffRole.TEACHER, StaffAction.LEFT, 10),
                staff("e1", "P1", "S1", StaffRole.TEACHER, StaffAction.JOINED, 10));

        // When
        final ExpectedFigures figures = ExpectedFigures.of(events);

        // Then
        assertThat(figures.province().activeStaff()).isZero();
    }

    @Test
    void shouldCountCertifiedStaffOnceAtTheirHighestHeldLevelAtTheirCurrentSchool() {
        // Given
        final List<SimulatedEvent> events = List.of(
                school("S1", "D1", 100, true, OPENING),
                school("S2", "D2", 100, true, OPENING),
                staff("s1", "P1", "S1", StaffRole.IT_TEACHER, StaffAction.JOINED, 1),
                certificate("c1", "P1", "S1", CertificationLevel.BASIC_IT, CertificationAction.AWARDED, 2),
                certificate("c2", "P1", "S1", CertificationLevel.IT_DEGREE, CertificationAction.AWARDED, 3),
                staff("s1r", "P1", "S1", StaffRole.IT_TEACHER, StaffAction.RELEASED, 4),
                staff("s2", "P1", "S2", StaffRole.IT_TEACHER, StaffAction.TRANSFERRED, 5),
                staff("s3", "P2", "S1", StaffRole.IT_TEACHER, StaffAction.JOINED, 1),
                certificate("c3", "P2", "S1", CertificationLevel.IT_DEGREE, CertificationAction.AWARDED, 2),
                certificate("c4", "P2", "S1", CertificationLevel.IT_DEGREE, CertificationAction.REVOKED, 3),
                certificate("c5", "P2", "S1", CertificationLevel.ADVANCED_IT, CertificationAction.AWARDED, 4),
                staff("s4", "P3", "S1", StaffRole.TEACHER, StaffAction.JOINED, 1),
                certificate("c6", "P3", "S1", CertificationLevel.BASIC_IT, CertificationAction.REVOKED, 5),
                certificate("c7", "P3", "S1", CertificationLevel.BASIC_IT, CertificationAction.AWARDED, 2),
                staff("s5", "P4", "S1", StaffRole.TEACHER, StaffAction.JOINED, 1),
                certificate("c8", "P4", "S1", CertificationLevel.BASIC_IT, CertificationAction.AWARDED, 2),
                staff("s6", "P4", "S1", StaffRole.TEACHER, StaffAction.LEFT, 3));

        // When
        final ExpectedFigures figures = ExpectedFigures.of(events);

        // Then
        assertThat(figures.province().certifiedStaff()).isEqualTo(2);
        assertThat(figures.province().itTeachersWithItDegree()).isEqualTo(1);
        assertThat(figures.district("D2").certifiedStaff()).isEqualTo(1);
        assertThat(figures.district("D2").itTeachersWithItDegree()).isEqualTo(1);
        assertThat(figures.district("D1").certifiedStaff()).isEqualTo(1);
        assertThat(figures.district("D1").itTeachersWithItDegree()).isZero();
    }

    @Test
    void shouldCountDevicesFromTheirLatestEventAndSessionsByEventId() {
        // Given
        final List<SimulatedEvent> events = List.of(
                school("S1", "D1", 100, true, OPENING),
                school("S2", "D2", 100, true, OPENING),
                device("d1", "T1", "S1", DeviceType.TABLET, DevicePurpose.STUDENT_LOAN, true,
                        DeviceSource.SPONSORSHIP, DeviceAction.RECEIVED, 1),
                device("d1r", "T1", "S1", DeviceType.TABLET, DevicePurpose.STUDENT_LOAN, true,
                        DeviceSource.SPONSORSHIP, DeviceAction.RELEASED, 2),
                device("d2", "T1", "S2", DeviceType.TABLET, DevicePurpose.STUDENT_LOAN, true,
                        DeviceSource.SPONSORSHIP, DeviceAction.TRANSFERRED, 3),
                device("d3", "T2", "S1", DeviceType.TABLET, DevicePurpose.TEACHING, false,
                        DeviceSource.PURCHASE, DeviceAction.RECEIVED, 1),
                device("d4", "C1", "S1", DeviceType.DESKTOP, DevicePurpose.UNASSIGNED, false,
                        DeviceSource.PURCHASE, DeviceAction.RECEIVED, 1),
                device("d5", "C1", "S1", DeviceType.DESKTOP, DevicePurpose.OFFICE, false,
                        DeviceSource.PURCHASE, DeviceAction.ASSIGNED, 2),
                device("d6", "C2", "S1", DeviceType.LAPTOP, DevicePurpose.TEACHING, false,
                        DeviceSource.PURCHASE, DeviceAction.RETIRED, 5),
                device("d7", "C2", "S1", DeviceType.LAPTOP, DevicePurpose.TEACHING, false,
                        DeviceSource.PURCHASE, DeviceAction.RECEIVED, 1),
                device("d8", "X1", "S1", DeviceType.OTHER, DevicePurpose.TEACHING, false,
                        DeviceSource.PURCHASE, DeviceAction.RECEIVED, 1),
                training("t1", "S1", 1),
                training("t1", "S1", 1),
                training("t2", "S2", 1));

        // When
        final ExpectedFigures figures = ExpectedFigures.of(events);

        // Then
        final UnitFigures province = figures.province();
        assertThat(province.tabletsInService()).isEqualTo(2);
        assertThat(province.tabletsWithSimInService()).isEqualTo(1);
        assertThat(province.purchasedTabletsInService()).isEqualTo(1);
        assertThat(province.computersInService()).isEqualTo(1);
        assertThat(province.computers(DevicePurpose.OFFICE)).isEqualTo(1);
        assertThat(province.sponsoredDevicesInService()).isEqualTo(1);
        assertThat(province.trainingSessions()).isEqualTo(2);
        assertThat(figures.sponsoredTabletsInService("S2")).isEqualTo(1);
        assertThat(figures.sponsoredTabletsInService("S1")).isZero();
    }
}
