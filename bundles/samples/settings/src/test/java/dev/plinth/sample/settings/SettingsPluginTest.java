package dev.plinth.sample.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.testing.InjectService;
import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The plugin's settings as an operator meets them: validated by the runtime's settings service. */
@PlinthTest
class SettingsPluginTest {

    private static final String PLUGIN = "dev.plinth.sample.settings";

    @InjectService
    PluginSettings settings;

    @Test
    void aPortOutOfRangeIsRefusedNamingTheKey() throws Exception {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> settings.set(PLUGIN, MailSettings.PID, Map.of("host", List.of("relay.example.org"),
                        "port", List.of("70000")), "test"));
        assertTrue(refused.getMessage().contains("port"), refused.getMessage());
    }

    @Test
    void theConsoleRefusesItToo(PlinthRuntime plinth) {
        AssertionError refused = assertThrows(AssertionError.class,
                () -> plinth.execute("plugin:set " + PLUGIN + " " + MailSettings.PID + " port=0"));
        assertTrue(refused.getMessage().contains("port"), refused.getMessage());
    }

    @Test
    void aValidValueReachesThePlugin(PlinthRuntime plinth) {
        plinth.execute("plugin:set " + PLUGIN + " " + MailSettings.PID + " host=relay.example.org port=2525");
        String shown = plinth.await("settingsdemo:show", output -> output.contains("port: 2525"));
        assertTrue(shown.contains("host: relay.example.org"), shown);
        assertEquals("enabled", plinth.plugin().state().toString().toLowerCase());
    }
}
