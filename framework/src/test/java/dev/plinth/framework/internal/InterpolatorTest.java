package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InterpolatorTest {

    private final Map<String, String> system = Map.of("user.name", "ops", "shadowed", "from-jvm");
    private final Map<String, String> environment = Map.of("HOME", "/home/ops", "shadowed", "from-env");
    private final Interpolator interpolator = new Interpolator(system::get, environment::get);

    private static Map<String, String> properties(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void refersToOtherPropertiesInAnyOrder() {
        Map<String, String> resolved = interpolator.resolveAll(
                properties("log", "${data}/log", "data", "${home}/data", "home", "/opt/plinth"));
        assertEquals("/opt/plinth/data/log", resolved.get("log"));
        assertEquals("/opt/plinth/data", resolved.get("data"));
    }

    @Test
    void systemPropertiesComeBeforeTheFileAndTheEnvironmentAfter() {
        Map<String, String> resolved = interpolator.resolveAll(
                properties("a", "${shadowed}", "shadowed", "from-file", "b", "${HOME}/x", "c", "${user.name}"));
        assertEquals("from-jvm", resolved.get("a"));
        assertEquals("/home/ops/x", resolved.get("b"));
        assertEquals("ops", resolved.get("c"));
    }

    @Test
    void envPrefixReadsOnlyTheEnvironment() {
        assertEquals("from-env", interpolator.resolveAll(properties("a", "${env:shadowed}")).get("a"));
    }

    @Test
    void fallbackIsUsedOnlyWhenNothingResolves() {
        Map<String, String> resolved = interpolator.resolveAll(
                properties("a", "${missing:-8080}", "b", "${user.name:-nobody}", "c", "${env:NOPE:-}"));
        assertEquals("8080", resolved.get("a"));
        assertEquals("ops", resolved.get("b"));
        assertEquals("", resolved.get("c"));
    }

    @Test
    void unresolvableReferenceNamesThePropertyAndTheReference() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> interpolator.resolveAll(properties("port", "${nope}")));
        assertTrue(error.getMessage().contains("port"), error.getMessage());
        assertTrue(error.getMessage().contains("${nope}"), error.getMessage());
    }

    @Test
    void cycleIsReportedWithItsPath() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> interpolator.resolveAll(properties("a", "${b}", "b", "${a}")));
        assertTrue(error.getMessage().contains("a -> b -> a"), error.getMessage());
    }

    @Test
    void unclosedReferenceIsAnError() {
        assertThrows(ConfigurationException.class, () -> interpolator.resolveAll(properties("a", "${oops")));
    }

    @Test
    void resolveAgainstSeesTheContextButNotItsOwnKeys() {
        Map<String, String> context = Map.of("plinth.log", "/d/log");
        Map<String, String> resolved = interpolator.resolveAgainst(
                properties("plinth.log.dir", "${plinth.log}", "x", "${plinth.log.dir:-unset}"), context);
        assertEquals("/d/log", resolved.get("plinth.log.dir"));
        assertEquals("unset", resolved.get("x"));
    }
}
