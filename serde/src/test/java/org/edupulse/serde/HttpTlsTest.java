package org.edupulse.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HttpTlsTest {

    @Test
    void shouldCreateServersThatSendWithoutNaglesDelay() throws Exception {
        // Given a JDK server made the way the gateway and the query server make theirs
        final HttpServer server = HttpTls.createServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), null);
        try {
            // Then its connections set TCP_NODELAY: with Nagle's algorithm a response's body waited for the
            // client's delayed acknowledgement of its headers, about 40 ms on each kept-alive request
            assertThat(System.getProperty(HttpTls.NO_DELAY_PROPERTY)).isEqualTo("true");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldKeepAValueGivenOnTheCommandLine() {
        // Given an operator's own -Dsun.net.httpserver.nodelay
        final String before = System.getProperty(HttpTls.NO_DELAY_PROPERTY);
        System.setProperty(HttpTls.NO_DELAY_PROPERTY, "false");
        try {
            // When servers are made
            HttpTls.sendWithoutDelay();

            // Then it stands
            assertThat(System.getProperty(HttpTls.NO_DELAY_PROPERTY)).isEqualTo("false");
        } finally {
            if (before == null) {
                System.clearProperty(HttpTls.NO_DELAY_PROPERTY);
            } else {
                System.setProperty(HttpTls.NO_DELAY_PROPERTY, before);
            }
        }
    }
}
