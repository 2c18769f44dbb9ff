package org.edupulse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.edupulse.app.DemoCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchSettingsTest {

    private static BenchSettings parse(final String... args) {
        final BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void shouldStartTheDemoWithItsOwnDefaultHistoryInTheFullRun() {
        // Given the history `edupulse demo` publishes without --profile
        final String demoDefault = new CommandLine(new DemoCommand()).getCommandSpec().findOption("--profile")
                .defaultValue();

        // When / Then
        assertThat(BenchSettings.DEMO_DEFAULT_PROFILE).isEqualTo(demoDefault);
        assertThat(parse().startupProfile()).isEqualTo(demoDefault);
    }

    @Test
    void shouldStartTheDemoWithTheSmallHistoryInTheQuickRunUnlessToldOtherwise() {
        // When / Then
        assertThat(parse("--quick").startupProfile()).isEqualTo("small");
        assertThat(parse("--quick", "--startup-profile", "dien-bien-2025").startupProfile()).isEqualTo("dien-bien-2025");
        assertThat(parse("--quick").describe()).containsEntry("startupProfile", "small");
    }

    @Test
    void shouldRejectAnUnknownStartupProfile() {
        // When / Then
        assertThatThrownBy(() -> parse("--startup-profile", "hanoi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hanoi").hasMessageContaining("small");
    }

    @Test
    void shouldRunTheJarRowWithEveryScenarioAndAlone() {
        // When / Then
        assertThat(parse().runs("jar")).isTrue();
        assertThat(parse("--quick").runs("jar")).isTrue();
        assertThat(parse("--scenarios", "jar").scenarios()).containsExactly("jar");
    }

    @Test
    void shouldRunTheFloorOnlyWhenNamedForItIsNotARowOfTheIssue() {
        // When / Then
        assertThat(parse().runs("floor")).isFalse();
        assertThat(parse("--quick").runs("floor")).isFalse();
        assertThat(parse("--scenarios", "aggregate,floor").scenarios()).containsExactlyInAnyOrder("aggregate", "floor");
        assertThatThrownBy(() -> parse("--scenarios", "ceiling"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
    }

    @Test
    void shouldRunTheIndicatorsApplicationOnRocksDbAsPipelineDoesUnlessToldOtherwise() {
        // When / Then: the rows measure pipeline's default; --in-memory-state its option, and the reports say which
        assertThat(parse().inMemoryState()).isFalse();
        assertThat(parse().storesLabel()).isEqualTo("key-value stores in RocksDB");
        assertThat(parse("--in-memory-state").inMemoryState()).isTrue();
        assertThat(parse("--in-memory-state").storesLabel()).contains("in memory");
        assertThat(parse("--in-memory-state").describe()).containsEntry("inMemoryState", true);
    }
}
