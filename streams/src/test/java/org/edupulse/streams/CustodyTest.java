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
import java.util.List;
import org.edupulse.rules.Refusal;
import org.edupulse.schemas.CertificationAction;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.EntityKind;
import org.edupulse.schemas.StaffAction;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A school may change only the people and devices it holds: attacks by another school's key on a
 * teacher's roster entry, certificate or a device change nothing and become data-quality findings.
 */
class CustodyTest {

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("custody", stateDir);
        driver.school(school("A", "D1").build(), START);
        driver.school(school("B", "D2").build(), START);
        // A holds a certified teacher and a teaching desktop
        driver.staff(staff("e1", "s1", "A", at(1)).build(), at(1));
        driver.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
        driver.device(device("d1-1", "d1", "A", at(1)).build(), at(1));
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant at(final long hours) {
        return START.plus(Duration.ofHours(hours));
    }

    @Test
    void shouldNotLetAnotherSchoolTakeRemoveOrDecertifyATeacherItDoesNotHold() {
        // When B posts, with events of its own school, a transfer of A's teacher, their leaving and a revocation
        driver.staff(staff("x1", "s1", "B", at(3)).setAction(StaffAction.TRANSFERRED).build(), at(3));
        driver.staff(staff("x2", "s1", "B", at(4)).setAction(StaffAction.LEFT).build(), at(4));
        driver.certification(certification("x3", "s1", "B", CertificationLevel.BASIC_IT, at(5))
                .setAction(CertificationAction.REVOKED).build(), at(5));

        // Then A still has its certified teacher and B has nobody
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.it_certified.share")).isEqualTo(100);
        assertThat(driver.district("D2", "staff.active")).isZero();
        // And each refused event is a finding naming the rule, the school, the person and the holder
        final List<DataQualityFinding> findings = driver.findings();
        assertThat(findings).extracting(DataQualityFinding::getEventId).containsExactly("x1", "x2", "x3");
        assertThat(findings).allSatisfy(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(Refusal.HELD_BY_OTHER_SCHOOL);
            assertThat(finding.getSchoolId()).isEqualTo("B");
            assertThat(finding.getEntityId()).isEqualTo("s1");
            assertThat(finding.getMessage()).contains("school A");
        });
        assertThat(findings.get(2).getSourceTopic()).isEqualTo(Topics.CERTIFICATION_EVENTS.name());
        assertThat(findings.get(2).getSourceOffset()).isNotNull();
    }

    @Test
    void shouldNotLetAnotherSchoolTakeADeviceItDoesNotHold() {
        // When B posts a transfer of A's desktop to itself, then a retirement of it
        driver.device(device("x1", "d1", "B", at(3)).setAction(DeviceAction.TRANSFERRED).build(), at(3));
        driver.device(device("x2", "d1", "B", at(4)).setAction(DeviceAction.RETIRED).build(), at(4));

        // Then the desktop stays at A, in service
        assertThat(driver.district("D1", "devices.computers.teaching")).isEqualTo(1);
        assertThat(driver.holders().get(Topics.holderKey(EntityKind.DEVICE, "d1")).getSchoolId()).isEqualTo("A");
        assertThat(driver.findings()).extracting(DataQualityFinding::getRuleId)
                .containsExactly(Refusal.HELD_BY_OTHER_SCHOOL, Refusal.HELD_BY_OTHER_SCHOOL);
    }

    @Test
    void shouldMoveATeacherReleasedByTheirSchoolWhateverTheOrderTheEventsArriveIn() {
        // When B's transfer arrives before A's release, which happened earlier
        driver.staff(staff("t1", "s1", "B", at(6)).setAction(StaffAction.TRANSFERRED).build(), at(6));
        final double beforeRelease = driver.district("D1", "staff.active");
        driver.staff(staff("r1", "s1", "A", at(5)).setAction(StaffAction.RELEASED).build(), at(7));

        // Then until the release the transfer was refused; once it is in, the event order decides:
        // the teacher and their certificate are at B, and the earlier refusal no longer applies
        assertThat(beforeRelease).isEqualTo(1);
        assertThat(driver.district("D1", "staff.active")).isZero();
        assertThat(driver.district("D2", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D2", "staff.it_certified.share")).isEqualTo(100);
        assertThat(driver.province(TestData.PROVINCE, "staff.active")).isEqualTo(1);
        // And the gateway reads the new holder
        assertThat(driver.holders().get(Topics.holderKey(EntityKind.PERSON, "s1")).getSchoolId()).isEqualTo("B");
    }

    @Test
    void shouldCountAnEventIdOnceAndReportItsReuseWithOtherContent() {
        // When the same event id arrives again with another time and another school's device
        driver.device(device("d1-1", "d1", "A", at(9)).setAction(DeviceAction.RETIRED).build(), at(9));

        // Then the first content counts and the reuse is one finding
        assertThat(driver.district("D1", "devices.computers.teaching")).isEqualTo(1);
        assertThat(driver.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(Refusal.EVENT_ID_CONFLICT);
            assertThat(finding.getEventId()).isEqualTo("d1-1");
        });
    }

    @Test
    void shouldLetTheDepartmentReleaseAPersonForTheirSchool() {
        // When the department (which may post for any school) releases A's teacher as A, and B takes them on
        driver.staff(staff("r1", "s1", "A", at(3)).setAction(StaffAction.RELEASED).build(), at(3));
        driver.staff(staff("j1", "s1", "B", at(4)).setAction(StaffAction.JOINED).build(), at(4));

        // Then the teacher counts at B only, and nothing was refused
        assertThat(driver.district("D1", "staff.active")).isZero();
        assertThat(driver.district("D2", "staff.active")).isEqualTo(1);
        assertThat(driver.findings()).isEmpty();
    }

    @Test
    void shouldKeepApplyingTheHoldersEventsWhenAnotherSchoolFloodsTheirTeacher() {
        // When B posts more events for A's teacher than EduPulse keeps from one school for one person
        final int flood = CustodyProcessor.MAX_EVENTS_PER_SCHOOL + 5;
        for (int i = 0; i < flood; i++) {
            driver.staff(staff("f" + i, "s1", "B", at(3)).setAction(StaffAction.LEFT).build(), at(3));
        }
        // And A then releases the teacher and a third school takes them on
        driver.school(school("C", "D2").build(), START);
        driver.staff(staff("r1", "s1", "A", at(4)).setAction(StaffAction.RELEASED).build(), at(4));
        driver.staff(staff("t1", "s1", "C", at(5)).setAction(StaffAction.TRANSFERRED).build(), at(5));

        // Then the flood locked nobody out: A's release and the transfer it allows still applied
        assertThat(driver.district("D1", "staff.active")).isZero();
        assertThat(driver.district("D2", "staff.active")).isEqualTo(1);
        // And B's events beyond its share are findings naming B and the bound, the others refusals
        final List<DataQualityFinding> findings = driver.findings();
        assertThat(findings).filteredOn(finding -> finding.getRuleId().equals(Refusal.HISTORY_FULL))
                .hasSize(flood - CustodyProcessor.MAX_EVENTS_PER_SCHOOL)
                .allSatisfy(finding -> {
                    assertThat(finding.getSchoolId()).isEqualTo("B");
                    assertThat(finding.getMessage()).contains("school B already posted 1000 events for s1");
                });
        assertThat(findings).filteredOn(finding -> finding.getRuleId().equals(Refusal.HELD_BY_OTHER_SCHOOL))
                .hasSize(CustodyProcessor.MAX_EVENTS_PER_SCHOOL);
        // so every one of B's events counts as refused in B's district: those kept, by the fold; those not, once each
        assertThat(IndicatorsDriver.value(driver.districts().get("D2"), "quality.refused.total").getNumerator())
                .isEqualTo(flood);
    }
}
