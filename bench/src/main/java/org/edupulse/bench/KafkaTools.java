package org.edupulse.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.ConsumerPerformance;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own performance tools, run in this JVM exactly as their command lines run them (same
 * classes, same arguments), so that they share the broker's JVM and cores with our code on equal
 * terms. They print their results to standard output, which is captured and parsed.
 */
final class KafkaTools {

    private static final Pattern PRODUCER_TOTAL = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency");

    /** ProducerPerformance's summary: records/s and average latency in ms. */
    record ProducerFigures(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs) {
    }

    /**
     * ConsumerPerformance's summary line.
     *
     * @param recordsPerSecond      nMsg.sec: records over the whole run, group join included
     * @param fetchRecordsPerSecond fetch.nMsg.sec: records over the fetch time, group join excluded
     */
    record ConsumerFigures(long records, double recordsPerSecond, long rebalanceMs, long fetchMs,
                           double fetchRecordsPerSecond) {
    }

    private KafkaTools() {
    }

    static ProducerFigures producerPerformance(final String bootstrap, final String topic, final long records,
                                               final int recordSize, final Map<String, Object> producerProps) {
        final List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordSize),
                "--throughput", "-1", "--reporting-interval", "600000", "--command-property"));
        producerProps.forEach((k, v) -> args.add(k + "=" + v));
        final String out = run(() -> ProducerPerformance.main(args.toArray(String[]::new)));
        String last = null;
        for (final String line : out.split("\\R")) {
            if (line.contains("50th")) {
                last = line;
            }
        }
        final Matcher m = last == null ? null : PRODUCER_TOTAL.matcher(last);
        if (m == null || !m.find()) {
            throw new IllegalStateException("No summary in ProducerPerformance's output:\n" + out);
        }
        return new ProducerFigures(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)));
    }

    static ConsumerFigures consumerPerformance(final String bootstrap, final String topicRegex, final long records,
                                               final String group) {
        final String out = run(() -> ConsumerPerformance.main(new String[] {"--bootstrap-server", bootstrap,
            "--include", topicRegex, "--num-records", Long.toString(records), "--group", group,
            "--timeout", "60000", "--hide-header"}));
        for (final String line : out.split("\\R")) {
            final String[] f = line.split(",\\s*");
            if (f.length == 10) {
                return new ConsumerFigures(Long.parseLong(f[4].trim()), Double.parseDouble(f[5].trim()),
                        Long.parseLong(f[6].trim()), Long.parseLong(f[7].trim()), Double.parseDouble(f[9].trim()));
            }
        }
        throw new IllegalStateException("No summary in ConsumerPerformance's output:\n" + out);
    }

    /** A tool's main, which may throw anything. */
    @FunctionalInterface
    private interface ToolMain {
        void run() throws Exception;
    }

    /** Runs a tool with standard output captured and Kafka's Exit turned into an exception. */
    private static synchronized String run(final ToolMain tool) {
        final PrintStream original = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka tool exited with " + code + ": " + message);
        });
        try (PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            tool.run();
        } catch (final Exception e) {
            throw new IllegalStateException("Kafka tool failed: " + e.getMessage() + "\n"
                    + captured.toString(StandardCharsets.UTF_8), e);
        } finally {
            System.setOut(original);
            Exit.resetExitProcedure();
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
