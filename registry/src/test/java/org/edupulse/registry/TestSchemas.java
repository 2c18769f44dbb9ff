package org.edupulse.registry;

/** Small Avro record schemas for evolution tests, built from named field snippets. */
final class TestSchemas {

    static final String ID = "{\"name\":\"id\",\"type\":\"string\"}";
    static final String NAME = "{\"name\":\"name\",\"type\":\"string\"}";
    static final String NAME_WITH_DEFAULT = "{\"name\":\"name\",\"type\":\"string\",\"default\":\"unknown\"}";
    static final String NAME_AS_INT = "{\"name\":\"name\",\"type\":\"int\"}";
    static final String EMAIL_OPTIONAL = "{\"name\":\"email\",\"type\":[\"null\",\"string\"],\"default\":null}";
    static final String PHONE_OPTIONAL = "{\"name\":\"phone\",\"type\":[\"null\",\"string\"],\"default\":null}";
    static final String AGE_REQUIRED = "{\"name\":\"age\",\"type\":\"int\"}";
    static final String SCORE_INT = "{\"name\":\"score\",\"type\":\"int\"}";
    static final String SCORE_LONG = "{\"name\":\"score\",\"type\":\"long\"}";
    static final String EXTRA = "{\"name\":\"extra\",\"type\":\"string\"}";
    static final String EXTRA_WITH_DEFAULT = "{\"name\":\"extra\",\"type\":\"string\",\"default\":\"x\"}";

    /** The first version most tests start from: id and name. */
    static final String STUDENT_V1 = student(ID, NAME);

    private TestSchemas() {
    }

    /** A record {@code org.edupulse.test.Student} with the given fields, in order. */
    static String student(final String... fields) {
        return "{\"type\":\"record\",\"name\":\"Student\",\"namespace\":\"org.edupulse.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }

    /** A record with another name, so it never shares an id with a Student schema. */
    static String teacher(final String... fields) {
        return "{\"type\":\"record\",\"name\":\"Teacher\",\"namespace\":\"org.edupulse.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }
}
