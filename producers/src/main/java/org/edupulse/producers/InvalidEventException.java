package org.edupulse.producers;

/** An event refused before it was sent, with the reason naming the field. */
public final class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidEventException(final String reason) {
        super(reason);
    }
}
