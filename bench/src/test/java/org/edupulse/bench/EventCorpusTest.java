package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;
import org.edupulse.schemas.School;
import org.edupulse.schemas.TrainingEvent;
import org.edupulse.simulate.Profile;
import org.edupulse.simulate.SimulatedEvent;
import org.junit.jupiter.api.Test;

class EventCorpusTest {

    @Test
    void shouldRepeatTheHistoryAsCopiesWithTheirOwnIdsAndTheSameDistricts() {
        // Given a small history, and three copies' worth of records
        final EventCorpus corpus = new EventCorpus(Profile.SMALL, 7);
        final int count = corpus.historySize() * 3;

        // When
        final List<SimulatedEvent> records = corpus.list(count);

        // Then: schools (with their dated versions) first, each copy's schools its own, districts shared
        assertThat(records).hasSize(count);
        final List<School> schools = records.stream().filter(r -> r.value() instanceof School)
                .map(r -> (School) r.value()).toList();
        assertThat(records.subList(0, schools.size())).allMatch(r -> r.value() instanceof School);
        final long originals = schools.stream().map(School::getSchoolId).filter(id -> !id.contains("-c")).distinct().count();
        assertThat(schools.stream().map(School::getSchoolId).distinct().count()).isEqualTo(3 * originals);
        assertThat(schools.stream().map(School::getDistrictId).distinct().count()).isEqualTo(10);
        // every event id is unique, except the history's own deliberate re-sends
        final Set<String> eventIds = new HashSet<>();
        long resent = 0;
        for (final SimulatedEvent r : records) {
            if (!(r.value() instanceof School) && !eventIds.add((String) ((GenericRecord) r.value()).get("eventId"))) {
                resent++;
            }
        }
        assertThat(resent).isLessThan(count / 20);
        // keys follow the copied school ids
        assertThat(records).allMatch(r -> r.key().equals(((GenericRecord) r.value()).get("schoolId")));
    }

    @Test
    void shouldSuffixEveryIdOfACopyButNotItsDistrict() {
        // Given
        final TrainingEvent original = (TrainingEvent) new EventCorpus(Profile.SMALL, 7).list(10_000).stream()
                .filter(r -> r.value() instanceof TrainingEvent t && !t.getStaffIds().isEmpty())
                .findFirst().orElseThrow().value();
        final SimulatedEvent event = new SimulatedEvent(org.edupulse.topics.Topics.TRAINING_EVENTS,
                original.getSchoolId(), original);

        // When
        final TrainingEvent copy = (TrainingEvent) EventCorpus.copyOf(event, 2).value();

        // Then
        assertThat(copy.getEventId()).isEqualTo(original.getEventId() + "-c2");
        assertThat(copy.getSchoolId()).isEqualTo(original.getSchoolId() + "-c2");
        assertThat(copy.getSessionId()).isEqualTo(original.getSessionId() + "-c2");
        assertThat(copy.getStaffIds()).allMatch(id -> id.endsWith("-c2")).hasSameSizeAs(original.getStaffIds());
        assertThat(copy.getOccurredAt()).isEqualTo(original.getOccurredAt());
        assertThat(EventCorpus.copyOf(event, 0).value()).isSameAs(original);
    }
}
