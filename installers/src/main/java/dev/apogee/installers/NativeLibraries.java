package dev.apogee.installers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The native libraries inside OpenJFX's platform jars, copied into a jlink runtime. jlink links the jars'
 * classes but leaves their libraries as resources, which JavaFX would unpack into {@code ~/.openjfx/cache}
 * at first start; found in the runtime's library directory instead, they load from there and nothing is
 * written to the user's home.
 */
final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * Copies every {@code .so}, {@code .dylib} and {@code .dll} at the top of the jars in {@code jars} to
     * {@code runtime}'s library directory ({@code bin} on Windows, {@code lib} elsewhere).
     *
     * @return how many were copied
     */
    static int copyInto(Path jars, Path runtime) throws IOException {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path target = runtime.resolve(windows ? "bin" : "lib");
        int copied = 0;
        List<Path> all;
        try (Stream<Path> files = Files.list(jars)) {
            all = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
        for (Path jar : all) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.indexOf('/') < 0
                            && (name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll"))) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                        }
                        copied++;
                    }
                }
            }
        }
        if (copied == 0) {
            throw new PackagingException("no JavaFX native libraries in " + jars + ": are the platform jars there?");
        }
        return copied;
    }
}
