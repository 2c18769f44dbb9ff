package org.edupulse.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.edupulse.registry.TestSchemas.EMAIL_OPTIONAL;
import static org.edupulse.registry.TestSchemas.ID;
import static org.edupulse.registry.TestSchemas.NAME;
import static org.edupulse.registry.TestSchemas.student;
import static org.edupulse.registry.TestSchemas.teacher;

import java.util.List;
import org.edupulse.registry.StoreRecord.ConfigRecord;
import org.edupulse.registry.StoreRecord.SchemaRecord;
import org.junit.jupiter.api.Test;

class RegistryStateTest {

    private static final String V1 = CanonicalSchema.parse(student(ID, NAME)).canonical();
    private static final String V2 = CanonicalSchema.parse(student(ID, NAME, EMAIL_OPTIONAL)).canonical();
    private static final String OTHER = CanonicalSchema.parse(teacher(ID)).canonical();

    private final RegistryState state = new RegistryState(CompatibilityLevel.BACKWARD);

    @Test
    void shouldPlanTheNextVersionAndTheNextFreeId() {
        // Given
        state.apply(new SchemaRecord("students-value", 1, 1, V1));

        // When
        final RegistrationPlan plan = state.plan("students-value", V2);

        // Then
        assertThat(plan.proposal()).isEqualTo(new SchemaRecord("students-value", 2, 2, V2));
        assertThat(plan.previous()).extracting(SchemaVersion::schema).containsExactly(V1);
        assertThat(plan.level()).isEqualTo(CompatibilityLevel.BACKWARD);
    }

    @Test
    void shouldReuseTheIdOfASchemaKnownUnderAnotherSubject() {
        // Given
        state.apply(new SchemaRecord("students-value", 1, 7, V1));

        // When
        final RegistrationPlan plan = state.plan("alumni-value", V1);
        final boolean applied = state.apply(plan.proposal());

        // Then
        assertThat(plan.proposal().id()).isEqualTo(7);
        assertThat(applied).isTrue();
        assertThat(state.registered("alumni-value", V1)).map(SchemaVersion::id).contains(7);
    }

    @Test
    void shouldRefuseTheLoserOfARaceForTheSameVersion() {
        // Given
        state.apply(new SchemaRecord("students-value", 1, 1, V1));

        // When
        final boolean loserApplied = state.apply(new SchemaRecord("students-value", 1, 2, V2));

        // Then
        assertThat(loserApplied).isFalse();
        assertThat(state.versions("students-value").orElseThrow()).extracting(SchemaVersion::schema)
                .containsExactly(V1);
    }

    @Test
    void shouldRefuseANewSchemaClaimingAnIdAnotherSchemaHolds() {
        // Given
        state.apply(new SchemaRecord("students-value", 1, 1, V1));

        // When
        final boolean applied = state.apply(new SchemaRecord("teachers-value", 1, 1, OTHER));

        // Then
        assertThat(applied).isFalse();
        assertThat(state.subjects()).containsExactly("students-value");
        assertThat(state.schemaById(1)).contains(V1);
    }

    @Test
    void shouldRefuseAKnownSchemaUnderADifferentId() {
        // Given
        state.apply(new SchemaRecord("students-value", 1, 1, V1));

        // When
        final boolean applied = state.apply(new SchemaRecord("alumni-value", 1, 2, V1));

        // Then
        assertThat(applied).isFalse();
        assertThat(state.schemaById(2)).isEmpty();
    }

    @Test
    void shouldRefuseASchemaAlreadyRegisteredUnderTheSubject() {
        // Given
        state.apply(new SchemaRecord("students-value", 1, 1, V1));

        // When
        final boolean applied = state.apply(new SchemaRecord("students-value", 2, 1, V1));

        // Then
        assertThat(applied).isFalse();
        assertThat(state.versions("students-value").orElseThrow()).hasSize(1);
    }

    @Test
    void shouldResolveLevelsFromSubjectThenGlobalThenDefault() {
        // Given
        final RegistryState fresh = new RegistryState(CompatibilityLevel.BACKWARD);
        final CompatibilityLevel before = fresh.effectiveLevel("students-value");

        // When
        fresh.apply(new ConfigRecord(null, CompatibilityLevel.FULL));
        final CompatibilityLevel afterGlobal = fresh.effectiveLevel("students-value");
        fresh.apply(new ConfigRecord("students-value", CompatibilityLevel.NONE));
        final CompatibilityLevel afterSubject = fresh.effectiveLevel("students-value");
        fresh.apply(new ConfigRecord("students-value", null));

        // Then
        assertThat(before).isEqualTo(CompatibilityLevel.BACKWARD);
        assertThat(afterGlobal).isEqualTo(CompatibilityLevel.FULL);
        assertThat(afterSubject).isEqualTo(CompatibilityLevel.NONE);
        assertThat(fresh.subjectLevel("students-value")).isEmpty();
        assertThat(fresh.effectiveLevel("students-value")).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void shouldDeriveTheSameStateFromTheSameLogWhateverTheRacesInIt() {
        // Given: two writers both proposed version 2 and id 2; a third reused id 1 elsewhere
        final List<StoreRecord> log = List.of(
                new SchemaRecord("students-value", 1, 1, V1),
                new SchemaRecord("students-value", 2, 2, V2),
                new SchemaRecord("teachers-value", 1, 2, OTHER),
                new SchemaRecord("teachers-value", 1, 3, OTHER),
                new SchemaRecord("alumni-value", 1, 1, V1));
        final RegistryState first = new RegistryState(CompatibilityLevel.BACKWARD);
        final RegistryState second = new RegistryState(CompatibilityLevel.BACKWARD);

        // When
        final List<Boolean> firstOutcomes = log.stream().map(first::apply).toList();
        final List<Boolean> secondOutcomes = log.stream().map(second::apply).toList();

        // Then
        assertThat(firstOutcomes).containsExactly(true, true, false, true, true).isEqualTo(secondOutcomes);
        for (final String subject : first.subjects()) {
            assertThat(second.versions(subject)).isEqualTo(first.versions(subject));
        }
        assertThat(second.subjects()).containsExactly("alumni-value", "students-value", "teachers-value");
        assertThat(second.schemaById(3)).contains(OTHER);
    }
}
