package dev.apogee.installers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop admin's image as a user starts it: its native launcher, on an X server of the test's own
 * (Xvfb, which .ci/run installs), opens the main window with the name and version in its title, using the
 * JavaFX libraries of its own runtime (nothing unpacked into the home directory); then it is closed.
 */
@Timeout(180)
class AdminImageIT {

    private static final Path DEST = Path.of(System.getProperty("apogee.installers.dest", "target/installers"));
    private static final Path IMAGE = DEST.resolve(Packager.ADMIN_NAME);
    private static final String VERSION = Packager.packageVersion(
            System.getProperty("apogee.installers.version", "0.1.0"));

    @TempDir
    Path dir;

    private Process display;
    private Process app;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : new Process[] {app, display}) {
            if (process != null && process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    @Test
    void theLauncherOpensTheMainWindowWithItsOwnJavaFx() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("Xvfb") && Tools.onPath("xwininfo"),
                "needs Xvfb and xwininfo (packages xvfb and x11-utils), which .ci/run installs");
        Path launcher = IMAGE.resolve("bin").resolve(Packager.ADMIN_NAME);
        assertTrue(Files.isExecutable(launcher), "the image has its launcher: " + launcher);
        long megabytes = Packager.megabytes(IMAGE);
        System.out.println("admin image: " + megabytes + " MB");
        assertTrue(megabytes < 150, "the image stays small (its own trimmed runtime): " + megabytes + " MB");
        assertTrue(Files.exists(IMAGE.resolve("lib/runtime/lib/libglass.so")),
                "JavaFX's native libraries are in the runtime");

        Path displayNumber = dir.resolve("display");
        // -displayfd: the server picks a free display and writes its number, so no two runs collide.
        display = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"
                + displayNumber).redirectErrorStream(true).redirectOutput(dir.resolve("xvfb.log").toFile()).start();
        String screen = ":" + awaitContent(displayNumber, 30);

        Path home = dir.resolve("home");
        Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "--data-dir", dir.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("admin.log").toFile());
        builder.environment().put("DISPLAY", screen);
        // A home of the test's own, to see that nothing is unpacked into it.
        builder.environment().put("JAVA_TOOL_OPTIONS", "-Duser.home=" + home);
        app = builder.start();

        String title = "Apogee admin " + VERSION;
        String windows = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && !windows.contains('"' + title + '"')) {
            assertTrue(app.isAlive(), "the admin exited early:\n" + Files.readString(dir.resolve("admin.log")));
            Thread.sleep(500);
            windows = Commands.run("xwininfo", "-display", screen, "-root", "-tree");
        }
        assertTrue(windows.contains('"' + title + '"'), "a window titled '" + title + "'; windows:\n" + windows
                + "\nadmin output:\n" + Files.readString(dir.resolve("admin.log")));
        assertFalse(Files.exists(home.resolve(".openjfx")), "JavaFX unpacked nothing into the home directory");
        assertTrue(Files.exists(dir.resolve("data").resolve("admin.mv.db")), "the store opened in --data-dir");

        app.destroy();
        assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the admin closes on SIGTERM");
    }

    @Test
    void theDebianPackageAddsAMenuEntryWithoutXdgTools() throws Exception {
        Assumptions.assumeTrue(Packager.debTools(), "no dpkg-deb and fakeroot here");
        Path deb;
        try (var files = Files.list(DEST)) {
            deb = files.filter(p -> p.getFileName().toString().startsWith(Packager.ADMIN_NAME + "_")
                    && p.getFileName().toString().endsWith(".deb")).findFirst().orElse(null);
        }
        assertTrue(deb != null, "a .deb in " + DEST);
        String contents = Commands.run("dpkg-deb", "--contents", deb.toString());
        for (String path : List.of("./opt/apogee-admin/bin/apogee-admin", "./opt/apogee-admin/lib/apogee-admin.png",
                "./opt/apogee-admin/lib/apogee-admin-apogee-admin.desktop")) {
            assertTrue(contents.contains(path), path + " in the package");
        }
        Path control = dir.resolve("control");
        Commands.run("dpkg-deb", "--control", deb.toString(), control.toString());
        String postinst = Files.readString(control.resolve("postinst"));
        assertFalse(postinst.lines().anyMatch(line -> line.trim().startsWith("xdg-desktop-menu")),
                "the scripts do not call xdg-desktop-menu, which fails without /etc/xdg/menus:\n" + postinst);
        assertTrue(postinst.contains("/usr/share/applications/apogee-admin.desktop"), postinst);
        Path unpacked = dir.resolve("unpacked");
        Commands.run("dpkg-deb", "--extract", deb.toString(), unpacked.toString());
        String entry = Files.readString(unpacked.resolve("opt/apogee-admin/lib/apogee-admin-apogee-admin.desktop"));
        assertTrue(entry.contains("Name=Apogee Admin") && entry.contains("Exec=/opt/apogee-admin/bin/apogee-admin"),
                entry);
        System.out.println(deb.getFileName() + ": " + (Files.size(deb) >> 20) + " MB");
    }

    private static String awaitContent(Path file, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String content = Files.readString(file).trim();
                if (!content.isEmpty()) {
                    return content;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Xvfb did not report its display within " + seconds + " s");
    }

}
