package org.edupulse.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM of a process a test starts in order to stop it as Ctrl-C does or kill it as a machine dies (a demo, a
 * pipeline): this JVM's {@code java}, the heap given, the serial collector, and C1 only, as the test JVMs compile
 * (the parent {@code pom.xml}'s {@code it.argLine}). In processes that live a few minutes, C2 compiling Kafka's,
 * Avro's and the topology's code took more of the two cores than it saved: deploy-it's two fault tests side by side
 * in 2 min 50 s and 2 min 30 s against 4 min 17 s and 4 min 29 s with the JVM's defaults, {@code DemoRestartIT}
 * 51.7 s against 57.6 s (BENCHMARKS.md, session 30). What the tests check does not depend on the JIT.
 */
public final class TestProcessJvm {

    private TestProcessJvm() {
    }

    /**
     * {@code java} and its options, before the class path or jar and the command's own arguments. The log cleaner
     * map the build gives this JVM's embedded brokers goes to the process's too (a demo runs one).
     */
    public static List<String> command(final String maxHeap) {
        final List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        final String dedupeBuffer = System.getProperty(KraftNode.DEDUPE_BUFFER_PROPERTY, "");
        if (!dedupeBuffer.isBlank()) {
            command.add("-D" + KraftNode.DEDUPE_BUFFER_PROPERTY + "=" + dedupeBuffer);
        }
        return List.copyOf(command);
    }
}
