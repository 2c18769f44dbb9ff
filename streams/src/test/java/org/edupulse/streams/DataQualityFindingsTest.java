package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.certification;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.rules.Finding;
import org.edupulse.rules.PersonState;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceType;
import org.edupulse.streams.state.EntityHistory;
import org.edupulse.topics.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that are valid and counted as usual but doubtful become findings on the data-quality
 * topic, and change no figure but the counts of findings that apply now ({@code quality.*}, see
 * {@link QualityIndicatorsTest}): a certificate for a person no roster knew at its time, a desktop with
 * a 4G SIM, a school record without learners.
 */
class DataQualityFindingsTest {

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("quality", stateDir);
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

    private double numerator(final String districtId, final String indicatorId) {
        return IndicatorsDriver.value(driver.districts().get(districtId), indicatorId).getNumerator();
    }

    private PersonState person(final IndicatorsDriver on, final String staffId) {
        final KeyValueStore<String, EntityHistory> histories = on.store(IndicatorsTopology.PERSON_HISTORY_STORE);
        return EntityHistories.person(histories.get(staffId));
    }

    @Test
    void shouldReportACertificateOfAPersonNoRosterKnowsUntilTheirEarlierJoinArrives() {
        // Given a teacher of A, so that A's district has figures
        driver.staff(staff("e1", "s1", "A", at(1)).build(), at(1));

        // When A records a certificate for s9, whom no roster event names yet
        driver.certification(certification("c9", "s9", "A", CertificationLevel.BASIC_IT, at(3)).build(), at(3));

        // Then it counts nowhere and is one finding, with where it was read
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(numerator("D1", "staff.it_certified.share")).isZero();
        assertThat(driver.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(Finding.CERTIFICATE_UNKNOWN_STAFF);
            assertThat(finding.getSchoolId()).isEqualTo("A");
            assertThat(finding.getEntityId()).isEqualTo("s9");
            assertThat(finding.getEventId()).isEqualTo("c9");
            assertThat(finding.getEventType()).isEqualTo("CertificationEvent");
            assertThat(finding.getOccurredAt()).isEqualTo(at(3));
            assertThat(finding.getSourceTopic()).isEqualTo(Topics.CERTIFICATION_EVENTS.name());
            assertThat(finding.getSourceOffset()).isNotNull();
            assertThat(finding.getMessage()).contains("no roster event of any school names staff s9");
        });
        assertThat(numerator("D1", "quality.doubtful.total")).isEqualTo(1);

        // When s9's join, which happened before the certificate, arrives late, and then another certificate
        driver.staff(staff("e9", "s9", "A", at(2)).build(), at(4));
        driver.certification(certification("c10", "s9", "A", CertificationLevel.ADVANCED_IT, at(5)).build(), at(5));

        // Then the certificate counts, the rules no longer find it, and nothing more is reported
        assertThat(driver.district("D1", "staff.active")).isEqualTo(2);
        assertThat(numerator("D1", "staff.it_certified.share")).isEqualTo(1);
        assertThat(person(driver, "s9").findings()).isEmpty();
        assertThat(driver.findings()).hasSize(1);
        // And the finding, still on the topic as a log entry, no longer applies: the counts drop it
        assertThat(numerator("D1", "quality.doubtful.total")).isZero();
        assertThat(numerator("D1", "quality.findings.total")).isZero();
    }

    @Test
    void shouldKeepReportingACertificateDatedBeforeThePersonJoinedAndCountItFromTheJoin() {
        // When a certificate arrives, then the person's join, which happened after it
        driver.certification(certification("c9", "s9", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
        driver.staff(staff("e9", "s9", "A", at(3)).build(), at(3));

        // Then the certificate counts from the join, and the one finding still applies
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.it_certified.share")).isEqualTo(100);
        assertThat(driver.findings()).extracting(DataQualityFinding::getEventId).containsExactly("c9");
        assertThat(person(driver, "s9").findings()).extracting(Finding::eventId).containsExactly("c9");
    }

    @Test
    void shouldReachTheSameFindingsInStateWhateverOrderRosterAndCertificateArriveIn() throws Exception {
        // Given one person's join and a certificate before it, and one's certificate before their join
        try (IndicatorsDriver other = new IndicatorsDriver("quality-other", Files.createTempDirectory(stateDir, "o"))) {
            other.school(school("A", "D1").build(), START);
            other.staff(staff("e1", "s1", "A", at(1)).build(), at(1));
            other.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
            other.staff(staff("e2", "s2", "A", at(4)).build(), at(4));
            other.certification(certification("c2", "s2", "A", CertificationLevel.BASIC_IT, at(3)).build(), at(4));

            // When the same events arrive in the other order
            driver.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
            driver.staff(staff("e1", "s1", "A", at(1)).build(), at(3));
            driver.certification(certification("c2", "s2", "A", CertificationLevel.BASIC_IT, at(3)).build(), at(3));
            driver.staff(staff("e2", "s2", "A", at(4)).build(), at(4));

            // Then the people and their findings in state are the same, and so are the figures
            assertThat(person(driver, "s1")).isEqualTo(person(other, "s1"));
            assertThat(person(driver, "s2")).isEqualTo(person(other, "s2"));
            assertThat(person(driver, "s1").findings()).isEmpty();
            assertThat(person(driver, "s2").findings()).extracting(Finding::eventId).containsExactly("c2");
            assertThat(driver.districts().get("D1").getIndicators()).isEqualTo(other.districts().get("D1").getIndicators());
            // including the counts of findings that apply now: c2's, in both orders
            assertThat(numerator("D1", "quality.findings.total")).isEqualTo(1);
            assertThat(numerator("D1", "quality.doubtful.total")).isEqualTo(1);
            // And the topic holds what was found when each event was read: c1 only until its earlier join arrived
            assertThat(other.findings()).extracting(DataQualityFinding::getEventId).containsExactly("c2");
            assertThat(driver.findings()).extracting(DataQualityFinding::getEventId).containsExactly("c1", "c2");
        }
    }

    @Test
    void shouldReportADesktopWithASimAndCountItAsAComputerAsUsual() {
        // When A receives a teaching desktop with a 4G SIM, then assigns it again, and a tablet and a laptop with SIMs
        driver.device(device("d1-1", "d1", "A", at(1)).setHas4gSim(true).build(), at(1));
        driver.device(device("d1-2", "d1", "A", at(2)).setHas4gSim(true).setAction(DeviceAction.ASSIGNED).build(), at(2));
        driver.device(device("d2-1", "d2", "A", at(1)).setType(DeviceType.TABLET).setHas4gSim(true).build(), at(1));
        driver.device(device("d3-1", "d3", "A", at(1)).setType(DeviceType.LAPTOP).setHas4gSim(true).build(), at(1));

        // Then each desktop event is a finding, and the desktop counts as a teaching computer, its SIM nowhere
        assertThat(driver.findings()).allSatisfy(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(Finding.SIM_ON_DESKTOP);
            assertThat(finding.getEntityId()).isEqualTo("d1");
            assertThat(finding.getSchoolId()).isEqualTo("A");
            assertThat(finding.getEventType()).isEqualTo("DeviceEvent");
            assertThat(finding.getSourceTopic()).isEqualTo(Topics.DEVICE_EVENTS.name());
        }).extracting(DataQualityFinding::getEventId).containsExactly("d1-1", "d1-2");
        assertThat(driver.district("D1", "devices.computers.in_service")).isEqualTo(2);
        assertThat(driver.district("D1", "devices.computers.teaching")).isEqualTo(2);
        assertThat(driver.district("D1", "devices.tablets.with_sim")).isEqualTo(1);
    }

    @Test
    void shouldReportASchoolRecordWithoutLearnersOncePerVersionAndCountItUntilACorrectionHasLearners() {
        // When school Z of district D3 reports no learners, the same record arrives again, then a correction
        driver.school(school("Z", "D3").setLearnersEnrolled(0).build(), START);
        driver.school(school("Z", "D3").setLearnersEnrolled(0).build(), START.plusSeconds(1));
        final List<DataQualityFinding> found = List.copyOf(driver.findings());
        final double learnersBefore = driver.district("D3", "learners.enrolled");
        final double doubtfulBefore = numerator("D3", "quality.doubtful.total");
        driver.school(school("Z", "D3").setLearnersEnrolled(50).build(), START.plusSeconds(2));

        // Then the school counts as usual, and its record is one finding naming the school and its version
        assertThat(driver.district("D3", "schools.total")).isEqualTo(1);
        assertThat(learnersBefore).isZero();
        assertThat(driver.district("D3", "learners.enrolled")).isEqualTo(50);
        assertThat(found).singleElement().satisfies(finding -> {
            assertThat(finding.getRuleId()).isEqualTo(Finding.SCHOOL_WITHOUT_LEARNERS);
            assertThat(finding.getSchoolId()).isEqualTo("Z");
            assertThat(finding.getEntityId()).isEqualTo("Z");
            assertThat(finding.getEventId()).isEqualTo("Z@" + TestData.REFERENCE_DATE);
            assertThat(finding.getEventType()).isEqualTo("School");
            assertThat(finding.getOccurredAt()).isEqualTo(
                    TestData.REFERENCE_DATE.atStartOfDay(ProvinceCalendar.ZONE).toInstant());
            assertThat(finding.getSourceTopic()).isEqualTo(Topics.SCHOOLS.name());
            assertThat(finding.getSourceOffset()).isEqualTo(2);
            assertThat(finding.getMessage()).contains("reports 0 learners enrolled");
        });
        assertThat(driver.findings()).hasSize(1);
        assertThat(driver.deadLetters()).isEmpty();
        // And it counted once while the version said 0 learners; the correction withdrew it from the counts
        assertThat(doubtfulBefore).isEqualTo(1);
        assertThat(numerator("D3", "quality.doubtful.total")).isZero();
        assertThat(numerator("D3", "quality.findings.total")).isZero();

        // When the version without learners is sent again after its correction
        driver.school(school("Z", "D3").setLearnersEnrolled(0).build(), START.plusSeconds(3));

        // Then it is the version in force once more: found again, and counted again
        assertThat(driver.findings()).hasSize(2);
        assertThat(numerator("D3", "quality.doubtful.total")).isEqualTo(1);
    }
}
