package dev.plinth.sample.greeter.en;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The plugin with the library it needs, installed first. */
@PlinthTest(bundles = "dev.plinth.sample.greeting")
class EnglishGreeterPluginTest {

    @Test
    void greetsThroughTheLibrary(PlinthRuntime plinth) {
        assertEquals("Hello, Ada!", plinth.execute("english:greet Ada"));
    }
}
