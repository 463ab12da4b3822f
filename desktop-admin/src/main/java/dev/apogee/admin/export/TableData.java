package dev.apogee.admin.export;

import java.util.List;

/**
 * A table as shown: column titles and rows of display text, what an export writes.
 *
 * @param columns the column titles
 * @param rows    each row's cells, as many as there are columns
 */
public record TableData(List<String> columns, List<List<String>> rows) {

    public TableData {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(row))).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for " + columns.size() + " columns");
            }
        }
    }
}
