package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apogee.client.consumer.PushConsumer;
import dev.apogee.remoting.testing.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class WatchViewModelIT {

    @TempDir
    static Path dir;
    private static AdminFixture fixture;
    private static final MutableClock CLOCK = new MutableClock();

    @BeforeAll
    static void start() throws Exception {
        fixture = AdminFixture.connected(dir, CLOCK);
        fixture.createTopic("WatchTopic", 1);
    }

    @AfterAll
    static void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static OptionalLong latestLag(LagSeries series) {
        return series.points().get(series.points().size() - 1).lag();
    }

    @Test
    void lagFallsToZeroAsAConsumerCatchesUp() {
        WatchViewModel watch = new WatchViewModel(fixture.session);
        watch.groupToAddProperty().set("watched");
        assertTrue(watch.addGroup());
        assertFalse(watch.addGroup(), "an empty name is refused");
        watch.groupToAddProperty().set("watched");
        assertFalse(watch.addGroup());
        assertEquals("watched is watched already", watch.validation());

        assertTrue(watch.refresh());
        LagSeries series = watch.series().get(0);
        assertEquals(OptionalLong.empty(), latestLag(series), "a group that never consumed has an unknown lag");

        for (int i = 0; i < 4; i++) {
            fixture.send("WatchTopic", "m" + i);
        }
        fixture.awaitStored("WatchTopic", 4);
        AtomicInteger consumed = new AtomicInteger();
        try (PushConsumer consumer = fixture.consumer("watched", "WatchTopic", consumed)) {
            Await.until("lag 0 on the chart", Duration.ofSeconds(20), () -> {
                CLOCK.advance(Duration.ofSeconds(1));
                watch.refresh();
                return latestLag(series).equals(OptionalLong.of(0));
            });
            assertEquals(OptionalLong.of(4), series.points().get(series.points().size() - 1).consumerOffset());
        }
        assertTrue(fixture.errors.reports().isEmpty(), fixture.errorMessages().toString());
    }

    @Test
    void pointsOlderThanTheWindowAreDroppedAndPauseStopsSampling() {
        WatchViewModel watch = new WatchViewModel(fixture.session);
        watch.groupToAddProperty().set("windowed");
        watch.addGroup();
        watch.intervalProperty().set(Duration.ofSeconds(5));
        watch.windowProperty().set(Duration.ofMinutes(1));
        watch.refresh();
        CLOCK.advance(Duration.ofSeconds(30));
        watch.refresh();
        LagSeries series = watch.series().get(0);
        assertEquals(2, series.points().size());

        CLOCK.advance(Duration.ofSeconds(31));
        watch.refresh();
        assertEquals(2, series.points().size(), "the first point is older than a minute now");
        assertTrue(series.points().get(0).at().isAfter(CLOCK.instant().minus(Duration.ofMinutes(1))));

        watch.pausedProperty().set(true);
        assertFalse(watch.refresh());
        assertEquals(2, series.points().size());
        watch.pausedProperty().set(false);

        watch.windowProperty().set(Duration.ofSeconds(10));
        assertEquals(1, series.points().size(), "a shorter window drops at once");
        assertEquals(Duration.ofSeconds(10), fixture.store.settings().load().watchWindow(), "saved to the settings");

        watch.windowProperty().set(Duration.ofSeconds(1));
        assertEquals("The window must be at least as long as the interval", watch.validation());
        watch.removeGroup("windowed");
        assertTrue(watch.series().isEmpty());
        assertFalse(watch.refresh(), "nothing to watch");
    }
}
