package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** An invalid configuration is logged on one line, its control characters escaped. */
class InvalidConfigurationTest {

    @Test
    void aNodeNameWithAnEscapeIsLoggedEscaped() {
        String message = assertThrows(IllegalArgumentException.class, () -> FleetSettings.of(
                PureRulesTest.config("jdbc:postgresql://h/d", "web\u001b[31m\nnode", "1"), "h")).getMessage();

        assertEquals("the fleet's node web\\u001b[31m\\u000anode is not a name of lower-case letters, digits, '.', "
                + "'_' and '-' (at most 63, starting with a letter or digit)", Printable.of(message));
    }
}
