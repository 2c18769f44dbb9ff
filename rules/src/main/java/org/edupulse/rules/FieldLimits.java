package org.edupulse.rules;

import org.apache.avro.Schema;

/**
 * The size of every string and list an event may carry, in one place, so that no record from a
 * school system can grow an internal record past what Kafka accepts (a 600 KB {@code staffId} once
 * became a repartition record above {@code max.request.size}: the stream thread died on it, on
 * every instance, after every restart). The limits are generous for real school data and tiny
 * next to Kafka's 1 MiB: ids of the ministry's school codes, HR numbers, asset tags and UUIDs are
 * under 40 characters; the longest Vietnamese school name of the province is under 100.
 *
 * <p>A string field's limit follows its name: ids ({@code ...Id}, and the entries of
 * {@code ...Ids}) {@value #MAX_ID_LENGTH} characters, names ({@code name}, {@code ...Name})
 * {@value #MAX_NAME_LENGTH}, any other text (programme, issuer, label) {@value #MAX_TEXT_LENGTH}.
 * A list holds at most {@value #MAX_LIST_ENTRIES} entries (a session register of a whole
 * district's teachers fits). Lengths count characters (Unicode code points), as a clerk does.
 *
 * <p>The largest valid event is therefore about {@value #MAX_LIST_ENTRIES} x {@value #MAX_ID_LENGTH}
 * characters of staff ids: 100 KB in ASCII, 400 KB at worst in UTF-8, below
 * {@value #MAX_RECORD_BYTES} bytes, which is the most the pipeline reads of one raw record (key and
 * value together) before decoding it. A dead letter copying such a record, with its reason and
 * origin, still fits in the producer's default {@code max.request.size} of 1 MiB.
 */
public final class FieldLimits {

    /** Characters of an id: {@code eventId}, {@code schoolId}, {@code staffId}, each entry of {@code staffIds}... */
    public static final int MAX_ID_LENGTH = 100;
    /** Characters of a name: a school's, commune's, district's, province's. */
    public static final int MAX_NAME_LENGTH = 200;
    /** Characters of any other text: a sponsorship programme, a certificate's issuer. */
    public static final int MAX_TEXT_LENGTH = 200;
    /** Entries of a list, such as the {@code staffIds} of a training session. */
    public static final int MAX_LIST_ENTRIES = 1_000;
    /** Bytes of one raw record's key and value together that the pipeline decodes at all. */
    public static final int MAX_RECORD_BYTES = 900 * 1024;

    private FieldLimits() {
    }

    /** The most characters a string field (or each entry of a list field) of this name may hold. */
    public static int maxLength(final String fieldName) {
        if (fieldName.endsWith("Id") || fieldName.endsWith("Ids")) {
            return MAX_ID_LENGTH;
        }
        if ("name".equals(fieldName) || fieldName.endsWith("Name")) {
            return MAX_NAME_LENGTH;
        }
        return MAX_TEXT_LENGTH;
    }

    /** The most characters a field of the schema may hold: {@link #maxLength(String)} by its name. */
    static int maxLength(final Schema.Field field) {
        return maxLength(field.name());
    }

    /** Characters of {@code value} (code points), counted only when its UTF-16 length could exceed {@code max}. */
    static boolean isLonger(final String value, final int max) {
        return value.length() > max && value.codePointCount(0, value.length()) > max;
    }

    /** Characters of {@code value} (code points). */
    static int length(final String value) {
        return value.codePointCount(0, value.length());
    }
}
