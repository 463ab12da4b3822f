package dev.apogee.admin.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The two free-text inputs the screens read: name-server addresses and times. */
class InputParsingTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private final TimeInput times = new TimeInput(Clock.fixed(NOW, ZoneId.of("Europe/Paris")));

    @Test
    void addressesAreSplitOnSemicolonsCommasAndSpaces() {
        assertEquals(List.of("a:9876", "10.0.0.2:9876", "[::1]:9876"), Addresses.parse(" a:9876; 10.0.0.2:9876 ,[::1]:9876 a:9876"));
    }

    @Test
    void badAddressesNameTheEntry() {
        assertEquals("Enter at least one name server address (host:port)",
                assertThrows(IllegalArgumentException.class, () -> Addresses.parse("  ")).getMessage());
        assertEquals("'host' is not host:port", assertThrows(IllegalArgumentException.class,
                () -> Addresses.parse("ok:1;host")).getMessage());
        assertEquals("the port in 'h:0' is not between 1 and 65535", assertThrows(IllegalArgumentException.class,
                () -> Addresses.parse("h:0")).getMessage());
        assertEquals("the port in 'h:x1' is not a number", assertThrows(IllegalArgumentException.class,
                () -> Addresses.parse("h:x1")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Addresses.parse("ho/st:1")).getMessage()
                .contains("not a host name"));
    }

    @Test
    void timesInEveryAcceptedForm() {
        assertEquals(NOW, times.parse("now"));
        assertEquals(NOW.minus(Duration.ofMinutes(15)), times.parse("-15m"));
        assertEquals(NOW.minus(Duration.ofHours(2)), times.parse("-2h"));
        assertEquals(NOW.minus(Duration.ofDays(1)), times.parse(" -1d "));
        assertEquals(NOW.minusSeconds(30), times.parse("-30s"));
        assertEquals(Instant.parse("2024-05-01T11:45:00Z"), times.parse("2024-05-01 13:45"), "local time, Paris is +2");
        assertEquals(Instant.parse("2024-05-01T11:45:10.123Z"), times.parse("2024-05-01T13:45:10.123"));
        assertEquals(Instant.parse("2024-04-30T22:00:00Z"), times.parse("2024-05-01"));
        assertEquals(Instant.parse("2024-05-01T11:45:00Z"), times.parse("2024-05-01T11:45:00Z"));
        assertEquals(Instant.parse("2024-05-01T11:45:00Z"), times.parse("2024-05-01T13:45:00+02:00"));
        assertEquals(Instant.ofEpochMilli(1714563900000L), times.parse("1714563900000"));
    }

    @Test
    void formattedTimesReadBackToTheMillisecond() {
        Instant time = Instant.parse("2024-05-01T11:45:10.123Z");
        assertEquals("2024-05-01 13:45:10.123", times.format(time));
        assertEquals(time, times.parse(times.format(time)));
    }

    @Test
    void badTimesSayWhatIsAccepted() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> times.parse("")).getMessage().startsWith("Enter a time"));
        String message = assertThrows(IllegalArgumentException.class, () -> times.parse("2024-13-45 25:00")).getMessage();
        assertTrue(message.startsWith("'2024-13-45 25:00' is not a time; use now, -15m"), message);
        assertThrows(IllegalArgumentException.class, () -> times.parse("-5y"));
        assertThrows(IllegalArgumentException.class, () -> times.parse("yesterday"));
    }

    @Test
    void aConfirmationRunsOnlyOnYesAndOnlyOnce() {
        Confirmation confirmation = new Confirmation();
        int[] runs = {0};
        confirmation.ask("Delete?", () -> runs[0]++);
        assertEquals("Delete?", confirmation.questionProperty().get());
        confirmation.cancel();
        confirmation.confirm();
        assertEquals(0, runs[0]);
        confirmation.ask("Delete?", () -> runs[0]++);
        confirmation.confirm();
        confirmation.confirm();
        assertEquals(1, runs[0]);
        assertEquals(null, confirmation.questionProperty().get());
    }
}
