package org.edupulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A failed start-up closes what it started, the last first, and keeps the failing step's exception. */
class StartedPartsTest {

    @Test
    void shouldCloseEveryPartLastStartedFirstAndKeepTheStepsExceptionWithCloseFailuresSuppressed() {
        // Given: three parts started, of which the second fails to close
        final List<String> closed = new ArrayList<>();
        final StartedParts started = new StartedParts();
        final IllegalStateException closeFailure = new IllegalStateException("the second would not close");
        started.add(() -> closed.add("first"));
        started.add(() -> {
            closed.add("second");
            throw closeFailure;
        });
        started.add(() -> closed.add("third"));
        final RuntimeException stepFailure = new RuntimeException("the fourth step failed");

        // When
        started.closeAfter(stepFailure);

        // Then: every part is closed, the last first, and the close failure travels with the step's exception
        assertThat(closed).containsExactly("third", "second", "first");
        assertThat(stepFailure.getSuppressed()).containsExactly(closeFailure);
    }
}
