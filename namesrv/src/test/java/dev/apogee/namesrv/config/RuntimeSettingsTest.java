package dev.apogee.namesrv.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RuntimeSettingsTest {

    private final RuntimeSettings settings = new RuntimeSettings();

    @Test
    void defaults() {
        assertTrue(settings.enableAllTopicList());
        assertTrue(settings.enableTopicList());
        assertTrue(settings.orderMessageEnable());
        assertTrue(settings.returnOrderTopicConfigToBroker());
        assertFalse(settings.deleteTopicWithBrokerRegistration());
        assertEquals(RuntimeSettings.changeableKeys(), settings.snapshot().keySet());
    }

    @Test
    void allowListedKeysChange() {
        settings.update(Map.of("enableAllTopicList", "false", "deleteTopicWithBrokerRegistration", " TRUE "));

        assertFalse(settings.enableAllTopicList());
        assertTrue(settings.deleteTopicWithBrokerRegistration());
    }

    @Test
    void anyOtherKeyRefusesTheWholeUpdate() {
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("enableTopicList", "false");
        changes.put("kvConfigPath", "/tmp/evil");

        SettingRejectedException e = assertThrows(SettingRejectedException.class, () -> settings.update(changes));

        assertEquals(SettingRejectedException.Reason.NOT_CHANGEABLE, e.reason());
        assertTrue(e.getMessage().contains("kvConfigPath"), e.getMessage());
        assertTrue(settings.enableTopicList(), "nothing applied");
    }

    @Test
    void nonBooleanValueIsRefused() {
        SettingRejectedException e = assertThrows(SettingRejectedException.class,
                () -> settings.update(Map.of("enableTopicList", "yes")));

        assertEquals(SettingRejectedException.Reason.INVALID_VALUE, e.reason());
        assertTrue(settings.enableTopicList());
    }
}
