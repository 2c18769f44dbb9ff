package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupScenarioTest {

    /** The ready line as `edupulse demo` prints it (DemoCommand), for the default history. */
    private static final String READY_LINE = "EduPulse ready: broker localhost:40123, schema registry http://localhost:"
            + "40125, HTTP http://localhost:40127 (104886 history events from profile dien-bien-2025, 10 districts"
            + " published; live events at 0.0/s; Ctrl-C to stop)";

    @TempDir
    Path dir;

    @Test
    void shouldReadTheHistoryFromTheReadyLine() {
        // When / Then
        assertThat(StartupScenario.history(READY_LINE))
                .contains(new StartupScenario.History(104_886, "dien-bien-2025"));
        assertThat(StartupScenario.history(READY_LINE.replace("dien-bien-2025,", "small already published in /tmp/d,")
                .replace("104886", "666"))).contains(new StartupScenario.History(666, "small"));
        assertThat(StartupScenario.history("EduPulse ready: broker localhost:1")).isEmpty();
    }

    @Test
    void shouldJudgeTheDefaultHistoryAgainstFifteenSeconds() {
        // Given the default history
        final StartupScenario.History history = new StartupScenario.History(104_886, BenchSettings.DEMO_DEFAULT_PROFILE);

        // When: medians 15.0 and 15.1 s
        final Result atTarget = StartupScenario.readyRow(List.of(14.0, 15.0, 104.0), history, "cmd");
        final Result above = StartupScenario.readyRow(List.of(15.1), history, "cmd");

        // Then
        assertThat(atTarget.target()).isEqualTo("<= 15 s");
        assertThat(atTarget.met()).isTrue();
        assertThat(above.met()).isFalse();
        assertThat(above.note()).contains("profile dien-bien-2025, 104,886 events", "the demo's default", "cmd");
    }

    @Test
    void shouldNotJudgeASmallerHistoryThanTheIssueMeans() {
        // Given the small profile, ready well within 15 s
        final StartupScenario.History history = new StartupScenario.History(666, "small");

        // When
        final Result row = StartupScenario.readyRow(List.of(9.0), history, "cmd");

        // Then: the target is shown, not judged, and the note says which history was measured
        assertThat(row.target()).isEqualTo("<= 15 s");
        assertThat(row.met()).isNull();
        assertThat(row.note()).contains("profile small, 666 events", "not judged");
    }

    @Test
    void shouldReportNotMeasuredAgainstTheTargetWhenThereIsNoProductJar() {
        // Given settings pointing at a jar that does not exist
        final BenchSettings quick = BenchSettings.quickRun();
        final Path missing = dir.resolve("edupulse.jar").toAbsolutePath();
        final BenchSettings settings = new BenchSettings(true, java.util.Set.of("startup"), 1, 1, 1, 1, 0, 0, 0, 0, 0, -1, 1,
                1_000, 0, 1, 1, missing, quick.startupProfile(), dir);

        // When
        final List<Result> rows = new StartupScenario(settings, new PrintWriter(new StringWriter())).run();

        // Then
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.metric()).isEqualTo("s to ready");
            assertThat(row.measured()).isFalse();
            assertThat(row.target()).isEqualTo("<= 15 s");
            assertThat(row.note()).contains("no product jar at " + missing);
        });
    }
}
