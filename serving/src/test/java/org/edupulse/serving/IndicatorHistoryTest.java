package org.edupulse.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorHistoryTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldKeepOnlyChangePoints() {
        // Given
        final IndicatorHistory history = new IndicatorHistory(100);

        // When the staff count stays at 10 for three updates, then moves to 11
        history.add(IndicatorJsonTest.set("DB-MA", T0, 10, 5));
        history.add(IndicatorJsonTest.set("DB-MA", T0.plusSeconds(60), 10, 6));
        history.add(IndicatorJsonTest.set("DB-MA", T0.plusSeconds(120), 10, 6));
        history.add(IndicatorJsonTest.set("DB-MA", T0.plusSeconds(180), 11, 6));

        // Then
        assertThat(asOfs(history, "staff.active", null, null)).containsExactly(T0.toString(),
                T0.plusSeconds(180).toString());
        assertThat(asOfs(history, "staff.it_certified.share", null, null)).containsExactly(T0.toString(),
                T0.plusSeconds(60).toString(), T0.plusSeconds(180).toString());
        assertThat(history.query("DB-MA", "staff.active", null, null).orElseThrow())
                .containsEntry("latestAsOf", T0.plusSeconds(180).toString());
    }

    @Test
    void shouldDropTheOldestPointsBeyondTheBound() {
        // Given
        final IndicatorHistory history = new IndicatorHistory(3);

        // When
        for (int i = 0; i < 5; i++) {
            history.add(IndicatorJsonTest.set("DB-MA", T0.plusSeconds(i), 10 + i, 5));
        }

        // Then
        assertThat(asOfs(history, "staff.active", null, null)).containsExactly(T0.plusSeconds(2).toString(),
                T0.plusSeconds(3).toString(), T0.plusSeconds(4).toString());
        assertThat(history.points()).as("both indicators change every time, each capped at 3").isEqualTo(6);
    }

    @Test
    void shouldAnswerWithinTheRangeAndNothingForAnUnknownUnit() {
        // Given
        final IndicatorHistory history = new IndicatorHistory(100);
        for (int i = 0; i < 5; i++) {
            history.add(IndicatorJsonTest.set("DB-MA", T0.plusSeconds(i * 60L), 10 + i, 5));
        }

        // When
        final List<String> middle = asOfs(history, "staff.active", T0.plusSeconds(60), T0.plusSeconds(180));

        // Then
        assertThat(middle).containsExactly(T0.plusSeconds(60).toString(), T0.plusSeconds(120).toString(),
                T0.plusSeconds(180).toString());
        assertThat(history.query("DB-XX", "staff.active", null, null)).isEmpty();
        assertThat(asOfs(history, "devices.tablets.with_sim", null, null)).isEmpty();
    }

    @Test
    void shouldThinLongAnswersEvenlyKeepingFirstAndLast() {
        // Given
        final List<IndicatorHistory.Point> points = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            points.add(new IndicatorHistory.Point(i, i, null, (double) i));
        }

        // When
        final List<IndicatorHistory.Point> thinned = IndicatorHistory.thin(points);

        // Then
        assertThat(thinned).hasSize(IndicatorHistory.MAX_POINTS_PER_ANSWER);
        assertThat(thinned.get(0).asOf()).isZero();
        assertThat(thinned.get(thinned.size() - 1).asOf()).isEqualTo(4_999);
    }

    @SuppressWarnings("unchecked")
    private static List<String> asOfs(final IndicatorHistory history, final String indicator, final Instant from,
                                      final Instant to) {
        final Map<String, Object> json = history.query("DB-MA", indicator, from, to).orElseThrow();
        return ((List<Map<String, Object>>) json.get("points")).stream().map(p -> (String) p.get("asOf")).toList();
    }
}
