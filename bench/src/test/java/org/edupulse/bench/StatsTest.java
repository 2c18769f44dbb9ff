package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void shouldTakeTheMiddleValueOfAnOddSample() {
        // Given / When / Then
        assertThat(Stats.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void shouldAverageTheTwoMiddleValuesOfAnEvenSample() {
        assertThat(Stats.median(List.of(4, 1, 3, 2))).isEqualTo(2.5);
    }

    @Test
    void shouldUseTheNearestRankForPercentiles() {
        // Given 1..1000
        final List<Integer> values = java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList();

        // When / Then: p99 is the 990th smallest, p50 the 500th, p100 the maximum
        assertThat(Stats.percentile(values, 99)).isEqualTo(990);
        assertThat(Stats.percentile(values, 50)).isEqualTo(500);
        assertThat(Stats.percentile(values, 100)).isEqualTo(1000);
        assertThat(Stats.percentile(List.of(7), 99)).isEqualTo(7);
    }

    @Test
    void shouldRefuseAnEmptySampleOrAPercentileOutOfRange() {
        assertThatThrownBy(() -> Stats.median(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Stats.percentile(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
