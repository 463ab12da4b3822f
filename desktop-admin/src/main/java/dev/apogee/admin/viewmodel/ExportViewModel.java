package dev.apogee.admin.viewmodel;

import dev.apogee.admin.export.ExportFormat;
import dev.apogee.admin.export.Exporter;
import dev.apogee.admin.export.TableData;
import dev.apogee.admin.service.MessageRecord;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Export of a table (any screen's, through {@link dev.apogee.admin.export.Tables}) or of selected
 * messages to a CSV or JSON file, written in the background.
 */
public final class ExportViewModel extends ScreenViewModel {

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    public ExportViewModel(Session session) {
        super(session);
    }

    /** What the last export did. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Writes {@code table} to {@code file}. */
    public boolean exportTable(TableData table, ExportFormat format, Path file) {
        if (file == null) {
            return invalid("Choose a file to export to");
        }
        if (table.rows().isEmpty()) {
            return invalid("The table is empty; there is nothing to export");
        }
        valid();
        return submit("Export to " + file.getFileName(), progress -> {
            Exporter.write(table, format, file);
            return table.rows().size();
        }, rows -> status.set("Exported " + rows + " rows to " + file), null);
    }

    /** Writes {@code messages} (every field, the body as text or Base64) to {@code file}. */
    public boolean exportMessages(List<MessageRecord> messages, ExportFormat format, Path file) {
        if (file == null) {
            return invalid("Choose a file to export to");
        }
        if (messages.isEmpty()) {
            return invalid("Select the messages to export");
        }
        valid();
        List<MessageRecord> chosen = List.copyOf(messages);
        return submit("Export messages to " + file.getFileName(), progress -> {
            Exporter.writeMessages(chosen, format, file);
            return chosen.size();
        }, count -> status.set("Exported " + count + " messages to " + file), null);
    }
}
