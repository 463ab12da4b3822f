package dev.apogee.client.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Records what one logger of the client writes, for tests that must see behaviour the client only
 * logs (e.g. how often a refused pull was retried). Removed again on close.
 */
public final class LogCapture implements AutoCloseable {

    /** One captured event: when it was logged (epoch ms) and its formatted message. */
    public record Entry(long millis, Level level, String message) {
    }

    private final LoggerContext context;
    private final String loggerName;
    private final Appender appender;
    private final boolean addedConfig;

    private LogCapture(String loggerName) {
        this.context = (LoggerContext) LogManager.getContext(false);
        this.loggerName = loggerName;
        this.appender = new Appender("capture-" + loggerName);
        appender.start();
        Configuration config = context.getConfiguration();
        LoggerConfig existing = config.getLoggerConfig(loggerName);
        // An own logger config, so that only this logger's events are captured and the root stays as it is.
        this.addedConfig = !existing.getName().equals(loggerName);
        LoggerConfig target = existing;
        if (addedConfig) {
            target = new LoggerConfig(loggerName, existing.getLevel(), true);
            config.addLogger(loggerName, target);
        }
        target.addAppender(appender, null, null);
        context.updateLoggers();
    }

    /** Starts capturing what the logger named {@code loggerName} (a class's name) logs. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    /** The events so far whose message passes {@code filter}. */
    public List<Entry> matching(Predicate<String> filter) {
        return appender.entries.stream().filter(e -> filter.test(e.message())).toList();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        if (addedConfig) {
            config.removeLogger(loggerName);
        } else {
            config.getLoggerConfig(loggerName).removeAppender(appender.getName());
        }
        context.updateLoggers();
        appender.stop();
    }

    private static final class Appender extends AbstractAppender {
        private final List<Entry> entries = new CopyOnWriteArrayList<>();

        Appender(String name) {
            super(name, null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            entries.add(new Entry(event.getTimeMillis(), event.getLevel(), event.getMessage().getFormattedMessage()));
        }
    }
}
