package org.edupulse.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Every rule id the rules core declares is either a refusal or a doubtful record, and nothing else is. */
class FindingKindTest {

    @Test
    void shouldClassifyEveryDeclaredRuleIdByWhetherItsRecordWasApplied() throws IllegalAccessException {
        // Given every rule id constant of the rules core
        final Map<String, FindingKind> kinds = new TreeMap<>();
        for (final Class<?> type : new Class<?>[] {Refusal.class, Finding.class}) {
            for (final Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    final String ruleId = (String) field.get(null);
                    // When it is classified
                    kinds.put(ruleId, FindingKind.of(ruleId));
                }
            }
        }

        // Then refusals are not applied, and quality rules are counted but doubtful
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of(
                Refusal.HELD_BY_OTHER_SCHOOL, FindingKind.REFUSED,
                Refusal.HISTORY_FULL, FindingKind.REFUSED,
                Refusal.EVENT_ID_CONFLICT, FindingKind.REFUSED,
                Finding.CERTIFICATE_UNKNOWN_STAFF, FindingKind.DOUBTFUL,
                Finding.SIM_ON_DESKTOP, FindingKind.DOUBTFUL,
                Finding.SCHOOL_WITHOUT_LEARNERS, FindingKind.DOUBTFUL,
                Finding.PARTICIPANTS_BELOW_NAMED, FindingKind.DOUBTFUL));
    }

    @Test
    void shouldRefuseToGuessTheKindOfAnUnknownRuleId() {
        assertThatThrownBy(() -> FindingKind.of("qualityish.rule"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ruleId 'qualityish.rule'");
    }
}
