package dev.plinth.sample.hello;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginManager;
import dev.plinth.api.PluginState;
import dev.plinth.testing.InjectService;
import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The plugin in a real runtime: installed and enabled through the manager, its command in the console. */
@PlinthTest
class HelloPluginTest {

    @InjectService
    PluginManager manager;

    @Test
    void isEnabled() throws Exception {
        assertEquals(PluginState.ENABLED, manager.get("dev.plinth.sample.hello").state());
    }

    @Test
    void greets(PlinthRuntime plinth) {
        assertEquals("Hello, Ada!", plinth.execute("sample:hello Ada"));
        assertEquals("Hello from Plinth!", plinth.execute("sample:hello"));
    }
}
