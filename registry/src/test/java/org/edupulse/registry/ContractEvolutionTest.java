package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.edupulse.schemas.IndicatorSet;
import org.edupulse.schemas.School;
import org.edupulse.schemas.StaffEvent;
import org.edupulse.schemas.TrainingEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every contract changed since the previous release still reads what its previous version wrote
 * (BACKWARD, the registry's level for EduPulse subjects), by the registry's own checker. The previous
 * versions are kept as copies under {@code src/test/resources/previous}, taken with
 * {@code git show main:schemas/src/main/avro/<Name>.avsc}. That the registry refuses an incompatible
 * schema over HTTP with 409 is {@link SchemaEvolutionIT} and {@code RestContractIT}.
 */
class ContractEvolutionTest {

    static List<Schema> changedContracts() {
        return List.of(TrainingEvent.getClassSchema(), StaffEvent.getClassSchema(), School.getClassSchema(),
                IndicatorSet.getClassSchema());
    }

    @ParameterizedTest
    @MethodSource("changedContracts")
    void shouldReadWhatThePreviousVersionWrote(final Schema current) {
        // Given
        final Schema previous = previous(current.getName());

        // When
        final List<String> problems = CompatibilityChecker.incompatibilities(current, List.of(previous),
                CompatibilityLevel.BACKWARD);

        // Then
        assertThat(previous).isNotEqualTo(current);
        assertThat(problems).as("%s against its previous version", current.getName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("changedContracts")
    void shouldFindAFieldEditedInPlaceIncompatible(final Schema current) {
        // Given: the new schema with one more field that has no default, the edit BACKWARD forbids
        final Schema previous = previous(current.getName());
        final Schema edited = new Schema.Parser().parse(current.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"requiredWithoutDefault\",\"type\":\"string\"},"));

        // When
        final List<String> problems = CompatibilityChecker.incompatibilities(edited, List.of(previous),
                CompatibilityLevel.BACKWARD);

        // Then
        assertThat(problems).singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT")
                .contains("requiredWithoutDefault");
    }

    static Schema previous(final String name) {
        try (InputStream in = ContractEvolutionTest.class.getResourceAsStream("/previous/" + name + ".avsc")) {
            assertThat(in).as("previous version of %s under src/test/resources/previous", name).isNotNull();
            return new Schema.Parser().parse(in);
        } catch (final IOException e) {
            throw new IllegalStateException("Cannot read the previous version of " + name, e);
        }
    }
}
