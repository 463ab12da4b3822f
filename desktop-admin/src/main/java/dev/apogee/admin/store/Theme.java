package dev.apogee.admin.store;

/** The application's colour scheme. */
public enum Theme {
    LIGHT,
    DARK
}
