package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.edupulse.schemas.School;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommuneReformTest {

    private static final LocalDate REFORM = DienBienGeography.REFORM_DATE;
    private static final Set<String> REATTRIBUTED_FIELDS =
            Set.of("communeId", "communeName", "districtIsFormer", "effectiveFrom");

    @Test
    void shouldMergeTheCommunesOfEachFormerDistrictIntoAbout45Communes() {
        // Given
        final List<MergedCommune> merged = DienBienGeography.MERGED_COMMUNES;

        // Then: the reform's shape (Điện Biên has 45 communes and wards since 1 July 2025), not its official list
        assertThat(merged).hasSize(46);
        assertThat(merged).extracting(MergedCommune::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(StandardCharsets.US_ASCII.newEncoder().canEncode(id)).as(id).isTrue())
                .allMatch(id -> id.matches("DB-[A-Z]+-X\\d{2}"));
        final Set<String> formerIds = new HashSet<>();
        for (final District district : DienBienGeography.DISTRICTS) {
            final List<MergedCommune> ofDistrict = merged.stream()
                    .filter(m -> m.formerDistrictId().equals(district.id())).collect(Collectors.toList());
            final List<String> members = ofDistrict.stream()
                    .flatMap(m -> m.formerCommuneIds().stream()).collect(Collectors.toList());
            // every pre-reform commune of the district, in order, in exactly one merged commune
            assertThat(members).as(district.id()).containsExactlyElementsOf(
                    IntStream.range(0, district.communes().size())
                            .mapToObj(district::communeId).collect(Collectors.toList()));
            for (final MergedCommune m : ofDistrict) {
                assertThat(m.formerCommuneIds()).as(m.id()).hasSizeBetween(2, 3);
                final int first = district.communes().indexOf(m.name());
                assertThat(district.communeId(first)).as(m.id()).isEqualTo(m.formerCommuneIds().get(0));
                assertThat(m.formerCommuneIds()).allSatisfy(
                        former -> assertThat(DienBienGeography.mergedCommuneOf(former)).isEqualTo(m));
            }
            formerIds.addAll(members);
        }
        assertThat(formerIds).hasSize(128).doesNotContainAnyElementsOf(
                merged.stream().map(MergedCommune::id).collect(Collectors.toList()));
        assertThat(DienBienGeography.mergedCommuneOf("DB-MC-CMN-02").name()).isEqualTo("Mường Chà town");
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void shouldGiveEverySchoolAVersionFromTheReformInItsMergedCommuneAndFormerDistrict(final Profile profile) {
        // Given
        final SchoolDirectory schools = SchoolCatalog.of(profile);

        // When
        final Map<String, School> before = byId(schools.inForceOn(REFORM.minusDays(1)));
        final Map<String, School> after = byId(schools.inForceOn(REFORM));

        // Then
        assertThat(after).hasSameSizeAs(schools.current()).containsOnlyKeys(before.keySet());
        for (final School reformed : after.values()) {
            final School old = before.get(reformed.getSchoolId());
            assertThat(reformed.getEffectiveFrom()).isEqualTo(REFORM);
            assertThat(reformed.getDistrictIsFormer()).isTrue();
            assertThat(old.getDistrictIsFormer()).isFalse();
            final MergedCommune merged = DienBienGeography.mergedCommuneOf(old.getCommuneId());
            assertThat(reformed.getCommuneId()).isEqualTo(merged.id());
            assertThat(reformed.getCommuneName()).isEqualTo(merged.name());
            assertThat(merged.formerDistrictId()).isEqualTo(old.getDistrictId());
            for (final Schema.Field field : School.getClassSchema().getFields()) {
                if (!REATTRIBUTED_FIELDS.contains(field.name())) {
                    assertThat(reformed.get(field.pos())).as("%s %s", reformed.getSchoolId(), field.name())
                            .isEqualTo(old.get(field.pos()));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void shouldNameAMergedCommuneInEveryVersionFromTheReformOnAndAFormerOneBefore(final Profile profile) {
        // Given
        final SchoolDirectory schools = SchoolCatalog.of(profile);

        // Then
        final Set<String> mergedIds = DienBienGeography.MERGED_COMMUNES.stream()
                .map(MergedCommune::id).collect(Collectors.toSet());
        for (final School version : schools.records()) {
            final boolean reformed = !version.getEffectiveFrom().isBefore(REFORM);
            assertThat(version.getDistrictIsFormer()).as("%s", version).isEqualTo(reformed);
            assertThat(mergedIds.contains(version.getCommuneId())).as("%s", version).isEqualTo(reformed);
        }
        assertThat(schools.current()).allSatisfy(s -> assertThat(s.getDistrictIsFormer()).isTrue());
    }

    @Test
    void shouldKeepASchoolYearVersionAfterTheReformInTheMergedCommune() {
        // Given
        final SchoolDirectory schools = SchoolCatalog.of(Profile.DIEN_BIEN_2025);

        // When
        final List<School> later = schools.records().stream()
                .filter(s -> s.getEffectiveFrom().isAfter(REFORM)).collect(Collectors.toList());

        // Then: the 2025-2026 school year's versions follow the reform's
        assertThat(later).isNotEmpty();
        final Map<String, School> atReform = byId(schools.inForceOn(REFORM));
        for (final School version : later) {
            final School reform = atReform.get(version.getSchoolId());
            assertThat(version.getCommuneId()).isEqualTo(reform.getCommuneId());
            assertThat(version.getCommuneName()).isEqualTo(reform.getCommuneName());
            assertThat(version.getDistrictIsFormer()).isTrue();
            assertThat(version.getDistrictId()).isEqualTo(reform.getDistrictId());
        }
    }

    @Test
    void shouldCountTheCommunesBeforeAndAfterTheReformAndKeepTheTenDistricts() {
        // Given
        final SchoolDirectory schools = SchoolCatalog.of(Profile.DIEN_BIEN_2025);

        // When
        final List<School> before = schools.inForceOn(REFORM.minusDays(1));
        final List<School> after = schools.inForceOn(REFORM);

        // Then: the calibrated profile has schools in every commune, before and after
        assertThat(before.stream().map(School::getCommuneId).distinct()).hasSize(128);
        assertThat(after.stream().map(School::getCommuneId).distinct()).hasSize(46);
        assertThat(after.stream().map(School::getDistrictId).distinct()).hasSize(10);
        assertThat(districtCounts(after)).isEqualTo(districtCounts(before));
        // 480 opening versions, 38 new school years, 480 versions on the reform's day
        assertThat(schools.current()).hasSize(480);
        assertThat(schools.records()).hasSize(998);
    }

    @Test
    void shouldReattributeAVersionOnTheReformDayWithoutAddingAnother() {
        // Given
        final School opening = (School) TestEvents.school("S1", "DB-MA", 100, true, ProvinceTime.FIRST_DAY).value();
        final School onReformDay = SchoolCopies.builderOf(opening).setLearnersEnrolled(120).setEffectiveFrom(REFORM)
                .build();

        // When
        final List<School> versions = CommuneReform.apply(List.of(onReformDay, opening));

        // Then
        assertThat(versions).extracting(School::getEffectiveFrom).containsExactly(ProvinceTime.FIRST_DAY, REFORM);
        assertThat(versions.get(0)).isEqualTo(opening);
        assertThat(versions.get(1).getLearnersEnrolled()).isEqualTo(120);
        assertThat(versions.get(1).getCommuneId()).isEqualTo("DB-MA-X01");
        assertThat(versions.get(1).getDistrictIsFormer()).isTrue();
    }

    private static Map<String, School> byId(final List<School> schools) {
        return schools.stream().collect(Collectors.toMap(School::getSchoolId, s -> s));
    }

    private static Map<String, Long> districtCounts(final List<School> schools) {
        final Map<String, Long> counts = new HashMap<>();
        schools.forEach(s -> counts.merge(s.getDistrictId(), 1L, Long::sum));
        return counts;
    }
}
