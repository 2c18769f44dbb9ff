package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.certification;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.rules.Finding;
import org.edupulse.rules.Refusal;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.DataQualityFinding;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.StaffAction;
import org.edupulse.streams.state.UnitTotals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data-quality findings counted per unit: each finding that applies now counts in
 * {@code quality.findings.total} and in {@code quality.refused.total} or {@code quality.doubtful.total}
 * of the district (and province) of the school that posted the record, never elsewhere, stops counting
 * when a late or corrected record makes it no longer apply, and changes no other figure.
 */
class QualityIndicatorsTest {

    private static final String FINDINGS = "quality.findings.total";
    private static final String REFUSED = "quality.refused.total";
    private static final String DOUBTFUL = "quality.doubtful.total";
    private static final LocalDate REFORM = LocalDate.of(2025, 8, 1);

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("quality-counts", stateDir);
        given(driver);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** Schools A in D1 and B in D2; A holds a certified teacher. */
    private static void given(final IndicatorsDriver on) {
        on.school(school("A", "D1").build(), START);
        on.school(school("B", "D2").build(), START);
        on.staff(staff("e1", "s1", "A", at(1)).build(), at(1));
        on.certification(certification("c1", "s1", "A", CertificationLevel.BASIC_IT, at(1)).build(), at(1));
    }

    private static Instant at(final long hours) {
        return START.plus(Duration.ofHours(hours));
    }

    private static Instant local(final String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ProvinceCalendar.ZONE).toInstant();
    }

    /** findings, refused, doubtful of a district. */
    private List<Double> district(final String districtId) {
        return counts(driver.districts().get(districtId));
    }

    private List<Double> province() {
        return counts(driver.provinces().get(TestData.PROVINCE));
    }

    private static List<Double> counts(final IndicatorSet set) {
        return List.of(IndicatorsDriver.value(set, FINDINGS).getNumerator(),
                IndicatorsDriver.value(set, REFUSED).getNumerator(), IndicatorsDriver.value(set, DOUBTFUL).getNumerator());
    }

    /** Every indicator of a unit but the quality counts. */
    private static Map<String, IndicatorValue> otherFigures(final IndicatorSet set) {
        final Map<String, IndicatorValue> others = new TreeMap<>(set.getIndicators());
        others.keySet().removeIf(id -> id.startsWith("quality."));
        return others;
    }

    private long findingsOf(final String schoolId) {
        return driver.findings().stream().filter(f -> f.getSchoolId().equals(schoolId)).count();
    }

    @Test
    void shouldCountRefusedRecordsInTheDistrictOfTheSchoolThatPostedThemAndChangeNoOtherFigure() {
        // Given A's desktop, and no finding yet
        driver.device(device("d1-1", "d1", "A", at(1)).build(), at(1));
        assertThat(district("D1")).containsExactly(0.0, 0.0, 0.0);
        final Map<String, IndicatorValue> d1 = otherFigures(driver.districts().get("D1"));
        final Map<String, IndicatorValue> d2 = otherFigures(driver.districts().get("D2"));
        final Map<String, IndicatorValue> province = otherFigures(driver.provinces().get(TestData.PROVINCE));

        // When B takes A's teacher and A's desktop, and A sends its desktop's event id again with other content
        driver.staff(staff("x1", "s1", "B", at(2)).setAction(StaffAction.TRANSFERRED).build(), at(2));
        driver.device(device("x2", "d1", "B", at(2)).setAction(DeviceAction.TRANSFERRED).build(), at(2));
        driver.device(device("d1-1", "d1", "A", at(3)).setAction(DeviceAction.RETIRED).build(), at(3));

        // Then B's two refusals count in D2 and A's reused id in D1 only; the province has all three
        assertThat(driver.findings()).extracting(DataQualityFinding::getRuleId).containsExactly(
                Refusal.HELD_BY_OTHER_SCHOOL, Refusal.HELD_BY_OTHER_SCHOOL, Refusal.EVENT_ID_CONFLICT);
        assertThat(district("D1")).containsExactly(1.0, 1.0, 0.0);
        assertThat(district("D2")).containsExactly(2.0, 2.0, 0.0);
        assertThat(province()).containsExactly(3.0, 3.0, 0.0);
        assertThat(district("D1").get(0)).isEqualTo((double) findingsOf("A"));
        assertThat(district("D2").get(0)).isEqualTo((double) findingsOf("B"));
        // And nothing else moved
        assertThat(otherFigures(driver.districts().get("D1"))).isEqualTo(d1);
        assertThat(otherFigures(driver.districts().get("D2"))).isEqualTo(d2);
        assertThat(otherFigures(driver.provinces().get(TestData.PROVINCE))).isEqualTo(province);
        assertThat(IndicatorsDriver.value(driver.districts().get("D1"), FINDINGS).getValue()).isEqualTo(1);
    }

    @Test
    void shouldCountDoubtfulRecordsFromEveryStepWithTheFiguresOfTheSameRecordsWithoutTheDoubt() throws Exception {
        try (IndicatorsDriver clean = new IndicatorsDriver("quality-counts-clean",
                Files.createTempDirectory(stateDir, "clean"))) {
            given(clean);

            // When A receives a desktop with a 4G SIM and certifies a person no roster knows, and B records a
            // session naming two staff for one participant, then sends its event id again with other content
            driver.device(device("d1-1", "d1", "A", at(2)).setHas4gSim(true).build(), at(2));
            driver.certification(certification("c9", "s9", "A", CertificationLevel.BASIC_IT, at(2)).build(), at(2));
            driver.training(training("t1", "B", at(3)).setParticipantCount(1).setStaffIds(List.of("s7", "s8")).build(),
                    at(3));
            driver.training(training("t1", "B", at(3)).setParticipantCount(5).build(), at(4));
            // and the same history without the doubts: the desktop without a SIM, no stray certificate, no reuse
            clean.device(device("d1-1", "d1", "A", at(2)).build(), at(2));
            clean.training(training("t1", "B", at(3)).setParticipantCount(1).build(), at(3));

            // Then A's two doubtful records count in D1; B's doubtful session and its refused reuse in D2
            assertThat(driver.findings()).extracting(DataQualityFinding::getRuleId).containsExactly(
                    Finding.SIM_ON_DESKTOP, Finding.CERTIFICATE_UNKNOWN_STAFF, Finding.PARTICIPANTS_BELOW_NAMED,
                    Refusal.EVENT_ID_CONFLICT);
            assertThat(district("D1")).containsExactly(2.0, 0.0, 2.0);
            assertThat(district("D2")).containsExactly(2.0, 1.0, 1.0);
            assertThat(province()).containsExactly(4.0, 1.0, 3.0);
            // And every other figure is that of the clean history, which raised no finding
            assertThat(clean.findings()).isEmpty();
            assertThat(counts(clean.provinces().get(TestData.PROVINCE))).containsExactly(0.0, 0.0, 0.0);
            for (final String districtId : List.of("D1", "D2")) {
                assertThat(otherFigures(driver.districts().get(districtId))).as(districtId)
                        .isEqualTo(otherFigures(clean.districts().get(districtId)));
            }
            assertThat(otherFigures(driver.provinces().get(TestData.PROVINCE)))
                    .isEqualTo(otherFigures(clean.provinces().get(TestData.PROVINCE)));
            assertThat(driver.district("D1", "devices.computers.teaching")).isEqualTo(1);
        }
    }

    @Test
    void shouldStopCountingARefusalThatALateEventResolvesAsIfTheEventsHadArrivedInOrder() throws Exception {
        try (IndicatorsDriver inOrder = new IndicatorsDriver("quality-counts-in-order",
                Files.createTempDirectory(stateDir, "in-order"))) {
            given(inOrder);

            // When B's transfer of A's teacher arrives before A's earlier release of them
            driver.staff(staff("t1", "s1", "B", at(6)).setAction(StaffAction.TRANSFERRED).build(), at(6));
            final List<Double> refusedFirst = district("D2");
            driver.staff(staff("r1", "s1", "A", at(5)).setAction(StaffAction.RELEASED).build(), at(7));
            // and, elsewhere, the same two events in the order they happened
            inOrder.staff(staff("r1", "s1", "A", at(5)).setAction(StaffAction.RELEASED).build(), at(5));
            inOrder.staff(staff("t1", "s1", "B", at(6)).setAction(StaffAction.TRANSFERRED).build(), at(6));

            // Then the transfer was refused while the release was missing, and counted in B's district
            assertThat(refusedFirst).containsExactly(1.0, 1.0, 0.0);
            // And once the release arrived it applies: the refusal no longer counts anywhere
            assertThat(driver.district("D2", "staff.active")).isEqualTo(1);
            assertThat(district("D2")).containsExactly(0.0, 0.0, 0.0);
            assertThat(district("D1")).containsExactly(0.0, 0.0, 0.0);
            assertThat(province()).containsExactly(0.0, 0.0, 0.0);
            // though its finding stays on the topic, as a log of what was found when
            assertThat(driver.findings()).extracting(DataQualityFinding::getEventId).containsExactly("t1");
            assertThat(inOrder.findings()).isEmpty();
            // and every figure, the counts included, is that of the same events in order
            for (final String districtId : List.of("D1", "D2")) {
                assertThat(driver.districts().get(districtId).getIndicators()).as(districtId)
                        .isEqualTo(inOrder.districts().get(districtId).getIndicators());
            }
            assertThat(driver.provinces().get(TestData.PROVINCE).getIndicators())
                    .isEqualTo(inOrder.provinces().get(TestData.PROVINCE).getIndicators());
        }
    }

    @Test
    void shouldCountARefusalThatALateEventCausesFromWhenItArrives() {
        // Given B takes on s2, whom nobody holds
        driver.staff(staff("j2", "s2", "B", at(6)).build(), at(6));
        assertThat(district("D2")).containsExactly(0.0, 0.0, 0.0);

        // When A's earlier join of s2 arrives late: from then on s2 was A's, so B's join is refused
        driver.staff(staff("j1", "s2", "A", at(5)).build(), at(7));

        // Then the refusal counts for B, who posted the refused event, and A's join for nothing
        assertThat(district("D2")).containsExactly(1.0, 1.0, 0.0);
        assertThat(district("D1")).containsExactly(0.0, 0.0, 0.0);
        assertThat(driver.findings()).extracting(DataQualityFinding::getSchoolId, DataQualityFinding::getEventId)
                .containsExactly(tuple("B", "j2"));
    }

    @Test
    void shouldCountTheFindingOfAnEventThatWaitedForItsSchoolOnceTheSchoolIsKnown() {
        // When school Y, not known yet, receives a desktop with a 4G SIM
        driver.device(device("d5-1", "d5", "Y", at(2)).setHas4gSim(true).build(), at(2));

        // Then the event waits for Y's record: no finding yet, and nothing counts
        assertThat(driver.findings()).isEmpty();
        assertThat(driver.districts()).doesNotContainKey("D3");
        assertThat(province()).containsExactly(0.0, 0.0, 0.0);

        // When Y's record, in D3, arrives
        driver.school(school("Y", "D3").build(), at(3));

        // Then the event is read, its finding published, and counted in D3 and the province only
        assertThat(driver.findings()).extracting(DataQualityFinding::getSchoolId).containsExactly("Y");
        assertThat(district("D3")).containsExactly(1.0, 0.0, 1.0);
        assertThat(district("D1")).containsExactly(0.0, 0.0, 0.0);
        assertThat(province()).containsExactly(1.0, 0.0, 1.0);
        assertThat(driver.district("D3", "devices.computers.in_service")).isEqualTo(1);
    }

    @Test
    void shouldMoveTheFindingsOfASchoolWithItWhenItChangesDistrict() {
        // Given school Z of D3, whose record reports no learners
        driver.school(school("Z", "D3").setLearnersEnrolled(0).build(), START);
        assertThat(district("D3")).containsExactly(1.0, 0.0, 1.0);
        final KeyValueStore<String, UnitTotals> schoolFindings = driver.store(IndicatorsTopology.SCHOOL_FINDINGS_STORE);
        assertThat(Totals.get(schoolFindings.get("Z"), Measure.QUALITY_DOUBTFUL)).isEqualTo(1);

        // When Z moves to D4 from 1 August with its learners, and event time reaches that day
        driver.school(school("Z", "D4").setEffectiveFrom(REFORM).setLearnersEnrolled(40).build(),
                local("2025-07-20T08:00"));
        driver.training(training("t1", "A", local("2025-08-01T09:00")).build(), local("2025-08-01T09:00"));

        // Then its finding, which applies as long as that version says 0 learners, moved with it, like its other
        // figures; the new record raised none
        assertThat(driver.findings()).hasSize(1);
        assertThat(district("D3")).containsExactly(0.0, 0.0, 0.0);
        assertThat(district("D4")).containsExactly(1.0, 0.0, 1.0);
        assertThat(driver.district("D4", "learners.enrolled")).isEqualTo(40);
        assertThat(province()).containsExactly(1.0, 0.0, 1.0);
    }
}
