package org.edupulse.ingest;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats schools export, recognised by file extension so no flag can contradict the content. */
public enum InputFormat {

    /** Comma-separated values with a header row of Avro field names. */
    CSV,
    /** One JSON object per line, the same object the HTTP gateway accepts. */
    NDJSON;

    /** The format of the file, from its extension: {@code .csv}, {@code .ndjson} or {@code .jsonl}. */
    public static InputFormat of(final Path file) {
        final String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".ndjson") || name.endsWith(".jsonl")) {
            return NDJSON;
        }
        throw new IllegalArgumentException("cannot tell the format of " + file + ": expected a .csv, .ndjson or .jsonl file");
    }
}
