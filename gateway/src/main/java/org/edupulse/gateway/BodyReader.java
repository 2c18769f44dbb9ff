package org.edupulse.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body into memory without ever holding more than the configured limit: a
 * declared {@code Content-Length} above it is refused before reading, and a chunked or lying
 * body is cut off one byte past the limit. Either way the answer is 413.
 */
final class BodyReader {

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
                throw Problem.tooLarge(maxBytes);
            }
            out.write(buffer, 0, n);
        }
    }
}
