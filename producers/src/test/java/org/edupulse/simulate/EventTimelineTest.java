package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffRole;
import org.junit.jupiter.api.Test;

class EventTimelineTest {

    @Test
    void shouldLeaveEveryOtherEventInPlaceWhenEventsArePublishedOnTime() {
        // Given two timelines with the same events, one of them with on-time events as well
        final EventTimeline plain = new EventTimeline("ev-");
        final EventTimeline withOnTime = new EventTimeline("ev-");
        for (int i = 0; i < 500; i++) {
            final SimulatedEvent event = TestEvents.staff("ev-" + i, "NV-" + i, "S1", StaffRole.TEACHER,
                    StaffAction.JOINED, 7 * i);
            plain.add(TestEvents.minute(7 * i), event);
            withOnTime.add(TestEvents.minute(7 * i), event);
            if (i % 10 == 0) {
                withOnTime.addOnTime(TestEvents.minute(7 * i + 3), TestEvents.staff("team-" + i, "NV-" + i, "S1",
                        StaffRole.IT_TEACHER, StaffAction.TEAM_JOINED, 7 * i + 3));
            }
        }

        // When both are put in publish order with the same draws
        final List<SimulatedEvent> expected = plain.inPublishOrder(new SplittableRandom(7), 0.1, 0.05);
        final List<SimulatedEvent> actual = withOnTime.inPublishOrder(new SplittableRandom(7), 0.1, 0.05);

        // Then the others keep their order, late events and resends; the on-time events are there once each
        assertThat(actual).filteredOn(e -> !EventFields.eventId(e.value()).startsWith("team-"))
                .containsExactlyElementsOf(expected);
        assertThat(actual).filteredOn(e -> EventFields.eventId(e.value()).startsWith("team-"))
                .hasSize(50).doesNotHaveDuplicates();
        assertThat(expected).hasSizeGreaterThan(500);
    }
}
