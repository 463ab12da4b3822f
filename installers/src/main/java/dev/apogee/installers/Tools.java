package dev.apogee.installers;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * The JDK's packaging tools (jlink, jpackage) run in this JVM through {@link ToolProvider}, so the build
 * needs no path to a JDK's {@code bin} and works the same on every platform.
 */
final class Tools {

    private Tools() {
    }

    /**
     * Runs {@code tool} with {@code args}, printing its command line and output.
     *
     * @throws PackagingException if the tool is missing or fails, with its output
     */
    static void run(String tool, List<String> args) {
        ToolProvider provider = ToolProvider.findFirst(tool).orElseThrow(() -> new PackagingException(
                tool + " is not in this JDK (" + System.getProperty("java.home") + "); build with a full JDK 17+"));
        System.out.println("[installers] " + tool + " " + String.join(" ", args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new));
        if (!out.toString().isBlank()) {
            System.out.print(out);
        }
        if (exit != 0) {
            throw new PackagingException(tool + " failed (exit " + exit + "):\n" + err + out);
        }
    }

    /** Whether {@code command} is an executable on the PATH. */
    static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
