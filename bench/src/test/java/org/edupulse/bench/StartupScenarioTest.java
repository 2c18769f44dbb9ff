package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
                1_000, 0, 1, 1, missing, quick.startupProfile(), dir, false);

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

    @Test
    void shouldStartTheDemoWithTheProductsJvmOptionsAsTheLauncherDoes() throws Exception {
        // Given a product jar built in a module that holds jvm.options, and one elsewhere
        final Path module = dir.resolve("app");
        final Path jar = module.resolve("target").resolve("edupulse.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        Files.writeString(module.resolve(StartupScenario.JVM_OPTIONS), "-XX:Tier4InvocationThreshold=20000\n");
        final Path elsewhere = dir.resolve("edupulse.jar");

        // When the demo's command is made for each
        final List<String> withOptions = StartupScenario.command("java", jar, "small");
        final List<String> without = StartupScenario.command("java", elsewhere, "small");

        // Then the first reads the module's options as an argument file before -jar, the second has none
        assertThat(withOptions.subList(0, 4)).containsExactly("java",
                "@" + module.resolve(StartupScenario.JVM_OPTIONS).toAbsolutePath(), "-jar", jar.toString());
        assertThat(without.subList(0, 3)).containsExactly("java", "-jar", elsewhere.toString());
        assertThat(withOptions).endsWith("--http-port", "0").contains("demo", "--profile", "small");
    }

    @Test
    void shouldGiveJavaTheCheckoutsJvmOptionsAsAValidArgumentFile() throws Exception {
        // Given the checkout's app/jvm.options (the bench module's tests run in <root>/bench)
        final Path options = Path.of("..", "app", StartupScenario.JVM_OPTIONS).toAbsolutePath().normalize();
        assertThat(options).isRegularFile();

        // When java starts with it
        final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + options, "-XX:+PrintFlagsFinal", "-version").redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // Then it accepts every option and sets them from the command line
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out).containsPattern("Tier4InvocationThreshold\\s+= 20000\\s+\\{product\\} \\{command line\\}");
    }
}
