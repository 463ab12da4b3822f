package dev.apogee.admin.export;

/** File formats a table or messages can be exported to. */
public enum ExportFormat {
    /** RFC 4180 comma-separated values with a header row. */
    CSV("csv"),
    /** A JSON array of objects, one per row or message. */
    JSON("json");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }
}
