package dev.apogee.admin.store;

import java.time.Duration;
import java.util.Objects;

/**
 * The user's preferences.
 *
 * @param theme         light or dark
 * @param watchInterval how often the offset watch samples
 * @param watchWindow   how much history the offset watch keeps on its chart
 */
public record AppSettings(Theme theme, Duration watchInterval, Duration watchWindow) {

    /** What a new installation starts with. */
    public static final AppSettings DEFAULTS = new AppSettings(Theme.LIGHT, Duration.ofSeconds(5), Duration.ofMinutes(10));

    public AppSettings {
        Objects.requireNonNull(theme, "theme");
        if (watchInterval.isNegative() || watchInterval.isZero() || watchWindow.compareTo(watchInterval) < 0) {
            throw new IllegalArgumentException("the watch interval must be positive and the window at least as long: "
                    + watchInterval + ", " + watchWindow);
        }
    }
}
