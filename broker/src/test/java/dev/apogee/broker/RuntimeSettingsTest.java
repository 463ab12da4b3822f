package dev.apogee.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RuntimeSettingsTest {

    @Test
    void keysThatReachFilesHostsOrCommandsAreRefusedAndNothingChanges() {
        RuntimeSettings settings = new RuntimeSettings(BrokerConfig.defaults());
        for (String key : new String[] {"storePathRootDir", "storePathCommitLog", "rocketmqHome", "brokerConfigPath",
            "namesrvAddr", "aclEnable", "brokerIP1", "listenPort", "haMasterAddress", "AUTOCREATETOPICENABLE", ""}) {
            String refusal = settings.update(Map.of(key, "true", RuntimeSettings.AUTO_CREATE_TOPIC, "false"));
            assertNotNull(refusal, key);
            assertTrue(refusal.contains("cannot be changed"), refusal);
            assertTrue(settings.autoCreateTopicEnable(), "a refused update applies nothing: " + key);
        }
    }

    @Test
    void safeKeysTakeBooleansOnly() {
        RuntimeSettings settings = new RuntimeSettings(BrokerConfig.defaults().withAutoCreateTopics(false));
        assertFalse(settings.autoCreateTopicEnable());
        assertNotNull(settings.update(Map.of(RuntimeSettings.AUTO_CREATE_TOPIC, "/etc/passwd")));
        assertFalse(settings.autoCreateTopicEnable());
        assertNull(settings.update(Map.of(RuntimeSettings.AUTO_CREATE_TOPIC, " TRUE ",
                RuntimeSettings.AUTO_CREATE_SUBSCRIPTION_GROUP, "false")));
        assertTrue(settings.autoCreateTopicEnable());
        assertFalse(settings.autoCreateSubscriptionGroup());
        assertEquals("true", settings.values().get(RuntimeSettings.AUTO_CREATE_TOPIC));
    }
}
