package org.edupulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.streams.IndicatorsDriver.START;
import static org.edupulse.streams.TestData.device;
import static org.edupulse.streams.TestData.school;
import static org.edupulse.streams.TestData.staff;
import static org.edupulse.streams.TestData.training;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.kafka.streams.state.KeyValueStore;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.streams.state.SchoolVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemappingTest {

    /** 1 July 2025 in the province: the two-tier reform. */
    private static final LocalDate REFORM = LocalDate.of(2025, 7, 1);

    @TempDir
    Path stateDir;

    private IndicatorsDriver driver;

    @BeforeEach
    void setUp() {
        driver = new IndicatorsDriver("remap", stateDir);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static Instant local(final String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(ProvinceCalendar.ZONE).toInstant();
    }

    @Test
    void shouldMoveASchoolsContributionsToItsNewDistrictFromTheEffectiveDate() {
        // Given school A in D1 with a person, a teaching computer and a session, and school B in D3
        driver.school(school("A", "D1").build(), START);
        driver.school(school("B", "D3").build(), START);
        driver.staff(staff("e1", "s1", "A", START).build(), START);
        driver.device(device("d1-1", "d1", "A", START).build(), START);
        driver.training(training("t1", "A", local("2025-06-28T09:00")).build(), local("2025-06-28T09:00"));

        // When A's new mapping to D2 from 1 July is published in advance, and June sessions follow
        driver.school(school("A", "D2").setEffectiveFrom(REFORM).build(), local("2025-06-29T08:00"));
        driver.training(training("t2", "A", local("2025-06-30T23:59")).build(), local("2025-06-30T23:59"));

        // Then nothing moves before the date
        assertThat(driver.district("D1", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(2);
        assertThat(driver.districts()).doesNotContainKey("D2");
        final IndicatorSet before = driver.districts().get("D1");

        // When event time reaches 1 July (a session at B), then a session at A that day, then a late June one
        driver.training(training("t3", "B", local("2025-07-01T00:30")).build(), local("2025-07-01T00:30"));
        driver.training(training("t4", "A", local("2025-07-01T10:00")).build(), local("2025-07-01T10:00"));
        driver.training(training("t5", "A", local("2025-06-30T15:00")).build(), local("2025-07-01T11:00"));

        // Then the stocks moved to D2, flows count where the school was on their date
        assertThat(driver.district("D1", "staff.active")).isZero();
        assertThat(driver.district("D1", "schools.total")).isZero();
        assertThat(driver.district("D1", "devices.computers.teaching")).isZero();
        assertThat(driver.district("D2", "staff.active")).isEqualTo(1);
        assertThat(driver.district("D2", "schools.total")).isEqualTo(1);
        assertThat(driver.district("D2", "devices.computers.teaching")).isEqualTo(1);
        assertThat(driver.district("D2", "learners.per_teaching_computer")).isEqualTo(100);
        assertThat(driver.district("D1", "training.sessions.total")).isEqualTo(3);
        assertThat(driver.district("D2", "training.sessions.total")).isEqualTo(1);
        assertThat(driver.province(TestData.PROVINCE, "staff.active")).isEqualTo(1);
        assertThat(driver.province(TestData.PROVINCE, "schools.total")).isEqualTo(2);
        assertThat(driver.districts().get("D2").getAsOf()).isAfterOrEqualTo(local("2025-07-01T00:00"));

        // And the history still holds what D1 published before the move
        assertThat(driver.history()).contains(before);
        final KeyValueStore<String, SchoolVersion> current = driver.store(IndicatorsTopology.CURRENT_SCHOOLS_STORE);
        assertThat(current.get("A").getDistrictId()).isEqualTo("D2");
    }
}
