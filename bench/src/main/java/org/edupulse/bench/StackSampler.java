package org.edupulse.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A profile of the threads that do a scenario's work: every few milliseconds it takes the stacks of
 * the threads whose name contains a given text and counts, per method, the samples it was on the
 * stack (inclusive) and on top (self). JFR's method sampler visits only a few threads per period,
 * and among the embedded broker's hundred or so threads it caught too few samples of the one stream
 * thread or replaying thread that sets a scenario's figure. Thread states are counted too, so time
 * spent waiting shows as such.
 */
final class StackSampler implements AutoCloseable {

    private final String namePart;
    private final Thread sampler;
    private final Map<String, Integer> inclusive = new HashMap<>();
    private final Map<String, Integer> self = new HashMap<>();
    private final Map<Thread.State, Integer> states = new HashMap<>();
    private int samples;
    private volatile boolean running = true;

    private StackSampler(final String namePart, final Duration period) {
        this.namePart = namePart;
        this.sampler = new Thread(() -> {
            while (running) {
                sampleOnce();
                try {
                    Thread.sleep(period.toMillis());
                } catch (final InterruptedException e) {
                    return;
                }
            }
        }, "edupulse-bench-stack-sampler");
        sampler.setDaemon(true);
    }

    /** Starts sampling the threads whose name contains {@code namePart}, every {@code period}. */
    static StackSampler start(final String namePart, final Duration period) {
        final StackSampler sampler = new StackSampler(namePart, period);
        sampler.sampler.start();
        return sampler;
    }

    private void sampleOnce() {
        // One thread at a time (a handshake with that thread), not Thread.getAllStackTraces(), which
        // stops every thread of the JVM at a safepoint and slowed the measured scenario by half.
        for (final Thread thread : threadsNamed()) {
            final StackTraceElement[] stack = thread.getStackTrace();
            if (stack.length == 0) {
                continue;
            }
            synchronized (this) {
                samples++;
                states.merge(thread.getState(), 1, Integer::sum);
                self.merge(frame(stack[0]), 1, Integer::sum);
                final Set<String> seen = new HashSet<>();
                for (final StackTraceElement element : stack) {
                    final String frame = frame(element);
                    if (seen.add(frame)) {
                        inclusive.merge(frame, 1, Integer::sum);
                    }
                }
            }
        }
    }

    /** The live threads whose name contains the text, found by walking the thread groups (no safepoint). */
    private List<Thread> threadsNamed() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() * 2 + 16];
        int count = root.enumerate(all, true);
        while (count == all.length) {
            all = new Thread[all.length * 2];
            count = root.enumerate(all, true);
        }
        final List<Thread> named = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (all[i] != sampler && all[i].getName().contains(namePart)) {
                named.add(all[i]);
            }
        }
        return named;
    }

    private static String frame(final StackTraceElement element) {
        return element.getClassName() + "." + element.getMethodName();
    }

    synchronized int samples() {
        return samples;
    }

    /**
     * The {@code top} methods by inclusive and by self samples, with their share of all samples, then
     * EduPulse's own methods by inclusive samples.
     */
    synchronized String report(final int top) {
        final StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Stack samples of threads named *%s*: %,d; states %s%n", namePart, samples, states));
        append(out, "inclusive", inclusive, top, "");
        append(out, "self", self, top, "");
        // EduPulse's own methods are usually below the top Kafka frames; listed apart so they are not cut off.
        append(out, "edupulse", inclusive, top / 3, "org.edupulse.");
        return out.toString();
    }

    private void append(final StringBuilder out, final String kind, final Map<String, Integer> counts, final int top,
                        final String prefix) {
        counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %-9s %5.1f %%  %,7d  %s%n", kind,
                        100.0 * e.getValue() / Math.max(1, samples), e.getValue(), e.getKey())));
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(Duration.ofSeconds(5).toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
