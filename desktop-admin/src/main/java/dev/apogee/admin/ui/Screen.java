package dev.apogee.admin.ui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The screens of the main window, in navigation order, each with its shortcut (Ctrl+1 ... Ctrl+0). */
public enum Screen {
    CONNECTIONS("Connections", KeyCode.DIGIT1),
    CLUSTER("Cluster", KeyCode.DIGIT2),
    TOPICS("Topics", KeyCode.DIGIT3),
    BROWSE("Browse", KeyCode.DIGIT4),
    QUERY("Query", KeyCode.DIGIT5),
    DETAIL("Message detail", KeyCode.DIGIT6),
    GROUPS("Consumer groups", KeyCode.DIGIT7),
    WATCH("Watch offsets", KeyCode.DIGIT8),
    PRODUCER("Producer", KeyCode.DIGIT9),
    DLQ("Dead letters", KeyCode.DIGIT0);

    private final String title;
    private final KeyCombination keys;

    Screen(String title, KeyCode digit) {
        this.title = title;
        this.keys = new KeyCodeCombination(digit, KeyCombination.SHORTCUT_DOWN);
    }

    public String title() {
        return title;
    }

    public KeyCombination keys() {
        return keys;
    }

    /** The id of its navigation button, e.g. {@code navTopics}. */
    public String navId() {
        String[] words = title.split(" ");
        StringBuilder id = new StringBuilder("nav");
        for (String word : words) {
            id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return id.toString();
    }
}
