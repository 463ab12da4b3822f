package dev.apogee.admin.ui;

import dev.apogee.admin.service.MessageRecord;
import javafx.stage.Window;

/** What a screen may ask of the main window: switch screens, and the window to own its dialogs. */
public interface Navigator {

    /** Shows {@code screen}. */
    void show(Screen screen);

    /** Shows {@code message} in the detail screen and switches to it. */
    void openMessage(MessageRecord message);

    /** Switches to the browse screen with {@code topic}'s queues loaded. */
    void browseTopic(String topic);

    /** Adds {@code group} to the offset watch and switches to it. */
    void watchGroup(String group);

    /** Switches to the dead-letter screen with {@code group}'s dead letters loaded. */
    void deadLettersOf(String group);

    /** The main window (owner of dialogs and file choosers). */
    Window window();

    /** The theme, which dialogs follow. */
    Themes themes();
}
