package org.edupulse.app;

/** Exit codes shared by the commands, so that scripts can tell outcomes apart. */
final class ExitCodes {

    /** Everything went as asked. */
    static final int OK = 0;
    /** The command line or a setting was wrong: nothing was done. */
    static final int USAGE = 64;

    private ExitCodes() {
    }
}
