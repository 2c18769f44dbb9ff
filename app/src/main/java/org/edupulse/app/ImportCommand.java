package org.edupulse.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.edupulse.ingest.EventParser;
import org.edupulse.ingest.EventType;
import org.edupulse.ingest.EventValidator;
import org.edupulse.ingest.FileImporter;
import org.edupulse.ingest.ImportSummary;
import org.edupulse.ingest.ProgressBar;
import org.edupulse.ingest.ProgressListener;
import org.edupulse.ingest.SummaryFormatter;
import org.edupulse.producers.EventPublisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code edupulse import}: publishes the valid rows of CSV or NDJSON exports and writes every
 * invalid row, with its line, field and reason, to {@code FILE.rejects.csv}. Exit code 0 when all
 * rows were accepted, 2 when some were rejected or failed (the valid ones are still published).
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import CSV (with a header row) or NDJSON exports of school systems.")
public final class ImportCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "training, certification, device, staff or school.")
    String type;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files ending in .csv, .ndjson or .jsonl.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final EventType eventType = EventType.fromCliName(type).orElse(null);
        if (eventType == null) {
            err.println("edupulse import: --type must be one of training, certification, device, staff, school; was '"
                    + type + "'");
            return ExitCodes.USAGE;
        }
        for (final Path file : files) {
            if (!Files.isReadable(file)) {
                err.println("edupulse import: cannot read " + file);
                return ExitCodes.USAGE;
            }
        }
        final EduPulseConfig config = connection.load(Map.of());
        final String bootstrap = config.bootstrapServersOrLocal();
        final String registry = config.schemaRegistryUrlOrLocal();
        final boolean terminal = System.console() != null;
        int exit = 0;
        try (EventPublisher publisher = new EventPublisher(config.publisherConfig(bootstrap, registry))) {
            final FileImporter importer = new FileImporter(new EventParser(new EventValidator()));
            for (final Path file : files) {
                final long started = System.nanoTime();
                final ProgressListener progress = terminal ? (lines, bytes, total) -> {
                    err.print("\r" + ProgressBar.render(lines, bytes, total, Duration.ofNanos(System.nanoTime() - started)));
                    err.flush();
                } : ProgressListener.NONE;
                final ImportSummary summary = importer.importFile(file, eventType, publisher::send, progress);
                if (terminal) {
                    err.println();
                }
                out.println(SummaryFormatter.format(file, summary));
                out.flush();
                exit = Math.max(exit, summary.exitCode());
            }
        }
        return exit;
    }
}
