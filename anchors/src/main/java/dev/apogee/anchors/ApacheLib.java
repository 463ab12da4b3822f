package dev.apogee.anchors;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The directory that holds the Apache RocketMQ servers' jars (the name server's and the broker's
 * runtime closure, with the netty-all 4.1 they ship with). The anchors build copies them there
 * ({@code anchors/apache-runtime/pom.xml}) and writes the directory's absolute path into this jar's
 * {@code apache-runtime.properties}; the system property {@value #PROPERTY} overrides it, for a copy
 * elsewhere. The jars are never on a class path of ours: the servers run in child JVMs on them.
 *
 * @param directory the directory, absolute
 * @param version   the Apache RocketMQ version the jars are of
 */
public record ApacheLib(Path directory, String version) {

    /** The system property that names another directory than the one the build wrote down. */
    public static final String PROPERTY = "apogee.apache.lib";

    private static final String RESOURCE = "apache-runtime.properties";

    public ApacheLib {
        directory = directory.toAbsolutePath();
    }

    /**
     * The directory named by {@value #PROPERTY}, else the one the build wrote down, checked to hold the
     * name server's and broker's jars of the version the build was made for.
     *
     * @throws IOException if neither names a directory with those jars; the message says how to get them
     */
    public static ApacheLib locate() throws IOException {
        Properties built = built();
        String overridden = System.getProperty(PROPERTY);
        String directory = overridden != null && !overridden.isBlank() ? overridden
                : built.getProperty("apache.lib.dir");
        ApacheLib lib = new ApacheLib(Path.of(directory), built.getProperty("rocketmq.version"));
        lib.check(overridden != null ? "-D" + PROPERTY : "the anchors build");
        return lib;
    }

    /** Jars of the version this anchors jar was built for, in {@code directory}; not checked yet. */
    public static ApacheLib at(Path directory) throws IOException {
        return new ApacheLib(directory, built().getProperty("rocketmq.version"));
    }

    private static Properties built() throws IOException {
        Properties built = new Properties();
        try (InputStream in = ApacheLib.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing beside " + ApacheLib.class.getName()
                        + "; this anchors jar was not built by its pom");
            }
            built.load(in);
        }
        return built;
    }

    /** Fails unless the directory holds the name server's and the broker's jars. */
    public void check(String namedBy) throws IOException {
        for (String artifact : new String[] {"rocketmq-namesrv", "rocketmq-broker"}) {
            Path jar = directory.resolve(artifact + "-" + version + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IOException(directory + " (named by " + namedBy + ") does not hold " + jar.getFileName()
                        + ": build the anchors module first ('mvn -pl anchors -am package -DskipTests' copies the"
                        + " Apache RocketMQ " + version + " jars there) or point -D" + PROPERTY + " at a copy");
            }
        }
    }

    /** The class path of a child JVM: the launcher expands "dir/*" itself, so the jars need no listing. */
    public String classPath() {
        return directory + File.separator + "*";
    }
}
