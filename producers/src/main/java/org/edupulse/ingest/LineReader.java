package org.edupulse.ingest;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a UTF-8 file one physical line at a time, numbering lines from 1, so reject rows can
 * point at the line a clerk sees in an editor. Invalid UTF-8 (a file saved in a legacy code page)
 * is replaced by U+FFFD rather than aborting the file, so the row can be rejected on its own.
 * A file that starts with a UTF-16 byte order mark (Excel's "Unicode" exports, Notepad's old
 * default) is decoded as UTF-16, so that its lines and line numbers are the ones the clerk sees,
 * and flagged {@link #isUtf16()} so its rows are rejected with a reason that says what to change.
 */
final class LineReader implements Closeable {

    /** What the decoder puts in place of bytes that are not UTF-8. */
    static final char REPLACEMENT = '\uFFFD';

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final CountingInputStream bytes;
    private final BufferedReader reader;
    private final boolean utf16;
    private long lineNumber;

    LineReader(final Path file) throws IOException {
        this.bytes = new CountingInputStream(Files.newInputStream(file));
        final PushbackInputStream in = new PushbackInputStream(bytes, 2);
        final byte[] start = in.readNBytes(2);
        in.unread(start);
        this.utf16 = start.length == 2 && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
                || (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE));
        // Java's UTF-16 decoder reads the byte order from the mark and drops the mark.
        final Charset charset = utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
        this.reader = new BufferedReader(new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** Whether the file starts with a UTF-16 byte order mark: readable, but not the UTF-8 the importer takes. */
    boolean isUtf16() {
        return utf16;
    }

    /** The next line without its terminator, or null at the end of the file. */
    String readLine() throws IOException {
        final String line = reader.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
            return line.substring(1);
        }
        return line;
    }

    /** Number of the line last returned by {@link #readLine()}, 1-based. */
    long lineNumber() {
        return lineNumber;
    }

    long bytesRead() {
        return bytes.count();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
