package org.edupulse.app;

/** Exit codes shared by the commands, so that scripts can tell outcomes apart. */
final class ExitCodes {

    /** Everything went as asked. */
    static final int OK = 0;
    /** The command line or a setting was wrong: nothing was done. */
    static final int USAGE = 64;
    /**
     * The Streams client died (a fatal error, or threads failing again and again): the process
     * stops so that a supervisor restarts it. 70 is EX_SOFTWARE in sysexits.h.
     */
    static final int STREAMS_DEAD = 70;

    private ExitCodes() {
    }
}
