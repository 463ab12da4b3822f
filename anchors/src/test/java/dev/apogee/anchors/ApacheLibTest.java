package dev.apogee.anchors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApacheLibTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(ApacheLib.PROPERTY);
    }

    @Test
    void theBuildWritesDownAnAbsoluteDirectoryThatHoldsTheServersJars() throws IOException {
        ApacheLib lib = ApacheLib.locate();

        assertTrue(lib.directory().isAbsolute());
        assertEquals("5.5.0", lib.version());
        assertTrue(Files.isRegularFile(lib.directory().resolve("rocketmq-broker-5.5.0.jar")));
        // The servers' own Netty, not the 4.2 the parent's BOM gives Apogee's modules.
        try (var jars = Files.list(lib.directory())) {
            assertTrue(jars.anyMatch(jar -> jar.getFileName().toString().matches("netty-all-4\\.1\\..*\\.jar")));
        }
        assertEquals(lib.directory() + "/*", lib.classPath());
    }

    @Test
    void theSystemPropertyOverridesTheDirectory() throws IOException {
        Files.createFile(dir.resolve("rocketmq-namesrv-5.5.0.jar"));
        Files.createFile(dir.resolve("rocketmq-broker-5.5.0.jar"));
        System.setProperty(ApacheLib.PROPERTY, dir.toString());

        assertEquals(dir, ApacheLib.locate().directory());
    }

    @Test
    void aDirectoryWithoutTheJarsIsRefusedWithHowToGetThem() {
        System.setProperty(ApacheLib.PROPERTY, dir.toString());

        IOException refused = assertThrows(IOException.class, ApacheLib::locate);

        assertTrue(refused.getMessage().contains("-Dapogee.apache.lib"), refused.getMessage());
        assertTrue(refused.getMessage().contains("rocketmq-namesrv-5.5.0.jar"), refused.getMessage());
    }
}
