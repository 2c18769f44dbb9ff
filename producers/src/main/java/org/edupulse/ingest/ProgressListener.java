package org.edupulse.ingest;

/**
 * Told how far an import has got, so the CLI can draw a progress bar with rate and ETA. Called on
 * the importing thread, at most once every few thousand rows and once at the end, so it may do a
 * little work but must not block.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (linesRead, bytesRead, totalBytes) -> { };

    /**
     * @param linesRead  physical lines read so far, the header included
     * @param bytesRead  bytes read from the file so far (read-ahead included, so it leads slightly)
     * @param totalBytes size of the file when the import started
     */
    void onProgress(long linesRead, long bytesRead, long totalBytes);
}
