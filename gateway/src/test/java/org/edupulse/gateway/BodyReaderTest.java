package org.edupulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    @Test
    void shouldReadABodyOfExactlyTheLimit() throws IOException {
        // Given
        final byte[] body = new byte[100];

        // When
        final byte[] read = BodyReader.read(null, new ByteArrayInputStream(body), 100);

        // Then
        assertThat(read).hasSize(100);
    }

    @Test
    void shouldRefuseABodyOneByteOverTheLimitWithoutDeclaredLengthAndDiscardTheRest() {
        // Given
        final CountingStream in = new CountingStream(new byte[10_000]);

        // When / Then
        assertThatThrownBy(() -> BodyReader.read(null, in, 100))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(413));
        assertThat(in.read).isEqualTo(10_000);
    }

    @Test
    void shouldRefuseADeclaredLengthAboveTheLimitAndDiscardTheBodySoTheClientReadsThe413() {
        // Given
        final CountingStream in = new CountingStream(new byte[10_000]);

        // When / Then
        assertThatThrownBy(() -> BodyReader.read("10000", in, 100))
                .isInstanceOfSatisfying(Problem.class, p -> {
                    assertThat(p.status()).isEqualTo(413);
                    assertThat(p.body()).containsEntry("maxBodyBytes", 100L).containsEntry("error", "payload_too_large");
                });
        assertThat(in.read).isEqualTo(10_000);
    }

    @Test
    void shouldNotReadADeclaredBodyBeyondTheDiscardBudget() {
        // Given
        final CountingStream in = new CountingStream(new byte[10_000]);
        final String declared = Long.toString(BodyReader.DISCARD_BYTES + 1);

        // When / Then
        assertThatThrownBy(() -> BodyReader.read(declared, in, 100))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(413));
        assertThat(in.read).isZero();
    }

    @Test
    void shouldStopDiscardingAStreamedBodyAtTheBudget() {
        // Given: an endless body
        final InputStream endless = new InputStream() {
            private long served;

            @Override
            public int read() {
                served++;
                if (served > 2 * BodyReader.DISCARD_BYTES) {
                    throw new AssertionError("read past the discard budget");
                }
                return 'x';
            }
        };

        // When / Then
        assertThatThrownBy(() -> BodyReader.read(null, endless, 100))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(413));
    }

    @Test
    void shouldRefuseANonNumericContentLength() {
        // When / Then
        assertThatThrownBy(() -> BodyReader.read("ten", new ByteArrayInputStream(new byte[0]), 100))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(400));
    }

    /** Counts what the reader actually pulled. */
    private static final class CountingStream extends InputStream {

        private final ByteArrayInputStream delegate;
        private int read;

        CountingStream(final byte[] content) {
            this.delegate = new ByteArrayInputStream(content);
        }

        @Override
        public int read() {
            final int b = delegate.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(final byte[] buffer, final int offset, final int length) {
            final int n = delegate.read(buffer, offset, length);
            read += Math.max(n, 0);
            return n;
        }
    }
}
