package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.registry.CompatibilityLevel.BACKWARD;
import static org.edupulse.registry.CompatibilityLevel.BACKWARD_TRANSITIVE;
import static org.edupulse.registry.CompatibilityLevel.FORWARD;
import static org.edupulse.registry.CompatibilityLevel.FORWARD_TRANSITIVE;
import static org.edupulse.registry.CompatibilityLevel.FULL;
import static org.edupulse.registry.CompatibilityLevel.FULL_TRANSITIVE;
import static org.edupulse.registry.CompatibilityLevel.NONE;
import static org.edupulse.registry.TestSchemas.AGE_REQUIRED;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.EXTRA;
import static org.edupulse.registry.TestSchemas.EXTRA_WITH_DEFAULT;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.NAME_AS_INT;
import static org.edupulse.registry.TestSchemas.NAME_WITH_DEFAULT;
import static org.edupulse.registry.TestSchemas.PHONE_OPTIONAL;
import static org.edupulse.registry.TestSchemas.SCORE_INT;
import static org.edupulse.registry.TestSchemas.SCORE_LONG;
import static org.edupulse.registry.TestSchemas.student;

import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityCheckerTest {

    private static final String ADD_OPTIONAL = "add an optional field with a default";
    private static final String ADD_REQUIRED = "add a required field without a default";
    private static final String REMOVE_WITH_DEFAULT = "remove a field that had a default";
    private static final String REMOVE_WITHOUT_DEFAULT = "remove a field without a default";
    private static final String CHANGE_TYPE = "change a field's type string -> int";
    private static final String PROMOTE = "promote a field int -> long";

    static Stream<Arguments> singleStepMatrix() {
        return Stream.of(
                row(ADD_OPTIONAL, NONE, true),
                row(ADD_OPTIONAL, BACKWARD, true),
                row(ADD_OPTIONAL, FORWARD, true),
                row(ADD_OPTIONAL, FULL, true),
                row(ADD_REQUIRED, NONE, true),
                row(ADD_REQUIRED, BACKWARD, false),
                row(ADD_REQUIRED, FORWARD, true),
                row(ADD_REQUIRED, FULL, false),
                row(REMOVE_WITH_DEFAULT, BACKWARD, true),
                row(REMOVE_WITH_DEFAULT, FORWARD, true),
                row(REMOVE_WITH_DEFAULT, FULL, true),
                row(REMOVE_WITHOUT_DEFAULT, NONE, true),
                row(REMOVE_WITHOUT_DEFAULT, BACKWARD, true),
                row(REMOVE_WITHOUT_DEFAULT, FORWARD, false),
                row(REMOVE_WITHOUT_DEFAULT, FULL, false),
                row(CHANGE_TYPE, NONE, true),
                row(CHANGE_TYPE, BACKWARD, false),
                row(CHANGE_TYPE, FORWARD, false),
                row(CHANGE_TYPE, FULL, false),
                row(PROMOTE, BACKWARD, true),
                row(PROMOTE, FORWARD, false),
                row(PROMOTE, FULL, false),
                row(ADD_OPTIONAL, BACKWARD_TRANSITIVE, true),
                row(ADD_REQUIRED, BACKWARD_TRANSITIVE, false),
                row(ADD_REQUIRED, FORWARD_TRANSITIVE, true),
                row(REMOVE_WITHOUT_DEFAULT, FORWARD_TRANSITIVE, false),
                row(ADD_OPTIONAL, FULL_TRANSITIVE, true),
                row(CHANGE_TYPE, FULL_TRANSITIVE, false));
    }

    private static Arguments row(final String change, final CompatibilityLevel level, final boolean compatible) {
        final String[] pair = switch (change) {
            case ADD_OPTIONAL -> new String[] {student(ID, NAME), student(ID, NAME, EMAIL_OPTIONAL)};
            case ADD_REQUIRED -> new String[] {student(ID, NAME), student(ID, NAME, AGE_REQUIRED)};
            case REMOVE_WITH_DEFAULT -> new String[] {student(ID, NAME_WITH_DEFAULT), student(ID)};
            case REMOVE_WITHOUT_DEFAULT -> new String[] {student(ID, NAME), student(ID)};
            case CHANGE_TYPE -> new String[] {student(ID, NAME), student(ID, NAME_AS_INT)};
            case PROMOTE -> new String[] {student(ID, SCORE_INT), student(ID, SCORE_LONG)};
            default -> throw new IllegalArgumentException(change);
        };
        return Arguments.of(change, level, pair[0], pair[1], compatible);
    }

    @ParameterizedTest(name = "{0} under {1}: compatible={4}")
    @MethodSource("singleStepMatrix")
    void shouldJudgeASingleStepChangeAsEachLevelPrescribes(final String change, final CompatibilityLevel level,
                                                          final String previous, final String candidate,
                                                          final boolean compatible) {
        // Given
        final List<Schema> history = List.of(parse(previous));

        // When
        final List<String> problems = CompatibilityChecker.incompatibilities(parse(candidate), history, level);

        // Then
        assertThat(problems.isEmpty()).as("%s under %s: %s", change, level, problems).isEqualTo(compatible);
    }

    static Stream<Arguments> transitiveMatrix() {
        final List<String> defaultAddedThenRequired = List.of(student(ID), student(ID, EXTRA_WITH_DEFAULT));
        final List<String> requiredRelaxedThenRemoved = List.of(student(ID, EXTRA), student(ID, EXTRA_WITH_DEFAULT));
        final List<String> optionalAdded = List.of(student(ID), student(ID, EMAIL_OPTIONAL));
        return Stream.of(
                Arguments.of(BACKWARD, defaultAddedThenRequired, student(ID, EXTRA), true),
                Arguments.of(BACKWARD_TRANSITIVE, defaultAddedThenRequired, student(ID, EXTRA), false),
                Arguments.of(FORWARD, requiredRelaxedThenRemoved, student(ID), true),
                Arguments.of(FORWARD_TRANSITIVE, requiredRelaxedThenRemoved, student(ID), false),
                Arguments.of(FULL, defaultAddedThenRequired, student(ID, EXTRA), true),
                Arguments.of(FULL_TRANSITIVE, defaultAddedThenRequired, student(ID, EXTRA), false),
                Arguments.of(BACKWARD_TRANSITIVE, optionalAdded, student(ID, EMAIL_OPTIONAL, PHONE_OPTIONAL), true),
                Arguments.of(FORWARD_TRANSITIVE, optionalAdded, student(ID, EMAIL_OPTIONAL, PHONE_OPTIONAL), true),
                Arguments.of(FULL_TRANSITIVE, optionalAdded, student(ID, EMAIL_OPTIONAL, PHONE_OPTIONAL), true));
    }

    @ParameterizedTest(name = "{0} over two versions: compatible={3}")
    @MethodSource("transitiveMatrix")
    void shouldCheckEveryVersionOnlyWhenTheLevelIsTransitive(final CompatibilityLevel level,
                                                             final List<String> historyOldestFirst,
                                                             final String candidate, final boolean compatible) {
        // Given
        final List<Schema> history = historyOldestFirst.stream().map(CompatibilityCheckerTest::parse).toList();

        // When
        final List<String> problems = CompatibilityChecker.incompatibilities(parse(candidate), history, level);

        // Then
        assertThat(problems.isEmpty()).as("%s: %s", level, problems).isEqualTo(compatible);
    }

    @Test
    void shouldExplainWhichFieldBreaksCompatibility() {
        // Given
        final List<Schema> history = List.of(parse(student(ID, NAME)));

        // When
        final List<String> problems = CompatibilityChecker.incompatibilities(
                parse(student(ID, NAME, AGE_REQUIRED)), history, BACKWARD);

        // Then
        assertThat(problems).singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("age");
    }

    @Test
    void shouldAcceptAnythingAsTheFirstVersion() {
        // Given
        final Schema first = parse(student(ID, NAME));

        // When
        final List<String> problems = CompatibilityChecker.incompatibilities(first, List.of(), FULL_TRANSITIVE);

        // Then
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldParseLevelNamesCaseInsensitivelyAndRejectUnknownOnes() {
        // Given / When / Then
        assertThat(CompatibilityLevel.parse("full_transitive")).contains(FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("BACKWARD")).contains(BACKWARD);
        assertThat(CompatibilityLevel.parse("SIDEWAYS")).isEmpty();
        assertThat(CompatibilityLevel.parse(null)).isEmpty();
    }

    private static Schema parse(final String schema) {
        return new Schema.Parser().parse(schema);
    }
}
