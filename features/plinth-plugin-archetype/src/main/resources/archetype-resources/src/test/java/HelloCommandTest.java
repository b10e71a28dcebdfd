package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.plinth.testing.PlinthRuntime;
import dev.plinth.testing.PlinthTest;

/** The plugin in a real Plinth runtime (plinth-testing): installed from target/classes, enabled, then called. */
@PlinthTest
class HelloCommandTest {

    @Test
    void greets(PlinthRuntime plinth) {
        assertEquals("Hello, Ada!", plinth.execute("${commandScope}:hello Ada"));
    }
}
