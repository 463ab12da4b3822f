package dev.apogee.admin.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.admin.store.Theme;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window without a cluster (headless, Monocle): navigation by button and by shortcut, the
 * shortcuts dialog, the theme switch and its persistence, and what an action says without a connection.
 */
@Timeout(60)
class MainWindowTest {

    @TempDir
    static Path dir;
    private static UiDriver ui;

    @BeforeAll
    static void start() throws Exception {
        ui = UiDriver.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
    }

    @AfterEach
    void closeLeftDialogs() {
        ui.closeDialogs();
    }

    @Test
    void everyScreenOpensFromItsButtonAndItsShortcut() {
        for (Screen screen : Screen.values()) {
            ui.open(screen);
        }
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9, KeyCode.DIGIT0};
        for (int i = 0; i < digits.length; i++) {
            Screen screen = Screen.values()[i];
            ui.press(KeyCode.CONTROL, digits[i]);
            ui.await(screen.title() + " by Ctrl+" + digits[i].getName(),
                    () -> ui.app.window().activeProperty().get() == screen);
            assertTrue(ui.fx(() -> ui.robot.lookup("#" + screen.navId()).<javafx.scene.control.ToggleButton>query()
                    .isSelected()), "its navigation button is selected");
        }
    }

    @Test
    void theShortcutsDialogListsEveryScreensActions() {
        ui.press(KeyCode.F1);
        ui.await("the shortcuts dialog", () -> ui.dialogShowing("#shortcutsDialog"));
        List<String> does = ui.column("#shortcutTable", "Does");
        List<String> keys = ui.column("#shortcutTable", "Keys");
        for (String action : List.of("Send", "Search", "Preview and reset...", "Delete...", "Test connection",
                "Watch group", "Export table", "Switch theme", "Re-send selected", "Load all")) {
            assertTrue(does.contains(action), action + " listed in " + does);
        }
        assertEquals(does.size(), keys.size());
        assertTrue(keys.stream().noneMatch(String::isBlank), "every row names its keys");
        ui.click("#shortcutsClose");
        ui.await("closed", () -> !ui.dialogShowing("#shortcutsDialog"));
    }

    @Test
    void theThemeSwitchesRestylesAndIsSaved() {
        Theme before = ui.fx(() -> ui.context().store().settings().load().theme());
        Theme after = before == Theme.DARK ? Theme.LIGHT : Theme.DARK;
        ui.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T);
        ui.await("restyled", () -> ui.app.window().scene().getStylesheets().stream()
                .anyMatch(sheet -> sheet.endsWith(after == Theme.DARK ? "dark.css" : "light.css")));
        assertEquals(after, ui.fx(() -> ui.context().store().settings().load().theme()), "saved in the settings");
        ui.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.T);
        ui.await("back", () -> ui.fx(() -> ui.context().store().settings().load().theme()) == before);
    }

    @Test
    void anActionNeedingAClusterSaysSoWithoutAConnection() {
        ui.open(Screen.TOPICS);
        ui.click("#refreshTopics");
        ui.await("told to connect", () -> ui.text("#topicsValidation").equals("Connect to a cluster first"));
        assertEquals("Not connected", ui.text("#statusLive"));
        ui.open(Screen.PRODUCER);
        ui.type("#producerTopic", "Orders");
        ui.press(KeyCode.CONTROL, KeyCode.ENTER);
        ui.await("the body is asked for", () -> ui.text("#producerValidation").equals("Type a body or choose a file"));
    }
}
