package org.edupulse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a run came from, so that a figure is never quoted without it: cores, memory, JDK and
 * the load average (other builds on a shared machine skew everything).
 *
 * @param cores       processors available to the JVM
 * @param memoryGiB   physical memory, GiB (0 when /proc/meminfo cannot be read)
 * @param jdk         java.vm.name and java.runtime.version
 * @param os          os.name and os.version
 * @param loadAverage the 1, 5 and 15 minute load averages, as /proc/loadavg prints them
 */
public record Machine(int cores, double memoryGiB, String jdk, String os, String loadAverage) {

    /** This machine, now. */
    public static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readMemoryGiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), currentLoadAverage());
    }

    /** The load averages now, e.g. {@code 1.94 2.98 3.50}; empty where /proc is missing. */
    public static String currentLoadAverage() {
        try {
            final String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (final IOException | RuntimeException e) {
            return "";
        }
    }

    private static double readMemoryGiB() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    final long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return Math.round(kib / 1024.0 / 1024.0 * 10) / 10.0;
                }
            }
        } catch (final IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** One line for the report header. */
    public String describe() {
        return String.format(Locale.ROOT, "%d cores, %.1f GiB, %s, %s, load %s", cores, memoryGiB, jdk, os, loadAverage);
    }
}
