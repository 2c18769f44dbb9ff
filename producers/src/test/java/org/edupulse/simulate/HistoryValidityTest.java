package org.edupulse.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.edupulse.rules.EventRules;
import org.edupulse.schemas.DeviceEvent;
import org.edupulse.schemas.DeviceSource;
import org.edupulse.schemas.School;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.topics.Topics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HistoryValidityTest {

    @ParameterizedTest
    @EnumSource(Profile.class)
    void shouldPublishSchoolsFirstAndOnlyReferenceKnownSchools(final Profile profile) {
        // Given
        final List<SimulatedEvent> history = historyOf(profile);

        // When
        final Set<String> schools = new HashSet<>();
        boolean eventsStarted = false;
        for (final SimulatedEvent event : history) {
            // Then
            if (event.value() instanceof School) {
                assertThat(eventsStarted).as("school records come first").isFalse();
                assertThat(event.topic()).isEqualTo(Topics.SCHOOLS);
                schools.add(((School) event.value()).getSchoolId());
            } else {
                eventsStarted = true;
                assertThat(schools).contains(EventFields.schoolId(event.value()));
            }
            assertThat(event.key()).isEqualTo(EventFields.schoolId(event.value()));
            assertThat(event.topic().valueType().isInstance(event.value())).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void shouldCarryValidFieldsWithinTheHistoryRange(final Profile profile) {
        // Given
        final List<SimulatedEvent> history = historyOf(profile);

        // Then
        for (final SimulatedEvent event : history) {
            assertThat(event.key()).isNotBlank();
            if (event.value() instanceof School) {
                final School school = (School) event.value();
                assertThat(school.getName()).isNotBlank();
                assertThat(school.getCommuneId()).isNotBlank();
                assertThat(school.getDistrictId()).startsWith("DB-");
                assertThat(school.getProvinceId()).isEqualTo("DB");
                assertThat(school.getLearnersEnrolled()).isNotNegative();
                assertThat(school.getEffectiveFrom()).isBetween(ProvinceTime.FIRST_DAY, ProvinceTime.LAST_DAY);
                continue;
            }
            assertThat(EventFields.eventId(event.value())).isNotBlank();
            final Instant occurredAt = EventFields.occurredAt(event.value());
            assertThat(occurredAt).isBetween(ProvinceTime.HISTORY_START, ProvinceTime.HISTORY_END);
            if (event.value() instanceof TrainingEvent) {
                final TrainingEvent training = (TrainingEvent) event.value();
                assertThat(training.getParticipantCount()).isNotNegative();
                assertThat(training.getParticipantCount()).isGreaterThanOrEqualTo(training.getStaffIds().size());
                assertThat(training.getHours()).isPositive();
                assertThat(training.getSessionId()).isNotBlank();
            }
            if (event.value() instanceof DeviceEvent) {
                final DeviceEvent device = (DeviceEvent) event.value();
                assertThat(device.getDeviceId()).isNotBlank();
                assertThat(device.getProgramme() != null)
                        .isEqualTo(device.getSource() == DeviceSource.SPONSORSHIP);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void shouldPassTheRulesThePublisherAndThePipelineApply(final Profile profile) {
        // Given the history and a stretch of live events, each received the moment it occurred
        final EventRules rules = EventRules.standard();
        final List<SimulatedEvent> events = new ArrayList<>(historyOf(profile));
        final LiveEventSource live = new LiveEventSource(profile, 7);
        for (int i = 0; i < 5_000; i++) {
            events.add(live.next());
        }

        // When / Then
        for (final SimulatedEvent event : events) {
            final Instant receivedAt = event.value() instanceof School
                    ? ProvinceTime.HISTORY_END : EventFields.occurredAt(event.value());
            assertThat(rules.check(event.value(), receivedAt)).as("%s", event.value()).isEmpty();
        }
    }

    private static List<SimulatedEvent> historyOf(final Profile profile) {
        return profile == Profile.DIEN_BIEN_2025 ? GeneratedHistories.dienBien() : GeneratedHistories.small();
    }
}
