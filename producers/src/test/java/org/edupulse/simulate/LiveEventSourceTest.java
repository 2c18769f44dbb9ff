package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.edupulse.schemas.CertificationEvent;
import org.edupulse.schemas.DeviceAction;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffAction;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LiveEventSourceTest {

    private static final Instant NOW = Instant.parse("2025-12-15T03:00:00Z");

    @ParameterizedTest
    @EnumSource(Profile.class)
    void shouldOnlyReferenceSchoolsStaffAndDevicesThatExist(final Profile profile) {
        // Given the state at the end of the history
        final World world = new World();
        final List<SimulatedEvent> history = profile == Profile.DIEN_BIEN_2025
                ? GeneratedHistories.dienBien() : GeneratedHistories.small();
        history.forEach(world::apply);
        final LiveEventSource live = new LiveEventSource(profile, GeneratedHistories.SEED,
                Clock.fixed(NOW, ProvinceTime.ZONE));

        // When
        final List<SimulatedEvent> events = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            events.add(live.next());
        }

        // Then
        for (final SimulatedEvent event : events) {
            assertThat(event.key()).isEqualTo(EventFields.schoolId(event.value()));
            assertThat(world.schools).contains(event.key());
            assertThat(EventFields.occurredAt(event.value())).isEqualTo(NOW);
            world.check(event);
            world.apply(event);
        }
        assertThat(events).filteredOn(e -> e.value() instanceof TrainingEvent).hasSizeGreaterThan(1_500);
        assertThat(events).anyMatch(e -> e.value() instanceof DeviceEvent);
        assertThat(events).anyMatch(e -> e.value() instanceof CertificationEvent);
        assertThat(events).anyMatch(e -> e.value() instanceof StaffEvent
                && ((StaffEvent) e.value()).getAction() == StaffAction.JOINED);
    }

    @Test
    void shouldBeDeterministicAndContinueAfterTheHistoryWithoutAClock() {
        // Given
        final LiveEventSource first = new LiveEventSource(Profile.SMALL, 5);
        final LiveEventSource second = new LiveEventSource(Profile.SMALL, 5);

        // When / Then
        Instant previous = ProvinceTime.HISTORY_END;
        for (int i = 0; i < 500; i++) {
            final SimulatedEvent event = first.next();
            assertThat(second.next()).isEqualTo(event);
            final Instant occurredAt = EventFields.occurredAt(event.value());
            assertThat(occurredAt).isAfter(previous);
            previous = occurredAt;
        }
        assertThat(first.hasNext()).isTrue();
    }

    @Test
    void shouldStampEventsWithTheClockInstant() {
        // Given a clock that moves
        final MovingClock clock = new MovingClock(NOW);
        final LiveEventSource live = new LiveEventSource(Profile.SMALL, 5, clock);

        // When
        final SimulatedEvent first = live.next();
        clock.advanceSeconds(90);
        final SimulatedEvent second = live.next();

        // Then
        assertThat(EventFields.occurredAt(first.value())).isEqualTo(NOW);
        assertThat(EventFields.occurredAt(second.value())).isEqualTo(NOW.plusSeconds(90));
    }

    /** What exists after the events so far: schools, active staff, devices in service. */
    private static final class World {
        private final Set<String> schools = new HashSet<>();
        private final Map<String, StaffEvent> staff = new HashMap<>();
        private final Map<String, DeviceEvent> devices = new HashMap<>();

        void apply(final SimulatedEvent event) {
            if (event.value() instanceof School) {
                schools.add(event.key());
            } else if (event.value() instanceof StaffEvent) {
                final StaffEvent e = (StaffEvent) event.value();
                staff.merge(e.getStaffId(), e, (a, b) -> b.getOccurredAt().isBefore(a.getOccurredAt()) ? a : b);
            } else if (event.value() instanceof DeviceEvent) {
                final DeviceEvent e = (DeviceEvent) event.value();
                devices.merge(e.getDeviceId(), e, (a, b) -> b.getOccurredAt().isBefore(a.getOccurredAt()) ? a : b);
            }
        }

        boolean active(final String staffId) {
            final StaffEvent latest = staff.get(staffId);
            return latest != null && latest.getAction() != StaffAction.LEFT;
        }

        void check(final SimulatedEvent event) {
            if (event.value() instanceof StaffEvent) {
                final StaffEvent e = (StaffEvent) event.value();
                if (e.getAction() == StaffAction.JOINED) {
                    assertThat(staff).doesNotContainKey(e.getStaffId());
                } else {
                    assertThat(active(e.getStaffId())).as("active %s", e.getStaffId()).isTrue();
                }
            } else if (event.value() instanceof CertificationEvent) {
                final CertificationEvent e = (CertificationEvent) event.value();
                assertThat(active(e.getStaffId())).as("active %s", e.getStaffId()).isTrue();
                assertThat(staff.get(e.getStaffId()).getSchoolId()).isEqualTo(e.getSchoolId());
            } else if (event.value() instanceof DeviceEvent) {
                final DeviceEvent e = (DeviceEvent) event.value();
                final DeviceEvent latest = devices.get(e.getDeviceId());
                if (e.getAction() == DeviceAction.RECEIVED) {
                    assertThat(latest).isNull();
                } else {
                    assertThat(latest).as("device %s", e.getDeviceId()).isNotNull();
                    assertThat(latest.getAction()).isNotEqualTo(DeviceAction.RETIRED);
                    assertThat(e.getType()).isEqualTo(latest.getType());
                    assertThat(e.getSource()).isEqualTo(latest.getSource());
                }
            } else if (event.value() instanceof TrainingEvent) {
                final TrainingEvent e = (TrainingEvent) event.value();
                for (final String staffId : e.getStaffIds()) {
                    assertThat(active(staffId)).as("active %s", staffId).isTrue();
                    assertThat(staff.get(staffId).getSchoolId()).isEqualTo(e.getSchoolId());
                }
            }
        }
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(final Instant start) {
            this.now = start;
        }

        void advanceSeconds(final long seconds) {
            now = now.plusSeconds(seconds);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ProvinceTime.ZONE;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }
    }
}
