package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfileTest {

    @Test
    void shouldFindProfilesByTheirCommandLineName() {
        // When / Then
        assertThat(Profile.byName("dien-bien-2025")).isEqualTo(Profile.DIEN_BIEN_2025);
        assertThat(Profile.byName("small")).isEqualTo(Profile.SMALL);
    }

    @Test
    void shouldListTheKnownNamesWhenTheNameIsUnknown() {
        // When / Then
        assertThatThrownBy(() -> Profile.byName("hanoi-2030"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hanoi-2030")
                .hasMessageContaining("dien-bien-2025")
                .hasMessageContaining("small");
    }

    @Test
    void shouldCalibrateTheComputersToThePublishedTotal() {
        // Then
        assertThat(Profile.DIEN_BIEN_2025.calibration().computers()).isEqualTo(12_605);
    }
}
