package dev.apogee.admin.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminOptionsTest {

    @Test
    void theCommandLineChoosesTheDataDirectoryAndTheClusterToConnectTo() {
        AdminOptions options = AdminOptions.parse(List.of("--data-dir", "/tmp/a", "--connect", "127.0.0.1:9876"));
        assertEquals(Path.of("/tmp/a"), options.dataDirectory());
        assertEquals("127.0.0.1:9876", options.connect());
        assertNull(AdminOptions.parse(List.of()).connect(), "nothing to connect to unless asked");
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> AdminOptions.parse(List.of("--connect")));
        assertTrue(missing.getMessage().contains("--connect"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AdminOptions.parse(List.of("--conect", "x")));
    }
}
