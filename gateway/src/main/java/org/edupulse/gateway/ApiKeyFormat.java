package org.edupulse.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of a gateway key, {@code ep_<keyId>_<secret>}: a fixed prefix so a leaked key is
 * recognisable in a scanner, a short public key id (12 lowercase hex characters) that may be
 * shown in logs and used to revoke, and 256 random bits in unpadded base64url. Only the SHA-256
 * of the whole key is ever stored, so the topic never holds a usable key.
 */
public final class ApiKeyFormat {

    public static final String PREFIX = "ep_";

    private static final int KEY_ID_BYTES = 6;
    private static final int SECRET_BYTES = 32;
    private static final Pattern KEY = Pattern.compile("ep_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private ApiKeyFormat() {
    }

    /** A fresh key; call with one shared {@link SecureRandom}. */
    public static String generate(final SecureRandom random) {
        final byte[] id = new byte[KEY_ID_BYTES];
        final byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(id);
        random.nextBytes(secret);
        return PREFIX + HEX.formatHex(id) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** Lowercase hex SHA-256 of the key's UTF-8 bytes: the record key and the lookup key. */
    public static String sha256Hex(final String key) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Whether the text has the shape of a full key. */
    public static boolean isKey(final String text) {
        return text != null && KEY.matcher(text).matches();
    }

    /** Whether the text has the shape of a key id, the public middle part of a key. */
    public static boolean isKeyId(final String text) {
        return text != null && KEY_ID.matcher(text).matches();
    }

    /** Whether the text has the shape of a key hash. */
    public static boolean isHash(final String text) {
        return text != null && HASH.matcher(text).matches();
    }

    /** The key id of a full key, or empty if the text is not shaped like a key. */
    public static Optional<String> keyIdOf(final String key) {
        if (key == null) {
            return Optional.empty();
        }
        final Matcher matcher = KEY.matcher(key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
