package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.PluginSettings;

class OperatorsOnlyTest {

    final Bundle plugin = Fixtures.plugin(10, "x.y");
    final Bundle core = Fixtures.bundle(1, "plinth:system/dev.plinth.rest", "dev.plinth.rest");
    final PluginSettings real = new PluginsRefused("never used");
    final OperatorsOnly factory = new OperatorsOnly(new Fixtures.Bundles(plugin, core), real);

    @Test
    void theRuntimesOwnBundlesGetTheServiceAndAPluginGetsOneThatRefusesEveryCall() {
        assertSame(real, factory.getService(core, null));

        PluginSettings forPlugin = factory.getService(plugin, null);
        for (PluginCall call : List.<PluginCall>of(s -> s.settings("o.p"),
                s -> s.set("o.p", "o.p", Map.of("password", List.of("mine")), "rest"),
                s -> s.unset("o.p", "o.p", Set.of(), "rest"), PluginSettings::rotateKey)) {
            PluginException refused = assertThrows(PluginException.class, () -> call.on(forPlugin));
            assertEquals(Code.PROTECTED, refused.code());
            assertTrue(refused.getMessage().startsWith("plugin x.y may not use the settings service"),
                    refused.getMessage());
        }
    }

    @FunctionalInterface
    interface PluginCall {
        Object on(PluginSettings settings) throws PluginException;
    }
}
