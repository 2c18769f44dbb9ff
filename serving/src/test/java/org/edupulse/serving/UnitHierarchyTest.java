package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.edupulse.schemas.Connectivity;
import org.edupulse.schemas.School;
import org.edupulse.schemas.SchoolLevel;
import org.edupulse.serving.ApiRoute.UnitKind;
import org.edupulse.serving.UnitHierarchy.Unit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hierarchy of units drawn from the school versions in force on a date, through the 2025 merge. */
class UnitHierarchyTest {

    private static final LocalDate BEFORE = LocalDate.of(2025, 6, 30);
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    private final SchoolVersions versions = new SchoolVersions();

    @BeforeEach
    void givenThreeSchoolsOfTwoCommunesMergedOnTheFirstOfJuly() {
        // S1 in Ang Cang, S2 and S3 in Ang Nua, all of Muong Ang; on 2025-07-01 S1 and S2 move to the
        // merged commune Muong Ang (new), the district becomes a former one; S3 keeps its commune.
        versions.add(school("S1", "C-ANGCANG", "Ang Cang", false, "2021-01-01"));
        versions.add(school("S2", "C-ANGNUA", "Ang Nua", false, "2021-01-01"));
        versions.add(school("S3", "C-ANGNUA", "Ang Nua", false, "2021-01-01"));
        versions.add(school("S1", "C-MERGED", "Muong Ang (new)", true, "2025-07-01"));
        versions.add(school("S2", "C-MERGED", "Muong Ang (new)", true, "2025-07-01"));
    }

    @Test
    void shouldListASchoolUnderItsOldCommuneTheDayBeforeTheMergeAndUnderTheNewOneOnItsDay() {
        // When
        final UnitHierarchy before = hierarchy(BEFORE);
        final UnitHierarchy after = hierarchy(REFORM);

        // Then
        assertThat(before.unit("S1").orElseThrow().parentId()).isEqualTo("C-ANGCANG");
        assertThat(before.unit("S1").orElseThrow().parentName()).isEqualTo("Ang Cang");
        assertThat(after.unit("S1").orElseThrow().parentId()).isEqualTo("C-MERGED");
        assertThat(ids(before.list(UnitKind.COMMUNE, null))).containsExactly("C-ANGCANG", "C-ANGNUA");
        assertThat(ids(after.list(UnitKind.COMMUNE, null))).containsExactly("C-ANGNUA", "C-MERGED");
        assertThat(ids(before.list(UnitKind.SCHOOL, "C-ANGCANG"))).containsExactly("S1");
        assertThat(ids(after.list(UnitKind.SCHOOL, "C-ANGCANG"))).isEmpty();
        assertThat(ids(after.list(UnitKind.SCHOOL, "C-MERGED"))).containsExactly("S1", "S2");
    }

    @Test
    void shouldCountSchoolsAndNameParentsAndGroupings() {
        // When
        final UnitHierarchy after = hierarchy(REFORM);
        final Unit merged = after.unit("C-MERGED").orElseThrow();
        final Unit district = after.unit("DB-MA").orElseThrow();
        final Unit province = after.unit("DB").orElseThrow();

        // Then
        assertThat(merged).isEqualTo(new Unit("C-MERGED", "Muong Ang (new)", UnitKind.COMMUNE, "DB", "Dien Bien",
                false, 2, merged.ancestors()));
        assertThat(merged.ancestors()).containsExactlyInAnyOrder("DB", "DB-MA");
        assertThat(district.grouping()).isTrue();
        assertThat(district.schools()).isEqualTo(3);
        assertThat(district.parentId()).isEqualTo("DB");
        assertThat(hierarchy(BEFORE).unit("DB-MA").orElseThrow().grouping()).isFalse();
        assertThat(province.parentId()).isNull();
        assertThat(province.schools()).isEqualTo(3);
        assertThat(merged.json()).containsEntry("href", "/api/v1/units/C-MERGED").containsEntry("schools", 2)
                .containsEntry("level", "COMMUNE");
    }

    @Test
    void shouldFilterByAnyAncestorAndListEveryLevelSortedById() {
        // When
        final UnitHierarchy after = hierarchy(REFORM);

        // Then: a commune is found under the district its schools name, and under the province
        assertThat(ids(after.list(UnitKind.COMMUNE, "DB-MA"))).containsExactly("C-ANGNUA", "C-MERGED");
        assertThat(ids(after.list(UnitKind.SCHOOL, "DB"))).containsExactly("S1", "S2", "S3");
        assertThat(ids(after.list(UnitKind.DISTRICT, "DB"))).containsExactly("DB-MA");
        assertThat(ids(after.list(null, null))).containsExactly("C-ANGNUA", "C-MERGED", "DB", "DB-MA", "S1", "S2",
                "S3");
    }

    @Test
    void shouldLeaveOutSchoolsNotYetInForceAndTakeTheCorrectionOfAVersion() {
        // Given: a school opening in 2026, and a correction of S3's only version (same date, new commune name)
        versions.add(school("S4", "C-ANGNUA", "Ang Nua", true, "2026-01-01"));
        versions.add(school("S3", "C-ANGNUA", "Ang Nưa", false, "2021-01-01"));

        // When
        final UnitHierarchy before = hierarchy(BEFORE);

        // Then: the commune's name is the one most of its schools give (S2 still says Ang Nua; a tie takes the smallest)
        assertThat(before.unit("S4")).isEmpty();
        assertThat(before.unit("C-ANGNUA").orElseThrow().name()).isEqualTo("Ang Nua");
        assertThat(before.unit("C-ANGNUA").orElseThrow().schools()).isEqualTo(2);
    }

    private UnitHierarchy hierarchy(final LocalDate day) {
        return UnitHierarchy.of(day, versions.inForce(day));
    }

    private static List<String> ids(final List<Unit> units) {
        return units.stream().map(Unit::id).toList();
    }

    static School school(final String id, final String communeId, final String communeName, final boolean former,
                         final String effectiveFrom) {
        return School.newBuilder()
                .setSchoolId(id)
                .setName("School " + id)
                .setLevel(SchoolLevel.PRIMARY)
                .setInternet(Connectivity.FIXED_BROADBAND)
                .setInternetForTeaching(true)
                .setCommuneId(communeId)
                .setCommuneName(communeName)
                .setDistrictId("DB-MA")
                .setDistrictName("Muong Ang")
                .setDistrictIsFormer(former)
                .setProvinceId("DB")
                .setProvinceName("Dien Bien")
                .setLearnersEnrolled(100)
                .setEffectiveFrom(LocalDate.parse(effectiveFrom))
                .build();
    }
}
