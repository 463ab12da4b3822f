package dev.apogee.broker.installed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledLayoutTest {

    private static final Path HOME = Path.of("/home/ada");

    @Test
    void linuxFollowsTheXdgBaseDirectories() {
        assertEquals(new InstalledLayout(Path.of("/home/ada/.local/share/apogee"),
                Path.of("/home/ada/.local/state/apogee/logs")), InstalledLayout.of("Linux", Map.of(), HOME));
        assertEquals(new InstalledLayout(Path.of("/xdg/data/apogee"), Path.of("/xdg/state/apogee/logs")),
                InstalledLayout.of("Linux", Map.of("XDG_DATA_HOME", "/xdg/data", "XDG_STATE_HOME", "/xdg/state"), HOME));
    }

    @Test
    void macOsAndWindowsUseTheirOwnPlaces() {
        assertEquals(new InstalledLayout(Path.of("/home/ada/Library/Application Support/Apogee"),
                Path.of("/home/ada/Library/Logs/Apogee")), InstalledLayout.of("Mac OS X", Map.of(), HOME));
        InstalledLayout windows = InstalledLayout.of("Windows 11", Map.of("LOCALAPPDATA", "/c/Users/ada/AppData/Local"),
                HOME);
        assertEquals(Path.of("/c/Users/ada/AppData/Local/Apogee/data"), windows.data());
        assertEquals(Path.of("/c/Users/ada/AppData/Local/Apogee/logs"), windows.logs());
    }

    @Test
    void theServiceEnvironmentWinsOverThePlatformPlaces() {
        InstalledLayout service = InstalledLayout.of("Linux", Map.of("APOGEE_DATA_DIR", "/var/lib/apogee",
                "APOGEE_LOG_DIR", "/var/log/apogee", "XDG_DATA_HOME", "/xdg"), HOME);
        assertEquals(new InstalledLayout(Path.of("/var/lib/apogee"), Path.of("/var/log/apogee")), service);
        assertEquals(InstalledLayout.of("Linux", Map.of(), HOME),
                InstalledLayout.of("Linux", Map.of("APOGEE_DATA_DIR", " "), HOME), "a blank variable is not a place");
    }

    @Test
    void theDataDirectoryIsAddedOnlyWhenTheCommandLineDoesNotChooseOne(@TempDir Path dir) throws Exception {
        InstalledLayout layout = new InstalledLayout(Path.of("/d"), Path.of("/l"));
        assertArrayEquals(new String[] {"--port", "1", "--data-dir", "/d"},
                InstalledMain.withDataDir(new String[] {"--port", "1"}, layout));
        String[] chosen = {"--data-dir", "/mine"};
        assertArrayEquals(chosen, InstalledMain.withDataDir(chosen, layout));
        Path choosing = Files.writeString(dir.resolve("choosing.properties"), "data-dir=/srv/apogee\n");
        String[] configured = {"--config", choosing.toString()};
        assertArrayEquals(configured, InstalledMain.withDataDir(configured, layout));
        Path silent = Files.writeString(dir.resolve("silent.properties"), "port=10911\n");
        assertArrayEquals(new String[] {"--config", silent.toString(), "--data-dir", "/d"},
                InstalledMain.withDataDir(new String[] {"--config", silent.toString()}, layout));
    }
}
