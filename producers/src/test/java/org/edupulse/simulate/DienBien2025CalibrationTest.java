package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Collectors;
import org.edupulse.schemas.DevicePurpose;
import org.edupulse.schemas.School;
import org.junit.jupiter.api.Test;

class DienBien2025CalibrationTest {

    /** The calibrated history folded with the pipeline's semantics (Given and When of every test). */
    private final ExpectedFigures figures = GeneratedHistories.dienBienFigures();

    @Test
    void shouldReproduceTheProvinceStaffFigures() {
        // Then
        final UnitFigures province = figures.province();
        assertThat(province.unitId()).isEqualTo("DB");
        assertThat(province.unitName()).isEqualTo("Điện Biên");
        assertThat(province.activeStaff()).isEqualTo(15_614);
        assertThat(province.itTeachers()).isEqualTo(315);
        assertThat(province.certifiedStaff()).isEqualTo(13_194);
        assertThat(100.0 * province.certifiedStaff() / province.activeStaff()).isCloseTo(84.50, within(0.005));
        // the department reports "more than 14,400 sessions"; the calibrated history holds exactly 14,437
        assertThat(province.trainingSessions()).isEqualTo(14_437);
    }

    @Test
    void shouldReproduceTheProvinceDeviceFigures() {
        // Then
        final UnitFigures province = figures.province();
        assertThat(province.tabletsWithSimInService()).isEqualTo(5_000);
        assertThat(province.sponsoredDevicesInService()).isEqualTo(5_000);
        assertThat(province.purchasedTabletsInService()).isEqualTo(12_946);
        assertThat(province.tabletsInService()).isEqualTo(17_946);
        assertThat(province.computersInService()).isEqualTo(12_605);
        assertThat(province.computers(DevicePurpose.OFFICE)).isEqualTo(3_128);
        assertThat(province.computers(DevicePurpose.TEACHING)).isEqualTo(9_472);
        assertThat(province.computers(DevicePurpose.MANAGEMENT) + province.computers(DevicePurpose.UNASSIGNED))
                .isEqualTo(5);
        assertThat(province.computers(DevicePurpose.STUDENT_LOAN)).isZero();
    }

    @Test
    void shouldHaveTheTenPre2025DistrictsAndRealisticSchools() {
        // Then
        final Map<String, String> names = figures.districts().values().stream()
                .collect(Collectors.toMap(UnitFigures::unitId, UnitFigures::unitName));
        assertThat(names).containsOnly(
                Map.entry("DB-DBP", "Điện Biên Phủ city"), Map.entry("DB-ML", "Mường Lay town"),
                Map.entry("DB-DB", "Điện Biên"), Map.entry("DB-DBD", "Điện Biên Đông"),
                Map.entry("DB-MA", "Mường Ảng"), Map.entry("DB-MC", "Mường Chà"),
                Map.entry("DB-MN", "Mường Nhé"), Map.entry("DB-NP", "Nậm Pồ"),
                Map.entry("DB-TC", "Tủa Chùa"), Map.entry("DB-TG", "Tuần Giáo"));
        final UnitFigures province = figures.province();
        assertThat(province.schools()).isEqualTo(480);
        assertThat(province.learnersEnrolled()).isBetween(130_000L, 170_000L);
        assertThat(province.schoolsWithInternetForTeaching())
                .isGreaterThan(province.schools() * 3 / 4).isLessThan(province.schools());
    }

    @Test
    void shouldReproduceMuongAngFigures() {
        // Then
        final UnitFigures muongAng = figures.district("DB-MA");
        assertThat(muongAng.activeStaff()).isEqualTo(840);
        assertThat(muongAng.certifiedStaff()).isEqualTo(630);
        assertThat(100.0 * muongAng.certifiedStaff() / muongAng.activeStaff()).isEqualTo(75.0);
        assertThat(muongAng.itTeachersWithItDegree()).isEqualTo(22);
    }

    @Test
    void shouldGiveSaLongItsSponsoredTablets() {
        // Given
        final School saLong = GeneratedHistories.dienBien().stream()
                .filter(e -> e.value() instanceof School)
                .map(e -> (School) e.value())
                .filter(s -> s.getName().equals(DienBienGeography.SA_LONG_SCHOOL_NAME))
                .findFirst().orElseThrow();

        // Then
        assertThat(saLong.getCommuneName()).isEqualTo("Sa Lông");
        assertThat(saLong.getDistrictId()).isEqualTo("DB-MC");
        // "more than 80 tablets" from the programme at Sa Lông; the calibrated history holds 86
        assertThat(figures.sponsoredTabletsInService(saLong.getSchoolId())).isEqualTo(86);
    }

    @Test
    void shouldPutSomeItSkilledStaffInTheirCommunesDigitalTeams() {
        // Then: members of the community digital technology teams, in every district, never more than the
        // staff holding an advanced IT certificate or an IT degree plus the IT teachers
        final UnitFigures province = figures.province();
        assertThat(province.communityTeamStaff()).isPositive()
                .isLessThan(province.itTeachers() + province.certifiedStaff());
        assertThat(figures.districts().values()).allSatisfy(d -> assertThat(d.communityTeamStaff()).isPositive());
        assertThat(figures.districts().values().stream().mapToLong(UnitFigures::communityTeamStaff).sum())
                .isEqualTo(province.communityTeamStaff());
    }

    @Test
    void shouldAddDistrictsUpToTheProvince() {
        // Then
        final UnitFigures province = figures.province();
        assertThat(figures.districts().values().stream().mapToLong(UnitFigures::activeStaff).sum())
                .isEqualTo(province.activeStaff());
        assertThat(figures.districts().values().stream().mapToLong(UnitFigures::certifiedStaff).sum())
                .isEqualTo(province.certifiedStaff());
        assertThat(figures.districts().values().stream().mapToLong(UnitFigures::computersInService).sum())
                .isEqualTo(province.computersInService());
        assertThat(figures.districts().values().stream().mapToLong(UnitFigures::trainingSessions).sum())
                .isEqualTo(province.trainingSessions());
        assertThat(figures.sponsoredTabletsBySchool().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(province.tabletsWithSimInService());
    }
}
