package org.edupulse.app;

import org.edupulse.gateway.HttpServerLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code edupulse} command line: one entry point for every runnable the README shows. */
@Command(name = "edupulse", mixinStandardHelpOptions = true, version = "EduPulse 0.1.0",
        description = "Live, auditable education indicators on Kafka.",
        subcommands = {DemoCommand.class, SimulateCommand.class, ImportCommand.class, GatewayCommand.class,
            KeysCommand.class, PipelineCommand.class, ResetCommand.class, ReplayCommand.class, LineageCommand.class,
            TopicsCommand.class})
public final class EduPulse implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        // The JDK HTTP server reads its request timeouts once per JVM, when the first server starts
        // (the embedded registry's in the demo): set them before any command runs.
        HttpServerLimits.DEFAULTS.applyIfAbsent(System.getProperties());
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        final CommandLine cli = new CommandLine(new EduPulse());
        cli.registerConverter(java.time.Duration.class, new DurationConverter());
        cli.registerConverter(java.time.Instant.class, new InstantConverter());
        // Usage errors get their own code: 2 means "some rows rejected" for import.
        setInvalidInputCode(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("edupulse: " + e.getMessage());
            return 1;
        });
        return cli;
    }

    private static void setInvalidInputCode(final CommandLine cli) {
        cli.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
        cli.getSubcommands().values().forEach(EduPulse::setInvalidInputCode);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
