package dev.apogee.admin.viewmodel;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** A watched group's samples, oldest first, for one line of the chart. */
public final class LagSeries {

    private final String group;
    private final ObservableList<LagPoint> points = FXCollections.observableArrayList();
    private final ObservableList<LagPoint> pointsView = FXCollections.unmodifiableObservableList(points);

    LagSeries(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    /** The samples in the window, oldest first. */
    public ObservableList<LagPoint> points() {
        return pointsView;
    }

    ObservableList<LagPoint> mutablePoints() {
        return points;
    }
}
