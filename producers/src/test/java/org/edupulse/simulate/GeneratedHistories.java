package org.edupulse.simulate;

import java.util.List;
import org.edupulse.schemas.School;

/** Histories shared by the tests, generated once per JVM because the calibrated one takes a second. */
final class GeneratedHistories {

    static final long SEED = HistoryGenerator.DEFAULT_SEED;

    private GeneratedHistories() {
    }

    static List<SimulatedEvent> dienBien() {
        return DienBien.EVENTS;
    }

    static ExpectedFigures dienBienFigures() {
        return DienBien.FIGURES;
    }

    static List<SimulatedEvent> small() {
        return Small.EVENTS;
    }

    /** Id of the school with this name in a history. */
    static String schoolIdNamed(final List<SimulatedEvent> events, final String name) {
        return events.stream()
                .filter(e -> e.value() instanceof School)
                .map(e -> (School) e.value())
                .filter(s -> s.getName().equals(name))
                .map(School::getSchoolId)
                .findFirst().orElseThrow();
    }

    private static final class DienBien {
        private static final List<SimulatedEvent> EVENTS =
                List.copyOf(new HistoryGenerator().events(Profile.DIEN_BIEN_2025, SEED));
        private static final ExpectedFigures FIGURES = ExpectedFigures.of(EVENTS);
    }

    private static final class Small {
        private static final List<SimulatedEvent> EVENTS =
                List.copyOf(new HistoryGenerator().events(Profile.SMALL, SEED));
    }
}
