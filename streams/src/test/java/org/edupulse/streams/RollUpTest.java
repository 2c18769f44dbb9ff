package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.certification;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.CertificationLevel;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.IndicatorValue;
import org.edupulse.schemas.UnitLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollUpTest {

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("roll-up", stateDir);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldMakeProvinceNumeratorsAndDenominatorsTheSumsOfItsDistricts() {
        // Given three districts of different sizes
        driver.school(school("A", "D1").setLearnersEnrolled(300).build(), START);
        driver.school(school("B", "D2").setLearnersEnrolled(50).setInternetForTeaching(false).build(), START);
        driver.school(school("C", "D3").setLearnersEnrolled(10).build(), START);
        driver.school(school("E", "D3").setLearnersEnrolled(40).setInternetForTeaching(false).build(), START);
        for (int i = 0; i < 4; i++) {
            driver.staff(staff("a" + i, "sa" + i, "A", START).build(), START);
            driver.device(device("da" + i, "da" + i, "A", START).build(), START);
        }
        driver.staff(staff("b0", "sb0", "B", START).build(), START);
        driver.certification(certification("cb0", "sb0", "B", CertificationLevel.BASIC_IT, START).build(), START);
        driver.certification(certification("ca0", "sa0", "A", CertificationLevel.ADVANCED_IT, START).build(), START);
        driver.device(device("dc0", "dc0", "C", START).build(), START);
        driver.training(training("t1", "C", START).build(), START);

        // Then every province numerator and denominator is the sum over its districts
        final Map<String, IndicatorSet> districts = driver.districts();
        final IndicatorSet province = driver.provinces().get(TestData.PROVINCE);
        assertThat(districts).containsOnlyKeys("D1", "D2", "D3");
        assertThat(province.getLevel()).isEqualTo(UnitLevel.PROVINCE);
        assertThat(province.getUnitName()).isEqualTo("Điện Biên");
        assertThat(province.getCatalogVersion()).isEqualTo(IndicatorCatalog.VERSION);
        for (final IndicatorDefinition definition : IndicatorCatalog.all()) {
            final IndicatorValue total = IndicatorsDriver.value(province, definition.id());
            final double numerators = districts.values().stream()
                    .mapToDouble(d -> IndicatorsDriver.value(d, definition.id()).getNumerator()).sum();
            assertThat(total.getNumerator()).as(definition.id()).isEqualTo(numerators);
            if (definition.isRatio()) {
                final double denominators = districts.values().stream()
                        .mapToDouble(d -> IndicatorsDriver.value(d, definition.id()).getDenominator()).sum();
                assertThat(total.getDenominator()).as(definition.id()).isEqualTo(denominators);
                assertThat(total.getValue()).as(definition.id())
                        .isEqualTo(definition.valueOf(numerators, denominators));
            } else {
                assertThat(total.getDenominator()).as(definition.id()).isNull();
            }
        }
        // A ratio of sums, not an average of ratios: (1 + 1) / (4 + 1) certified, 400 learners / 5 computers
        assertThat(province.getIndicators().get("staff.it_certified.share").getValue()).isEqualTo(40);
        assertThat(province.getIndicators().get("learners.per_teaching_computer").getValue()).isEqualTo(80);
        assertThat(province.getIndicators().get("schools.with_internet.share").getValue()).isEqualTo(50);
        final KeyValueStore<String, IndicatorSet> store = driver.store(IndicatorsTopology.PROVINCE_STORE);
        assertThat(store.get(TestData.PROVINCE)).isEqualTo(province);
    }
}
