package org.edupulse.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table the dashboard shows and the API exports, as data: a title (the workbook's sheet name), the
 * headings and the rows. A cell is a {@link String}, a {@link Number} (written as a number, never as
 * text), a {@link Boolean} or null (an empty cell: "no data", never 0).
 */
record Table(String title, List<String> headers, List<List<Object>> rows) {

    Table {
        Objects.requireNonNull(title, "title");
        headers = List.copyOf(headers);
        final List<List<Object>> copy = new ArrayList<>(rows.size());
        for (final List<Object> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException("a row of table '" + title + "' has " + row.size()
                        + " cells for " + headers.size() + " headers");
            }
            copy.add(java.util.Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = List.copyOf(copy);
    }
}
