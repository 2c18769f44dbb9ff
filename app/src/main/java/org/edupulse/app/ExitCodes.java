package org.edupulse.app;

/** Exit codes shared by the commands, so that scripts can tell outcomes apart. */
final class ExitCodes {

    /** Everything went as asked. */
    static final int OK = 0;
    /** Some input was rejected (import), or the audit found differences (replay uses 3). */
    static final int PARTIAL = 2;
    /** The command line or a setting was wrong: nothing was done. */
    static final int USAGE = 64;

    private ExitCodes() {
    }
}
