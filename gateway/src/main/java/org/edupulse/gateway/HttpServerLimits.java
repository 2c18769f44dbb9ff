package org.edupulse.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The JDK HTTP server's own time and header limits, set in this one place. Without them a client
 * that opens a connection and sends half a request header holds one of the gateway's handler
 * threads for ever: the JDK server reads the header on a handler thread and, by default, has no
 * request timeout ({@code sun.net.httpserver.maxReqTime} is -1).
 *
 * <p>The JDK server (17.0.15, checked against its {@code sun.net.httpserver.ServerConfig}) reads
 * these only from system properties, once per JVM, when the first {@code HttpServer} of the JVM
 * is created; so {@link #applyIfAbsent} must run before that, and a value an operator set with
 * {@code -D} is kept. The limits used:
 * <ul>
 *   <li>{@code sun.net.httpserver.maxReqTime} (seconds): the request line, headers and body must
 *       all arrive within it, or the connection is closed (checked every second,
 *       {@code sun.net.httpserver.timerMillis}). A connection that has sent nothing yet is closed
 *       after the smaller of this and the idle interval.</li>
 *   <li>{@code sun.net.httpserver.idleInterval} (seconds): a kept-alive connection with no request
 *       is closed after it (checked every {@code sun.net.httpserver.clockTick}, 10 s by default).</li>
 *   <li>{@code sun.net.httpserver.maxReqHeaders} and {@code sun.net.httpserver.maxReqHeaderSize}
 *       (bytes): more or larger headers are refused.</li>
 * </ul>
 * {@code sun.net.httpserver.maxRspTime} is deliberately left unset: it would also cut the query
 * API's server-sent event streams, which share the JVM (and so these settings) in the demo and the
 * pipeline, and the gateway already bounds its own wait for Kafka ({@code gateway.publish.timeout.ms}).
 *
 * @param maxRequestTime        longest time to receive one request, header and body; whole seconds
 * @param idleInterval          longest idle time of a kept-alive connection; whole seconds
 * @param maxRequestHeaders     most header lines in one request
 * @param maxRequestHeaderBytes largest total size of the request headers
 */
public record HttpServerLimits(Duration maxRequestTime, Duration idleInterval, int maxRequestHeaders,
                               int maxRequestHeaderBytes) {

    public static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    public static final String IDLE_INTERVAL = "sun.net.httpserver.idleInterval";
    public static final String MAX_REQ_HEADERS = "sun.net.httpserver.maxReqHeaders";
    public static final String MAX_REQ_HEADER_SIZE = "sun.net.httpserver.maxReqHeaderSize";

    /**
     * 30 s for a whole request (a 1 MiB body needs about 280 kbit/s), 30 s idle (the JDK's own
     * default, made explicit), 100 headers of at most 64 KiB together.
     */
    public static final HttpServerLimits DEFAULTS = new HttpServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(30),
            100, 64 * 1024);

    public HttpServerLimits {
        requireWholeSeconds(maxRequestTime, MAX_REQ_TIME);
        requireWholeSeconds(idleInterval, IDLE_INTERVAL);
        if (maxRequestHeaders < 1) {
            throw new IllegalArgumentException(MAX_REQ_HEADERS + " must be 1 or more, was " + maxRequestHeaders);
        }
        if (maxRequestHeaderBytes < 1) {
            throw new IllegalArgumentException(MAX_REQ_HEADER_SIZE + " must be 1 or more, was " + maxRequestHeaderBytes);
        }
    }

    /**
     * Sets each of the four properties in {@code target} ({@code System.getProperties()} in
     * production) unless it is already set, and returns the values then in force, by property name.
     */
    public Map<String, String> applyIfAbsent(final Properties target) {
        Objects.requireNonNull(target, "target");
        target.putIfAbsent(MAX_REQ_TIME, Long.toString(maxRequestTime.toSeconds()));
        target.putIfAbsent(IDLE_INTERVAL, Long.toString(idleInterval.toSeconds()));
        target.putIfAbsent(MAX_REQ_HEADERS, Integer.toString(maxRequestHeaders));
        target.putIfAbsent(MAX_REQ_HEADER_SIZE, Integer.toString(maxRequestHeaderBytes));
        final Map<String, String> inForce = new LinkedHashMap<>();
        for (final String name : new String[] {MAX_REQ_TIME, IDLE_INTERVAL, MAX_REQ_HEADERS, MAX_REQ_HEADER_SIZE}) {
            inForce.put(name, String.valueOf(target.get(name)));
        }
        return inForce;
    }

    private static void requireWholeSeconds(final Duration value, final String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.toMillis() % 1_000 != 0) {
            throw new IllegalArgumentException(name + " must be a positive whole number of seconds, was " + value);
        }
    }
}
