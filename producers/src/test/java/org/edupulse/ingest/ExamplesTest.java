package org.edupulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports every file in {@code examples/}, so the samples in the README can never drift from what
 * the importer and the gateway accept. Files are copied to a temporary directory first, so the
 * reject file of the error demo is not written into the working tree.
 */
class ExamplesTest {

    private static final String ERROR_DEMO = "staff-with-errors.csv";

    @TempDir
    Path dir;

    private final FileImporter importer = new FileImporter(TestEvents.parser());

    @Test
    void shouldHaveACsvAndAnNdjsonExampleForEveryType() throws IOException {
        // Given
        final List<String> names = exampleFiles().stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());

        // When / Then
        for (final EventType type : EventType.values()) {
            assertThat(names).contains(type.cliName() + ".csv", type.cliName() + ".ndjson");
        }
    }

    @Test
    void shouldAcceptEveryRowOfEveryValidExample() throws IOException {
        for (final Path example : exampleFiles()) {
            if (example.getFileName().toString().equals(ERROR_DEMO)) {
                continue;
            }
            // Given
            final Path copy = Files.copy(example, dir.resolve(example.getFileName()));
            final RecordingSink sink = new RecordingSink();

            // When
            final ImportSummary summary = importer.importFile(copy, typeOf(example), sink, ProgressListener.NONE);

            // Then
            assertThat(summary.read()).as(example.toString()).isBetween(3L, 6L);
            assertThat(summary.accepted()).as(example.toString()).isEqualTo(summary.read());
            assertThat(summary.rejectFile()).as(example.toString()).isNull();
        }
    }

    @Test
    void shouldRejectExactlyTheBrokenRowsOfTheErrorDemo() throws IOException {
        // Given
        final Path copy = Files.copy(examplesDir().resolve(ERROR_DEMO), dir.resolve(ERROR_DEMO));

        // When
        final ImportSummary summary = importer.importFile(copy, EventType.STAFF, new RecordingSink(), ProgressListener.NONE);

        // Then
        assertThat(summary).isEqualTo(new ImportSummary(6, 2, 4, 0, dir.resolve(ERROR_DEMO + ".rejects.csv")));
        assertThat(RejectRows.read(summary.rejectFile()))
                .extracting(row -> row.line() + " " + row.field() + ": " + row.reason())
                .containsExactly(
                        "3 role: unknown symbol 'HEADMASTER'; allowed: TEACHER, IT_TEACHER, MANAGER, EMPLOYEE",
                        "4 occurredAt: a date without a time is not an instant: '2024-08-15'; give a time and offset,"
                                + " e.g. 2024-08-15T08:00:00+07:00",
                        "5 staffId: missing required field",
                        "5 action: unknown symbol 'PROMOTED'; allowed: JOINED, TRANSFERRED, LEFT, RELEASED, TEAM_JOINED, TEAM_LEFT",
                        "6 (line): expected 5 columns as in the header, found 6");
    }

    private static EventType typeOf(final Path example) {
        final String name = example.getFileName().toString();
        final String cliName = name.substring(0, name.indexOf('.')).split("-")[0];
        return EventType.fromCliName(cliName).orElseThrow(() -> new AssertionError("no event type for " + name));
    }

    private static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(examplesDir())) {
            return files.filter(p -> p.toString().endsWith(".csv") || p.toString().endsWith(".ndjson"))
                    .filter(p -> !p.toString().endsWith(RejectWriter.SUFFIX))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The repository's {@code examples/} directory, found upwards from the module directory. */
    private static Path examplesDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            final Path candidate = dir.resolve("examples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no examples/ directory above " + Path.of("").toAbsolutePath());
    }
}
