package org.edupulse.serving;

/**
 * The text of server-sent events (WHATWG HTML, "Server-sent events"): fields end with a line feed,
 * an event ends with an empty line, a data value with line breaks becomes several {@code data:}
 * lines, and a line starting with a colon is a comment that clients ignore (the heartbeat).
 */
final class SseFrames {

    private SseFrames() {
    }

    /** An event named {@code name} carrying {@code data}. */
    static String event(final String name, final String data) {
        final StringBuilder frame = new StringBuilder();
        frame.append("event: ").append(singleLine(name)).append('\n');
        for (final String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    /** A comment, e.g. a heartbeat; EventSource ignores it, proxies see traffic. */
    static String comment(final String text) {
        return ": " + singleLine(text) + "\n\n";
    }

    /** Tells the client how long to wait before reconnecting, in milliseconds. */
    static String retry(final long millis) {
        return "retry: " + millis + "\n\n";
    }

    private static String singleLine(final String text) {
        return text.replaceAll("[\r\n]", " ");
    }
}
