package dev.apogee.admin.viewmodel;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A watched group's samples, oldest first, for one line of the chart. */
public final class LagSeries {

    private final String group;
    private final ObservableList<LagPoint> points = FXCollections.observableArrayList();

    LagSeries(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The samples in the window, oldest first. */
    public ObservableList<LagPoint> points() {
        return FXCollections.unmodifiableObservableList(points);
    }

    ObservableList<LagPoint> mutablePoints() {
        return points;
    }
}
