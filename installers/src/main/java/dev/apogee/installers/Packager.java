package dev.apogee.installers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds Apogee's installable bundles with jlink and jpackage, run by the {@code installers} Maven
 * profile: {@code Packager server key=value...}. A bundle is an application image (a directory with
 * its own trimmed Java runtime and native launchers) and, on Linux where {@code dpkg-deb} and
 * {@code fakeroot} are installed, a {@code .deb} made from that image. jpackage builds only for the
 * platform it runs on; the same build on Windows makes an {@code .msi} (with the WiX Toolset 3 on the
 * PATH) and on macOS a {@code .dmg}.
 *
 * <p>Keys: {@code input} (the jars and files the image carries in {@code lib/app}), {@code mainJar},
 * {@code launchers} (a directory of jpackage launcher property files, one extra launcher each),
 * {@code dest} (where images and packages go), {@code work} (scratch space), {@code version}.
 */
public final class Packager {

    /**
     * The server's Java modules: {@code jdeps --print-module-deps} over its class path, plus what is
     * loaded reflectively and jdeps cannot see (elliptic-curve TLS, the XML parser of the logging
     * configuration).
     */
    static final List<String> SERVER_MODULES = List.of("java.base", "java.compiler", "java.desktop",
            "java.instrument", "java.logging", "java.management", "java.naming", "java.rmi", "java.scripting",
            "java.sql", "java.xml", "jdk.crypto.ec", "jdk.jfr", "jdk.net", "jdk.unsupported");

    /**
     * Left out of the server runtime: {@code java.desktop}'s native libraries (AWT, fonts, sound, images).
     * Log4j needs the module's java.beans classes, but a server draws nothing, and those libraries would
     * make the package depend on X11 and ALSA, which a minimal server machine does not have.
     */
    static final String SERVER_EXCLUDED_FILES = "glob:/java.desktop/lib/**";

    static final String SERVER_NAME = "apogee-server";
    static final String ADMIN_NAME = "apogee-admin";

    /**
     * The desktop admin's Java modules: what its libraries use (as for the server) and the JavaFX modules
     * its views are built from, which jlink takes from the platform's OpenJFX jars on the module path.
     */
    static final List<String> ADMIN_MODULES = List.of("java.base", "java.desktop", "java.logging",
            "java.management", "java.naming", "java.scripting", "java.sql", "java.xml", "jdk.crypto.ec",
            "jdk.unsupported", "jdk.localedata", "javafx.base", "javafx.graphics", "javafx.controls");

    private Packager() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new PackagingException("usage: Packager server key=value...");
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "server" -> server(options);
            case "admin" -> admin(options);
            default -> throw new PackagingException("unknown bundle '" + args[0] + "' (server or admin)");
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                throw new PackagingException("expected key=value, not '" + args[i] + "'");
            }
            options.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new PackagingException("missing " + key + "=...");
        }
        return value;
    }

    private static void server(Map<String, String> options) throws IOException {
        Path dest = Path.of(required(options, "dest"));
        Path work = Path.of(required(options, "work"));
        String version = packageVersion(required(options, "version"));
        Path runtime = work.resolve("server-runtime");
        delete(runtime);
        delete(dest.resolve(SERVER_NAME));
        Files.createDirectories(dest);
        Tools.run("jlink", List.of("--add-modules", String.join(",", SERVER_MODULES),
                "--exclude-files=" + SERVER_EXCLUDED_FILES, "--strip-debug",
                "--no-header-files", "--no-man-pages", "--compress=2", "--output", runtime.toString()));

        List<String> image = new ArrayList<>(List.of("--type", "app-image", "--name", SERVER_NAME,
                "--app-version", version, "--vendor", "Apogee", "--description",
                "Apogee messaging server: name server and broker speaking Apache RocketMQ's protocol",
                "--input", required(options, "input"), "--main-jar", required(options, "mainJar"),
                "--main-class", "dev.apogee.broker.installed.InstalledMain", "--runtime-image", runtime.toString(),
                "--dest", dest.toString()));
        // The main launcher (apogee-server) runs the standalone server, as the extra launcher of that name does.
        image.addAll(List.of("--java-options", "-Dapogee.command=standalone"));
        serverJavaOptions().forEach(option -> image.addAll(List.of("--java-options", option)));
        for (Path launcher : launcherFiles(Path.of(required(options, "launchers")))) {
            String name = launcher.getFileName().toString().replace(".properties", "");
            image.addAll(List.of("--add-launcher", name + "=" + launcher));
        }
        Tools.run("jpackage", image);
        Path built = dest.resolve(SERVER_NAME);
        System.out.println("[installers] server image " + built + ": " + megabytes(built) + " MB");

        if (debTools()) {
            Tools.run("jpackage", List.of("--type", "deb", "--app-image", built.toString(), "--name", SERVER_NAME,
                    "--app-version", version, "--vendor", "Apogee", "--description",
                    "Apogee messaging server: name server and broker speaking Apache RocketMQ's protocol",
                    "--linux-package-name", SERVER_NAME, "--linux-app-category", "net",
                    "--linux-deb-maintainer", "apogee@localhost", "--dest", dest.toString()));
        } else {
            otherPlatformPackage(built, SERVER_NAME, version, dest);
        }
        printPackages(dest, SERVER_NAME);
    }

    /**
     * On Windows (with the WiX Toolset 3 on the PATH) an {@code .msi}, on macOS a {@code .dmg}, made from the
     * image as the {@code .deb} is on Linux; elsewhere, or without the tools, the image alone.
     */
    private static void otherPlatformPackage(Path image, String name, String version, Path dest) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> args = new ArrayList<>(List.of("--app-image", image.toString(), "--name", name,
                "--app-version", version, "--vendor", "Apogee", "--dest", dest.toString()));
        if (os.startsWith("windows") && Tools.onPath("candle.exe") && Tools.onPath("light.exe")) {
            args.addAll(0, List.of("--type", "msi"));
            args.addAll(List.of("--win-dir-chooser", "--win-menu", "--win-menu-group", "Apogee"));
        } else if (os.startsWith("mac")) {
            args.addAll(0, List.of("--type", "dmg"));
        } else {
            System.out.println("[installers] no package for " + name + ": a .deb needs Linux with dpkg-deb and "
                    + "fakeroot, an .msi Windows with the WiX Toolset 3, a .dmg macOS");
            return;
        }
        Tools.run("jpackage", args);
    }

    private static void printPackages(Path dest, String name) throws IOException {
        try (Stream<Path> packages = Files.list(dest)) {
            packages.filter(p -> p.getFileName().toString().startsWith(name) && Files.isRegularFile(p))
                    .forEach(p -> System.out.println("[installers] " + p + ": " + megabytes(p) + " MB"));
        }
    }

    private static void admin(Map<String, String> options) throws IOException {
        Path dest = Path.of(required(options, "dest"));
        Path work = Path.of(required(options, "work"));
        Path javafx = Path.of(required(options, "javafx"));
        String version = packageVersion(required(options, "version"));
        Path runtime = work.resolve("admin-runtime");
        delete(runtime);
        delete(dest.resolve(ADMIN_NAME));
        Files.createDirectories(dest);
        Tools.run("jlink", List.of("--module-path", javafx.toString(), "--add-modules",
                String.join(",", ADMIN_MODULES), "--include-locales=en", "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress=2", "--output", runtime.toString()));
        int copied = NativeLibraries.copyInto(javafx, runtime);
        System.out.println("[installers] " + copied + " JavaFX native libraries put in the admin runtime");

        String description = "Apogee Admin: desktop console for Apogee and Apache RocketMQ clusters";
        List<String> image = new ArrayList<>(List.of("--type", "app-image", "--name", ADMIN_NAME,
                "--app-version", version, "--vendor", "Apogee", "--description", description,
                "--input", required(options, "input"), "--main-jar", required(options, "mainJar"),
                "--main-class", "dev.apogee.admin.ui.AdminMain", "--runtime-image", runtime.toString(),
                "--java-options", "-Xmx512m", "--java-options", "-Dapogee.admin.version=" + version,
                "--dest", dest.toString()));
        if (linux()) {
            // A PNG is the Linux icon format; Windows wants .ico and macOS .icns (jpackage's own icon there).
            image.addAll(List.of("--icon", required(options, "icon")));
        }
        Tools.run("jpackage", image);
        Path built = dest.resolve(ADMIN_NAME);
        System.out.println("[installers] admin image " + built + ": " + megabytes(built) + " MB");

        if (debTools()) {
            // The menu entry is installed by our own package scripts (resourceDir), not xdg-desktop-menu.
            Tools.run("jpackage", List.of("--type", "deb", "--app-image", built.toString(), "--name", ADMIN_NAME,
                    "--app-version", version, "--vendor", "Apogee", "--description", description,
                    "--icon", required(options, "icon"), "--linux-shortcut", "--linux-menu-group",
                    "Development;Network;", "--linux-package-name", ADMIN_NAME, "--linux-app-category", "net",
                    "--linux-deb-maintainer", "apogee@localhost", "--resource-dir", required(options, "resources"),
                    "--dest", dest.toString()));
        } else {
            otherPlatformPackage(built, ADMIN_NAME, version, dest);
        }
        printPackages(dest, ADMIN_NAME);
    }

    /**
     * Options of every server launcher: logging configured from the image's {@code conf/} ($APPDIR is
     * {@code lib/app}, where jpackage puts the input), and the heap the servers start with from bin/apogee.
     */
    static List<String> serverJavaOptions() {
        return List.of("-Dlog4j2.configurationFile=$APPDIR/conf/log4j2.xml", "-Xms256m", "-Xmx1g");
    }

    private static List<Path> launcherFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList();
        }
    }

    /** jpackage wants one to three numbers: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0}. */
    static String packageVersion(String mavenVersion) {
        String numbers = mavenVersion.split("-", 2)[0];
        if (!numbers.matches("\\d+(\\.\\d+){0,2}")) {
            throw new PackagingException("version " + mavenVersion + " does not start with 1 to 3 numbers");
        }
        return numbers;
    }

    static boolean debTools() {
        return linux() && Tools.onPath("dpkg-deb") && Tools.onPath("fakeroot");
    }

    private static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
    }

    static long megabytes(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum() >> 20;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
