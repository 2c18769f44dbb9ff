package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.certification;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.DeviceType;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffRole;
import org.edupulse.streams.state.EntityHistory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StockIndicatorsTest {

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("stocks", stateDir);
        driver.school(school("A", "D1").build(), START);
        driver.school(school("B", "D2").build(), START);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant at(final long hours) {
        return START.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldMoveExactlyOneStaffMemberAndTheirCertificateWhenTheyTransfer() {
        // Given two people at A (one certified) and one at B
        driver.staff(staff("e1", "s1", "A", at(1)).build(), at(1));
        driver.staff(staff("e2", "s2", "A", at(1)).build(), at(1));
        driver.staff(staff("e3", "s3", "B", at(1)).build(), at(1));
        driver.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
        assertThat(driver.district("D1", "staff.active")).isEqualTo(2);
        assertThat(driver.district("D1", "staff.it_certified.share")).isEqualTo(50);

        // When A releases the certified person and B takes them on by transfer (A in D1, B in D2)
        driver.staff(staff("e4r", "s1", "A", at(3)).setAction(StaffAction.RELEASED).build(), at(3));
        driver.staff(staff("e4", "s1", "B", at(3).plusSeconds(60)).setAction(StaffAction.TRANSFERRED).build(), at(3));

        // Then one person moved, and their certificate with them
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D2", "staff.active")).isEqualTo(2);
        assertThat(IndicatorsDriver.value(driver.districts().get("D1"), "staff.it_certified.share").getNumerator())
                .isZero();
        assertThat(IndicatorsDriver.value(driver.districts().get("D2"), "staff.it_certified.share").getNumerator())
                .isEqualTo(1);
        assertThat(driver.district("D2", "staff.it_certified.share")).isEqualTo(50);
        assertThat(driver.province(TestData.PROVINCE, "staff.active")).isEqualTo(3);
        final KeyValueStore<String, EntityHistory> histories = driver.store(IndicatorsTopology.PERSON_HISTORY_STORE);
        assertThat(EntityHistories.person(histories.get("s1")).holder()).isEqualTo("B");
        assertThat(driver.findings()).isEmpty();
        final KeyValueStore<String, IndicatorSet> published = driver.store(IndicatorsTopology.DISTRICT_STORE);
        assertThat(published.get("D2")).isEqualTo(driver.districts().get("D2"));
    }

    @Test
    void shouldStopCountingARevokedCertificateButIgnoreAnOlderRevocation() {
        // Given a certified person
        driver.staff(staff("e1", "s1", "A", at(1)).build(), at(1));
        driver.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(5)).build(), at(5));

        // When a revocation older than the award arrives, then a newer one
        driver.certification(certification("c0", "s1", "A", CertificationLevel.BASIC_IT, at(4))
                .setAction(CertificationAction.REVOKED).build(), at(6));
        final double afterOlder = driver.district("D1", "staff.it_certified.share");
        driver.certification(certification("c2", "s1", "A", CertificationLevel.BASIC_IT, at(7))
                .setAction(CertificationAction.REVOKED).build(), at(7));

        // Then only the newer revocation removes the certificate
        assertThat(afterOlder).isEqualTo(100);
        assertThat(driver.district("D1", "staff.it_certified.share")).isZero();
        final KeyValueStore<String, EntityHistory> histories = driver.store(IndicatorsTopology.PERSON_HISTORY_STORE);
        assertThat(EntityHistories.person(histories.get("s1")).heldLevels()).isZero();
    }

    @Test
    void shouldCountAPersonOnceAtTheirHighestLevel() {
        // Given an IT teacher with a basic certificate and an IT degree
        driver.staff(staff("e1", "s1", "A", at(1)).setRole(StaffRole.IT_TEACHER).build(), at(1));
        driver.staff(staff("e2", "s2", "A", at(1)).build(), at(1));
        driver.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
        driver.certification(certification("c2", "s1", "A", CertificationLevel.IT_DEGREE, at(3)).build(), at(3));
        driver.certification(certification("c3", "s1", "A", CertificationLevel.ADVANCED_IT, at(3)).build(), at(3));

        // Then they count once among the certified, and as an IT teacher with a degree
        assertThat(IndicatorsDriver.value(driver.districts().get("D1"), "staff.it_certified.share").getNumerator())
                .isEqualTo(1);
        assertThat(driver.district("D1", "staff.it_certified.share")).isEqualTo(50);
        assertThat(driver.district("D1", "staff.it_degree_teachers")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.it_teachers")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.it_teachers.share")).isEqualTo(50);

        // When the degree is revoked, they still hold a lower level
        driver.certification(certification("c4", "s1", "A", CertificationLevel.IT_DEGREE, at(4))
                .setAction(CertificationAction.REVOKED).build(), at(4));
        assertThat(driver.district("D1", "staff.it_degree_teachers")).isZero();
        assertThat(IndicatorsDriver.value(driver.districts().get("D1"), "staff.it_certified.share").getNumerator())
                .isEqualTo(1);

        // When they leave, nothing of theirs is counted
        driver.staff(staff("e3", "s1", "A", at(5)).setAction(StaffAction.LEFT).setRole(StaffRole.IT_TEACHER).build(),
                at(5));
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.it_certified.share")).isZero();
        assertThat(driver.district("D1", "staff.it_teachers")).isZero();
    }

    @Test
    void shouldRemoveARetiredDeviceAndMoveATransferredOne() {
        // Given a teaching desktop, a sponsored tablet with SIM and an office laptop at A
        driver.device(device("d1-1", "d1", "A", at(1)).build(), at(1));
        driver.device(device("d2-1", "d2", "A", at(1)).setType(DeviceType.TABLET).setHas4gSim(true)
                .setPurpose(DevicePurpose.STUDENT_LOAN).setSource(DeviceSource.SPONSORSHIP)
                .setProgramme("Internet and Tablets for Children").build(), at(1));
        driver.device(device("d3-1", "d3", "A", at(1)).setType(DeviceType.LAPTOP).setPurpose(DevicePurpose.OFFICE)
                .build(), at(1));
        assertThat(driver.district("D1", "devices.computers.in_service")).isEqualTo(2);
        assertThat(driver.district("D1", "devices.tablets.with_sim")).isEqualTo(1);
        assertThat(driver.district("D1", "schools.with_teaching_computers.share")).isEqualTo(100);

        // When A releases the desktop, B takes it by transfer, and the tablet is retired
        driver.device(device("d1-r", "d1", "A", at(2)).setAction(DeviceAction.RELEASED).build(), at(2));
        driver.device(device("d1-2", "d1", "B", at(2).plusSeconds(60)).setAction(DeviceAction.TRANSFERRED).build(), at(2));
        driver.device(device("d2-2", "d2", "A", at(3)).setType(DeviceType.TABLET).setHas4gSim(true)
                .setSource(DeviceSource.SPONSORSHIP).setProgramme("Internet and Tablets for Children")
                .setAction(DeviceAction.RETIRED).build(), at(3));

        // Then
        assertThat(driver.district("D1", "devices.computers.in_service")).isEqualTo(1);
        assertThat(driver.district("D1", "devices.computers.office")).isEqualTo(1);
        assertThat(driver.district("D1", "devices.computers.teaching")).isZero();
        assertThat(driver.district("D1", "devices.tablets.in_service")).isZero();
        assertThat(driver.district("D1", "devices.tablets.with_sim")).isZero();
        assertThat(driver.district("D1", "devices.sponsored.in_service")).isZero();
        assertThat(driver.district("D1", "schools.with_teaching_computers.share")).isZero();
        // no teaching computer left at A: the ratio has no value, never 0 (the best possible ratio)
        assertThat(driver.district("D1", "learners.per_teaching_computer")).isNull();
        assertThat(IndicatorsDriver.value(driver.districts().get("D1"), "learners.per_teaching_computer")
                .getUndefinedReason()).contains("computers in service used for teaching");
        assertThat(driver.district("D2", "devices.computers.teaching")).isEqualTo(1);
        assertThat(driver.district("D2", "schools.with_teaching_computers.share")).isEqualTo(100);
        assertThat(driver.district("D2", "learners.per_teaching_computer")).isEqualTo(100);
        assertThat(driver.province(TestData.PROVINCE, "devices.computers.in_service")).isEqualTo(2);
    }
}
