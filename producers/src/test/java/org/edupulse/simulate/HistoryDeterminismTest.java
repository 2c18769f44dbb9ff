package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.edupulse.schemas.DevicePurpose;
import org.junit.jupiter.api.Test;

class HistoryDeterminismTest {

    private final HistoryGenerator generator = new HistoryGenerator();

    @Test
    void shouldGiveTheSameBytesForTheSameSeed() {
        // Given
        final List<SimulatedEvent> first = GeneratedHistories.dienBien();

        // When
        final List<SimulatedEvent> second = generator.history(Profile.DIEN_BIEN_2025, GeneratedHistories.SEED)
                .collect(Collectors.toList());

        // Then
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).topic()).isEqualTo(first.get(i).topic());
            assertThat(second.get(i).key()).isEqualTo(first.get(i).key());
            assertThat(AvroBytes.of(second.get(i).value())).as("event %d", i)
                    .isEqualTo(AvroBytes.of(first.get(i).value()));
        }
    }

    @Test
    void shouldGiveTheSameSmallHistoryForTheSameSeed() {
        // When
        final List<SimulatedEvent> first = generator.events(Profile.SMALL, 7);
        final List<SimulatedEvent> second = generator.events(Profile.SMALL, 7);

        // Then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void shouldGiveADifferentSequenceButTheSameTargetsForAnotherSeed() {
        // Given
        final List<SimulatedEvent> reference = GeneratedHistories.dienBien();

        // When
        final List<SimulatedEvent> other = generator.events(Profile.DIEN_BIEN_2025, 99);
        final ExpectedFigures figures = ExpectedFigures.of(other);

        // Then
        assertThat(other).isNotEqualTo(reference);
        final UnitFigures province = figures.province();
        assertThat(province.activeStaff()).isEqualTo(15_614);
        assertThat(province.itTeachers()).isEqualTo(315);
        assertThat(province.certifiedStaff()).isEqualTo(13_194);
        assertThat(province.trainingSessions()).isEqualTo(14_437);
        assertThat(province.tabletsWithSimInService()).isEqualTo(5_000);
        assertThat(province.purchasedTabletsInService()).isEqualTo(12_946);
        assertThat(province.computersInService()).isEqualTo(12_605);
        assertThat(province.computers(DevicePurpose.OFFICE)).isEqualTo(3_128);
        assertThat(province.computers(DevicePurpose.TEACHING)).isEqualTo(9_472);
        assertThat(figures.district("DB-MA").activeStaff()).isEqualTo(840);
        assertThat(figures.district("DB-MA").certifiedStaff()).isEqualTo(630);
        assertThat(figures.district("DB-MA").itTeachersWithItDegree()).isEqualTo(22);
        assertThat(figures.sponsoredTabletsInService(
                GeneratedHistories.schoolIdNamed(other, DienBienGeography.SA_LONG_SCHOOL_NAME))).isEqualTo(86);
    }
}
