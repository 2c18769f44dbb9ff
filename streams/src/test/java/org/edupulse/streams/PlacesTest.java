package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.PeriodGrain;
import org.edupulse.schemas.School;
import org.edupulse.schemas.UnitLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indicators at every level of the reference data, through Vietnam's 1 July 2025 reform: schools,
 * communes (those merged away keep their history), districts that go on as groupings, and the
 * province as the sum of its communes.
 */
class PlacesTest {

    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);
    private static final List<String> SUMMED = List.of("schools.total", "staff.active", "training.sessions.total",
            "learners.enrolled");

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("places", stateDir);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant local(final String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ProvinceCalendar.ZONE).toInstant();
    }

    private static School.Builder inCommune(final String schoolId, final String communeId, final String districtId) {
        return school(schoolId, districtId).setCommuneId(communeId).setCommuneName("Commune " + communeId);
    }

    @Test
    void shouldPublishSchoolsCommunesDistrictsAndTheProvinceAsSumsOfTheLevelBelow() {
        // Given schools A and B in commune C1 of district D1 and E in C2 of D2, each with a teacher, and
        // two June sessions in C1
        driver.school(inCommune("A", "C1", "D1").build(), START);
        driver.school(inCommune("B", "C1", "D1").build(), START);
        driver.school(inCommune("E", "C2", "D2").build(), START);
        driver.staff(staff("e1", "s1", "A", START).build(), START);
        driver.staff(staff("e2", "s2", "B", START).build(), START);
        driver.staff(staff("e3", "s3", "E", START).build(), START);
        driver.training(training("t1", "A", local("2025-06-10T09:00")).build(), local("2025-06-10T09:00"));
        driver.training(training("t2", "B", local("2025-06-20T09:00")).build(), local("2025-06-20T09:00"));

        // When the reform merges C1 and C2 into X1 from 1 July, the districts going on as groupings, and
        // E holds a session on 2 July
        for (final School.Builder merged : List.of(inCommune("A", "X1", "D1"), inCommune("B", "X1", "D1"),
                inCommune("E", "X1", "D2"))) {
            driver.school(merged.setEffectiveFrom(REFORM).setDistrictIsFormer(true).build(), local("2025-06-25T08:00"));
        }
        driver.training(training("t3", "E", local("2025-07-02T09:00")).build(), local("2025-07-02T09:00"));

        // Then each school is published under its commune in force, with its own figures
        final IndicatorSet a = driver.schools().get("A");
        assertThat(a.getLevel()).isEqualTo(UnitLevel.SCHOOL);
        assertThat(a.getUnitName()).isEqualTo("School A");
        assertThat(a.getParentId()).isEqualTo("X1");
        assertThat(a.getDistrictId()).isEqualTo("D1");
        assertThat(driver.school("A", "staff.active")).isEqualTo(1);
        assertThat(driver.school("A", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.school("E", "training.sessions.total")).isEqualTo(1);

        // ... the merged commune holds the three schools now, and the sessions held there since 1 July
        assertThat(driver.communes().get("X1").getParentId()).isEqualTo(TestData.PROVINCE);
        assertThat(driver.commune("X1", "schools.total")).isEqualTo(3);
        assertThat(driver.commune("X1", "staff.active")).isEqualTo(3);
        assertThat(driver.commune("X1", "training.sessions.total")).isEqualTo(1);
        // ... the communes merged away keep the sessions held in them, and no school
        assertThat(driver.commune("C1", "schools.total")).isZero();
        assertThat(driver.commune("C1", "training.sessions.total")).isEqualTo(2);
        assertThat(driver.commune("C2", "schools.total")).isZero();

        // ... the districts go on, marked as groupings
        assertThat(driver.districts().get("D1").getGrouping()).isTrue();
        assertThat(driver.district("D1", "schools.total")).isEqualTo(2);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(2);
        assertThat(driver.district("D2", "training.sessions.total")).isEqualTo(1);

        // ... and every level sums to the province, whose parts are its communes
        for (final String indicator : SUMMED) {
            final double province = driver.province(TestData.PROVINCE, indicator);
            assertThat(province).as(indicator).isPositive();
            assertThat(sum(driver.communes().values(), indicator)).as(indicator).isEqualTo(province);
            assertThat(sum(driver.districts().values(), indicator)).as(indicator).isEqualTo(province);
            assertThat(sum(driver.schools().values(), indicator)).as(indicator).isEqualTo(province);
        }
    }

    @Test
    void shouldKeepADistrictAGroupingWhateverSchoolChangedLast() {
        // Given schools A and B of district D1; A's version from 1 July says D1 is a former district, B has
        // no version after the reform yet (its system has not sent one)
        driver.school(inCommune("A", "C1", "D1").build(), START);
        driver.school(inCommune("B", "C1", "D1").build(), START);
        driver.school(inCommune("A", "X1", "D1").setEffectiveFrom(REFORM).setDistrictIsFormer(true).build(), START);
        driver.staff(staff("e1", "s1", "A", local("2025-07-02T09:00")).build(), local("2025-07-02T09:00"));

        // When B's figures change after A's version took effect (B's contribution is then the last one summed)
        driver.staff(staff("e2", "s2", "B", local("2025-07-03T09:00")).build(), local("2025-07-03T09:00"));

        // Then D1 is still published as a grouping: any school's version in force that says so decides,
        // not the school whose change happened to be summed last
        assertThat(driver.district("D1", "staff.active")).isEqualTo(2);
        assertThat(driver.districts().get("D1").getGrouping()).isTrue();
    }

    @Test
    void shouldCountASchoolWithoutADistrictInItsCommuneAndProvinceOnly() {
        // Given schools A and B of commune C1 in district D1, each with a teacher, and a June session at B
        driver.school(inCommune("A", "C1", "D1").build(), START);
        driver.school(inCommune("B", "C1", "D1").build(), START);
        driver.staff(staff("e1", "s1", "A", START).build(), START);
        driver.staff(staff("e2", "s2", "B", START).build(), START);
        driver.training(training("t1", "B", local("2025-06-10T09:00")).build(), local("2025-06-10T09:00"));

        // When B's version from 1 July names no district (the department keeps no grouping for it), and B
        // holds a session on 2 July
        driver.school(inCommune("B", "C1", "D1").setDistrictId(null).setDistrictName(null).setEffectiveFrom(REFORM)
                .build(), local("2025-06-25T08:00"));
        driver.training(training("t2", "B", local("2025-07-02T09:00")).build(), local("2025-07-02T09:00"));
        driver.advanceWallClock(UnitPeriodsProcessor.FLUSH.plus(java.time.Duration.ofMillis(1)));

        // Then B and its July session count in its commune and the province, and in no district
        assertThat(driver.schools().get("B").getDistrictId()).isNull();
        assertThat(driver.commune("C1", "schools.total")).isEqualTo(2);
        assertThat(driver.commune("C1", "training.sessions.total")).isEqualTo(2);
        assertThat(driver.province(TestData.PROVINCE, "schools.total")).isEqualTo(2);
        assertThat(driver.province(TestData.PROVINCE, "staff.active")).isEqualTo(2);
        assertThat(driver.province(TestData.PROVINCE, "training.sessions.total")).isEqualTo(2);
        assertThat(driver.districts()).containsOnlyKeys("D1");
        // ... D1 lost B and its teacher, and keeps the June session held while B was in it
        assertThat(driver.district("D1", "schools.total")).isEqualTo(1);
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(1);
        // ... and D1's months say the same: two schools at the end of June, one at the end of July
        assertThat(driver.period("D1", PeriodGrain.MONTH, "2025-06", "schools.total")).isEqualTo(2);
        assertThat(driver.period("D1", PeriodGrain.MONTH, "2025-07", "schools.total")).isEqualTo(1);
        assertThat(driver.period("D1", PeriodGrain.MONTH, "2025-07", "training.sessions")).isZero();
        assertThat(driver.period("C1", PeriodGrain.MONTH, "2025-07", "training.sessions")).isEqualTo(1);
        assertThat(driver.periods().keySet()).noneMatch(key -> key.startsWith("|"));
    }

    @Test
    void shouldNameAUnitAsMostOfItsSchoolsDoNotAsTheLastRecordSays() {
        // Given three schools of district D1 and commune C1 that name them as the department does
        for (final String id : new String[] {"A", "B", "E"}) {
            driver.school(inCommune(id, "C1", "D1").setDistrictName("Mường Ảng").setCommuneName("Ẳng Cang").build(),
                    START);
        }
        driver.staff(staff("e1", "s1", "A", START).build(), START);

        // When one school's record, read last, names both differently (markup included)
        driver.school(inCommune("E", "C1", "D1").setDistrictName("<b>Renamed</b>").setCommuneName("Other")
                .setLearnersEnrolled(120).build(), START.plusSeconds(60));

        // Then the district and the commune keep the name most of their schools give
        assertThat(driver.school("E", "learners.enrolled")).isEqualTo(120);
        assertThat(driver.districts().get("D1").getUnitName()).isEqualTo("Mường Ảng");
        assertThat(driver.communes().get("C1").getUnitName()).isEqualTo("Ẳng Cang");
        assertThat(driver.provinces().get(TestData.PROVINCE).getUnitName()).isEqualTo("Điện Biên");
        assertThat(driver.communes().get("C1").getParentName()).isEqualTo("Điện Biên");

        // ... and the disagreement is a data-quality finding about each unit, once
        assertThat(driver.findings()).filteredOn(f -> f.getRuleId().equals(UnitNameCheck.RULE))
                .extracting(f -> f.getEntityId().toString()).containsExactlyInAnyOrder("C1", "D1");
        assertThat(driver.findings()).filteredOn(f -> f.getEntityId().equals("D1"))
                .singleElement().satisfies(f -> assertThat(f.getMessage()).contains("'Mường Ảng' by 2 schools")
                        .contains("'<b>Renamed</b>' by 1 school").contains("published as 'Mường Ảng'"));
    }

    private static double sum(final Iterable<IndicatorSet> sets, final String indicator) {
        double sum = 0;
        for (final IndicatorSet set : sets) {
            sum += IndicatorsDriver.value(set, indicator).getNumerator();
        }
        return sum;
    }
}
