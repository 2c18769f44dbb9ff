package org.edupulse.gateway;

import java.util.Locale;

/**
 * Which declared request media types the gateway reads: {@code application/json} or any
 * {@code +json} type, in UTF-8. A missing Content-Type is accepted, since some HTTP clients send
 * none and the body is parsed as JSON anyway; a declared non-JSON type, curl's default form type
 * included, is a client mistake (415) that the message explains.
 */
final class ContentTypes {

    private ContentTypes() {
    }

    static void requireJson(final String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        final String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        final String mediaType = parts[0].trim();
        final boolean json = mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw Problem.unsupportedMediaType(contentType);
        }
        for (int i = 1; i < parts.length; i++) {
            final String[] parameter = parts[i].split("=", 2);
            if (parameter[0].trim().equals("charset") && parameter.length == 2) {
                final String charset = parameter[1].trim().replace("\"", "");
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    throw Problem.unsupportedMediaType(contentType);
                }
            }
        }
    }
}
