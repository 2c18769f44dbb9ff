package org.edupulse.ingest;

import java.nio.file.Path;

/**
 * What an import did, for the operator and for the exit code. Every row read is exactly one of
 * accepted, rejected (invalid, see the reject file) or failed (valid, but the sink did not take it).
 *
 * @param read       data rows read (header and blank lines excluded)
 * @param accepted   rows published and acknowledged by the sink
 * @param rejected   rows with violations, written to the reject file
 * @param failed     valid rows whose publication failed, also written to the reject file
 * @param rejectFile the reject file, or null when nothing was rejected or failed
 */
public record ImportSummary(long read, long accepted, long rejected, long failed, Path rejectFile) {

    /** Process exit code when every row was accepted. */
    public static final int EXIT_OK = 0;

    /** Process exit code when some rows were rejected or failed. */
    public static final int EXIT_INCOMPLETE = 2;

    /** 0 when all rows were accepted, 2 when some were rejected or failed. */
    public int exitCode() {
        return rejected == 0 && failed == 0 ? EXIT_OK : EXIT_INCOMPLETE;
    }
}
