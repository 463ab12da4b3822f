package dev.apogee.admin.ui;

import javafx.scene.input.KeyCombination;

/**
 * A keyboard shortcut: the keys, what it does (as the shortcuts dialog lists it), where it applies
 * ({@code Global} or a screen's title) and the action.
 */
public record Shortcut(KeyCombination keys, String description, String scope, Runnable action) {
}
