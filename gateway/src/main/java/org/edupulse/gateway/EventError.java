package org.edupulse.gateway;

/**
 * One problem with one event of a request, addressed by its position so a client can fix a batch
 * in one round trip. Serialised as {@code {"index":i,"field":f,"reason":r}}.
 *
 * @param index  zero-based position of the event in the request (0 for a single object)
 * @param field  the field at fault, or a pseudo-field in parentheses such as {@code (line)}
 * @param reason what is wrong, naming the offending value where useful
 */
record EventError(int index, String field, String reason) {
}
