package org.edupulse.ingest;

import java.io.Closeable;
import java.io.IOException;

/** Rows of one input file, read and parsed one at a time so memory stays flat whatever the file size. */
interface RowSource extends Closeable {

    /** The next data row, or null at the end of the file. Blank lines are skipped. */
    SourceRow next() throws IOException;

    /** Physical lines read so far. */
    long linesRead();

    /** Bytes read from the file so far. */
    long bytesRead();
}
