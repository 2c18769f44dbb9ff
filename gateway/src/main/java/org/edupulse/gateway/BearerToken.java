package org.edupulse.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the key out of an {@code Authorization: Bearer KEY} header (RFC 6750): the scheme is
 * case-insensitive, the token uses the b64token alphabet. Anything else is a 401 whose
 * challenge says why, so clients can tell a missing header from a bad one.
 */
final class BearerToken {

    private static final Pattern BEARER = Pattern.compile("(?i)bearer +([A-Za-z0-9._~+/-]+=*) *");

    private BearerToken() {
    }

    static String from(final String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw Problem.unauthorized(null, "missing Authorization header; send 'Authorization: Bearer YOUR_KEY'");
        }
        final Matcher matcher = BEARER.matcher(authorization);
        if (!matcher.matches()) {
            throw Problem.unauthorized("invalid_request",
                    "malformed Authorization header; expected 'Bearer YOUR_KEY'");
        }
        return matcher.group(1);
    }
}
