package dev.apogee.admin.task;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The error sink the application binds to: the latest report (a view opens a dialog when it changes)
 * and the recent ones (an error list), at most {@value #CAPACITY}. Used on the UI thread only.
 */
public final class ErrorLog implements ErrorSink {

    /** Most reports kept; older ones are dropped first. */
    public static final int CAPACITY = 100;

    private final ObservableList<ErrorReport> reports = FXCollections.observableArrayList();
    private final ObservableList<ErrorReport> reportsView = FXCollections.unmodifiableObservableList(reports);
    private final ReadOnlyObjectWrapper<ErrorReport> latest = new ReadOnlyObjectWrapper<>(this, "latest");

    @Override
    public void report(ErrorReport report) {
        reports.add(report);
        if (reports.size() > CAPACITY) {
            reports.remove(0, reports.size() - CAPACITY);
        }
        latest.set(report);
    }

    /** The recent reports, oldest first. */
    public ObservableList<ErrorReport> reports() {
        return reportsView;
    }

    /** The newest report, null before the first. */
    public ReadOnlyObjectProperty<ErrorReport> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** Forgets every report (the user dismissed them). */
    public void clear() {
        reports.clear();
        latest.set(null);
    }
}
