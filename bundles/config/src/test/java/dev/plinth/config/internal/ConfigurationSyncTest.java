package dev.plinth.config.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;

import org.junit.jupiter.api.Test;

import dev.plinth.common.testing.FakeConfigurationAdmin;

class ConfigurationSyncTest {

    private static Hashtable<String, Object> dictionary(Object... pairs) {
        Hashtable<String, Object> map = new Hashtable<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void sameValuesIgnoringWhatConfigurationAdminAdds() {
        assertTrue(ConfigurationSync.sameProperties(
                dictionary("service.pid", "a", "port", 80, "tags", new String[] {"x"}),
                dictionary("port", 80, "tags", new String[] {"x"})));
    }

    @Test
    void anyDifferenceCounts() {
        assertFalse(ConfigurationSync.sameProperties(dictionary("port", 80), dictionary("port", "80")));
        assertFalse(ConfigurationSync.sameProperties(dictionary("port", 80), dictionary("port", 80, "host", "h")));
        assertFalse(ConfigurationSync.sameProperties(dictionary("port", 80, "host", "h"), dictionary("port", 80)));
        assertFalse(ConfigurationSync.sameProperties(dictionary("tags", new String[] {"x"}),
                dictionary("tags", new String[] {"x", "y"})));
    }

    @Test
    void aServicePidInTheFileDoesNotMakeItDifferentEveryTime() throws Exception {
        FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
        ConfigurationSync sync = new ConfigurationSync(cm.admin);
        ConfigFileName file = ConfigFileName.parse("p.cfg").orElseThrow();
        assertTrue(sync.apply(file, dictionary("service.pid", "p", "key", "v")));
        assertFalse(sync.apply(file, dictionary("service.pid", "p", "key", "v")), "written again unchanged");
        assertEquals(1, cm.updates.get());
    }

    @Test
    void aRemovedFilesConfigurationIsDeletedUnlessPluginSettingsDeliverToItThenItKeepsNoneOfTheFilesValues()
            throws Exception {
        FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
        ConfigurationSync sync = new ConfigurationSync(cm.admin);
        sync.apply(ConfigFileName.parse("a.cfg").orElseThrow(), dictionary("key", "v"));
        sync.apply(ConfigFileName.parse("b.cfg").orElseThrow(), dictionary("key", "v"));
        cm.edit("b", ConfigurationSync.SETTINGS_REVISION, 3L);

        assertTrue(sync.remove("a.cfg"));
        assertTrue(sync.remove("b.cfg"));

        assertEquals(null, cm.get("a"));
        assertEquals(dictionary(ConfigurationSync.SETTINGS_REVISION, 4L), cm.get("b"));
        assertFalse(sync.remove("b.cfg"), "no longer a file's configuration");
    }

    @Test
    void aFileWrittenIntoAConfigurationThatSettingsDeliverToKeepsItSoItsRemovalKeepsTheConfigurationToo()
            throws Exception {
        FakeConfigurationAdmin cm = new FakeConfigurationAdmin();
        ConfigurationSync sync = new ConfigurationSync(cm.admin);
        cm.admin.getConfiguration("mail", "?").update(new java.util.Hashtable<>(
                java.util.Map.of(ConfigurationSync.SETTINGS_REVISION, 2L)));
        ConfigFileName file = ConfigFileName.parse("mail.cfg").orElseThrow();

        assertTrue(sync.apply(file, dictionary("host", "relay.internal")));
        assertEquals(2L, cm.get("mail").get(ConfigurationSync.SETTINGS_REVISION), "the settings' revision stays");
        assertFalse(sync.apply(file, dictionary("host", "relay.internal")), "written again unchanged");
        assertTrue(sync.remove("mail.cfg"));

        assertEquals(dictionary(ConfigurationSync.SETTINGS_REVISION, 3L), cm.get("mail"),
                "kept without the file's values, not deleted and made again");
    }
}
