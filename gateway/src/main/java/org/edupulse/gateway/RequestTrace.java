package org.edupulse.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one request did, filled in as it is handled and written as one structured line at the end:
 * method, path, status, school, key id, event count and duration. Never the key or the body.
 */
final class RequestTrace {

    private static final Logger LOG = LoggerFactory.getLogger("org.edupulse.gateway.access");

    private final String method;
    private final String path;
    private final long startNanos;
    private String schoolId = "-";
    private String keyId = "-";
    private int count;

    RequestTrace(final String method, final String path) {
        this.method = method;
        this.path = path;
        this.startNanos = System.nanoTime();
    }

    void authenticated(final String school, final String key) {
        this.schoolId = school;
        this.keyId = key;
    }

    void events(final int n) {
        this.count = n;
    }

    void log(final int status) {
        final long ms = (System.nanoTime() - startNanos) / 1_000_000;
        LOG.info("method={} path={} status={} school={} keyId={} count={} ms={}",
                method, path, status, schoolId, keyId, count, ms);
    }
}
