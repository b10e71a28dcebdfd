package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartLevelPolicyTest {

    private final StartLevelPolicy policy = StartLevelPolicy.parse(
            "org.apache.aries.spifly.dynamic.bundle=1, ch.qos.logback.*=2, *.jline=90, org.example.exact=4", 10);

    @Test
    void exactNamesAndGlobsGetTheirLevels() {
        assertEquals(1, policy.levelOf("org.apache.aries.spifly.dynamic.bundle"));
        assertEquals(2, policy.levelOf("ch.qos.logback.classic"));
        assertEquals(90, policy.levelOf("org.apache.felix.gogo.jline"));
        assertEquals(4, policy.levelOf("org.example.exact"));
    }

    @Test
    void othersGetTheDefault() {
        assertEquals(10, policy.levelOf("org.example.exactly"));
        assertEquals(10, policy.levelOf("ch.qos.logbackx"));
        assertEquals(10, policy.levelOf("org.apache.felix.scr"));
    }

    @Test
    void firstMatchWins() {
        assertEquals(3, StartLevelPolicy.parse("a.*=3, a.b=7", 10).levelOf("a.b"));
    }

    @Test
    void emptyOrMissingPolicyGivesEveryBundleTheDefault() {
        assertEquals(10, StartLevelPolicy.parse("", 10).levelOf("x"));
        assertEquals(12, StartLevelPolicy.parse(null, 12).levelOf("x"));
    }

    @Test
    void badEntriesAreExplained() {
        ConfigurationException noLevel = assertThrows(ConfigurationException.class,
                () -> StartLevelPolicy.parse("a.b", 10));
        assertTrue(noLevel.getMessage().contains("a.b"), noLevel.getMessage());
        ConfigurationException notANumber = assertThrows(ConfigurationException.class,
                () -> StartLevelPolicy.parse("a.b=first", 10));
        assertTrue(notANumber.getMessage().contains("'first'"), notANumber.getMessage());
        assertThrows(ConfigurationException.class, () -> StartLevelPolicy.parse("a.b=0", 10));
    }
}
