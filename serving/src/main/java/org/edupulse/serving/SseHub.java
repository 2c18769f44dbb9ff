package org.edupulse.serving;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans published events out to connected server-sent-event clients. Each client has a small queue
 * drained by its own request thread; a client too slow to keep up is disconnected rather than
 * allowed to hold memory (its EventSource reconnects and the page re-reads the API). A comment
 * every heartbeat interval keeps idle connections open through proxies and detects gone clients.
 */
final class SseHub implements HttpHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SseHub.class);
    private static final int QUEUE_CAPACITY = 256;
    private static final long RECONNECT_MILLIS = 2_000;
    private static final String CLOSE = "\u0000close";

    /**
     * Streams one client address may hold at once: a dashboard needs one per open tab; each stream
     * holds a request thread, so one address must not take them all from everybody else.
     */
    static final int MAX_STREAMS_PER_ADDRESS = 4;

    private final int maxClients;
    private final Duration heartbeat;
    private final Set<BlockingQueue<String>> clients = ConcurrentHashMap.newKeySet();
    private final Map<InetAddress, Integer> streamsByAddress = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean closed;

    SseHub(final int maxClients, final Duration heartbeat) {
        this.maxClients = maxClients;
        this.heartbeat = heartbeat;
    }

    /** Queues an event for every connected client. */
    void publish(final String eventName, final String data) {
        final String frame = SseFrames.event(eventName, data);
        for (final BlockingQueue<String> client : clients) {
            if (!client.offer(frame)) {
                LOG.info("Disconnecting a slow stream client ({} events queued)", client.size());
                clients.remove(client);
                client.clear();
                client.offer(CLOSE);
            }
        }
    }

    int clients() {
        return clients.size();
    }

    long eventsSent() {
        return sent.get();
    }

    @Override
    public void handle(final HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            Exchanges.send(exchange, Reply.error(405, "only GET is allowed here").withHeader("Allow", "GET"));
            return;
        }
        if (closed) {
            Exchanges.send(exchange, Reply.unavailable("the server is shutting down"));
            return;
        }
        if (clients.size() >= maxClients) {
            Exchanges.send(exchange, Reply.unavailable("too many stream clients (" + maxClients + "); retry shortly"));
            return;
        }
        final InetAddress address = exchange.getRemoteAddress().getAddress();
        if (streamsByAddress.merge(address, 1, Integer::sum) > MAX_STREAMS_PER_ADDRESS) {
            release(address);
            Exchanges.send(exchange, Reply.error(429, "this address already holds " + MAX_STREAMS_PER_ADDRESS
                    + " streams; close one first").withHeader("Retry-After", "10"));
            return;
        }
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        clients.add(queue);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, SseFrames.retry(RECONNECT_MILLIS) + SseFrames.comment("connected"));
            while (!closed) {
                final String frame = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (CLOSE.equals(frame)) {
                    break;
                }
                if (frame == null) {
                    write(out, SseFrames.comment("heartbeat"));
                } else {
                    write(out, frame);
                    sent.incrementAndGet();
                }
            }
        } catch (final IOException e) {
            LOG.debug("Stream client went away: {}", e.toString());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            clients.remove(queue);
            release(address);
            exchange.close();
        }
    }

    private void release(final InetAddress address) {
        streamsByAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
    }

    private static void write(final OutputStream out, final String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Ends every stream cleanly; clients see the connection close and may reconnect elsewhere. */
    @Override
    public void close() {
        closed = true;
        for (final BlockingQueue<String> client : clients) {
            client.clear();
            client.offer(CLOSE);
        }
    }
}
