package org.edupulse.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory without ever holding more than the configured limit: a
 * declared {@code Content-Length} above it is refused before buffering anything, and a chunked
 * body is cut off one byte past the limit. Either way the answer is 413.
 *
 * <p>A refused body is still read and discarded, up to {@value #DISCARD_BYTES} bytes or the limit
 * if larger: the client is usually still sending, and closing a socket with unread input makes
 * the client see a connection reset instead of the 413. Beyond that budget the connection is
 * simply closed.
 */
final class BodyReader {

    /** How much of a refused body is read and thrown away so the client can read the 413. */
    static final long DISCARD_BYTES = 8L * 1024L * 1024L;

    private static final int BUFFER_BYTES = 8192;

    private BodyReader() {
    }

    static byte[] read(final String contentLength, final InputStream in, final long maxBytes) throws IOException {
        if (contentLength != null) {
            final long declared;
            try {
                declared = Long.parseLong(contentLength.trim());
            } catch (final NumberFormatException e) {
                throw Problem.of(400, "bad_request", "Content-Length is not a number: '" + contentLength + "'");
            }
            if (declared > maxBytes) {
                if (declared <= Math.max(DISCARD_BYTES, maxBytes)) {
                    discard(in, declared);
                }
                throw Problem.tooLarge(maxBytes);
            }
        }
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        while (true) {
            // Ask for at most one byte more than allowed: enough to know the body is too large.
            final int wanted = (int) Math.min(buffer.length, maxBytes + 1 - total);
            final int n = in.read(buffer, 0, wanted);
            if (n < 0) {
                return out.toByteArray();
            }
            total += n;
            if (total > maxBytes) {
                discard(in, Math.max(DISCARD_BYTES, maxBytes));
                throw Problem.tooLarge(maxBytes);
            }
            out.write(buffer, 0, n);
        }
    }

    private static void discard(final InputStream in, final long limit) throws IOException {
        final byte[] buffer = new byte[BUFFER_BYTES];
        long discarded = 0;
        while (discarded < limit) {
            final int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - discarded));
            if (n < 0) {
                return;
            }
            discarded += n;
        }
    }
}
