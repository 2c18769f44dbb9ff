package org.edupulse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A replay keeps over 400 bytes per record on the heap until its fold ends (BENCHMARKS.md, "Session 22"):
 * one that will not fit says so before it reads, with the setting that gives it room, rather than run out of
 * memory after hours of reading.
 */
class ReplayHeapTest {

    private static final long GIB = 1L << 30;

    @Test
    void shouldSayNothingWhenTheRecordsFitTheHeap() {
        // A province's history, and the 34 provinces' together, in the default heap of a 24 GiB machine
        assertThat(SourceReplay.heapWarning(105_000, 6 * GIB)).isEmpty();
        assertThat(SourceReplay.heapWarning(3_600_000, 6 * GIB)).isEmpty();
        // Exactly three quarters of the heap
        assertThat(SourceReplay.heapWarning(3 * GIB, 4 * GIB * SourceReplay.HEAP_BYTES_PER_RECORD)).isEmpty();
    }

    @Test
    void shouldNameTheRecordsTheHeapAndTheSettingWhenTheyDoNotFit() {
        // 10 million records need about 4.5 GiB, more than three quarters of a 5 GiB heap: -Xmx of four thirds
        // of it, rounded up
        assertThat(SourceReplay.heapWarning(10_000_000, 5 * GIB)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("10,000,000 records", "4.5 GiB", "5.0 GiB", "EDUPULSE_JAVA_OPTS=-Xmx6g"));
        // 500,000 records in a heap of 300 MiB: about 228 MiB
        assertThat(SourceReplay.heapWarning(500_000, 300L << 20)).hasValueSatisfying(warning -> assertThat(warning)
                .contains("500,000 records", "228 MiB", "300 MiB", "-Xmx1g"));
        // One record more than fits
        assertThat(SourceReplay.heapWarning(3 * GIB + 1, 4 * GIB * SourceReplay.HEAP_BYTES_PER_RECORD)).isPresent();
    }
}
