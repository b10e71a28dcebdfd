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
    void resolveAgainstSeesTheContextAndItsOwnKeys() {
        Map<String, String> context = Map.of("plinth.log", "/d/log");
        Map<String, String> resolved = interpolator.resolveAgainst(
                properties("x", "${plinth.log.dir:-unset}/x", "plinth.log.dir", "${plinth.log}", "y", "${z:-none}"),
                context);
        assertEquals("/d/log", resolved.get("plinth.log.dir"));
        assertEquals("/d/log/x", resolved.get("x"), "entries of the same file refer to each other, in any order");
        assertEquals("none", resolved.get("y"));
    }

    @Test
    void ownKeysComeBeforeTheContext() {
        Map<String, String> resolved = interpolator.resolveAgainst(properties("a", "${b}", "b", "own"),
                Map.of("b", "context"));
        assertEquals("own", resolved.get("a"));
    }

    @Test
    void aFallbackMayHoldReferences() {
        Map<String, String> resolved = interpolator.resolveAll(properties(
                "plinth.home", "/opt/p",
                "deploy", "${env:DEPLOY_DIR:-${plinth.home}/deploy}",
                "deep", "${a:-${b:-${plinth.home}}}/x",
                "set", "${env:HOME:-${nope}}"));
        assertEquals("/opt/p/deploy", resolved.get("deploy"));
        assertEquals("/opt/p/x", resolved.get("deep"));
        assertEquals("/home/ops", resolved.get("set"), "an unused fallback is not resolved");
    }

    @Test
    void aReferenceNameMayHoldReferences() {
        assertEquals("ops", interpolator.resolveAll(properties("which", "user", "a", "${${which}.name}")).get("a"));
    }

    @Test
    void doubleDollarIsALiteralDollar() {
        Map<String, String> resolved = interpolator.resolveAll(properties(
                "a", "$${user.name}", "b", "pa$$word", "c", "${nope:-$${x}}", "d", "cost $5"));
        assertEquals("${user.name}", resolved.get("a"));
        assertEquals("pa$word", resolved.get("b"));
        assertEquals("${x}", resolved.get("c"));
        assertEquals("cost $5", resolved.get("d"));
    }

    @Test
    void unclosedNestedReferenceIsAnError() {
        assertThrows(ConfigurationException.class, () -> interpolator.resolveAll(properties("a", "${b:-${c}")));
    }

    @Test
    void errorsReadAsSentences() {
        ConfigurationException env = assertThrows(ConfigurationException.class,
                () -> interpolator.resolveAll(properties("a", "${env:NOPE}")));
        assertEquals("property a refers to ${env:NOPE}, but no environment variable NOPE is set", env.getMessage());
        ConfigurationException any = assertThrows(ConfigurationException.class,
                () -> interpolator.resolveAll(properties("a", "${nope}")));
        assertEquals("property a refers to ${nope}, but there is no system property, configuration property or "
                + "environment variable named nope", any.getMessage());
    }

    /** Found by fuzzing: nesting that deep overflowed the stack (a StackOverflowError, not a message). */
    @Test
    void referencesNestedTooDeeplyAreRefused() {
        String value = "${".repeat(5000) + "x" + "}".repeat(5000);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> interpolator.resolveAll(properties("a", value)));

        assertTrue(e.getMessage().contains("property a") && e.getMessage().contains("deeper"), e.getMessage());
    }

    @Test
    void aValueThatExpandsBeyondTheLimitIsRefused() {
        Map<String, String> raw = new LinkedHashMap<>();
        raw.put("a0", "0123456789");
        for (int i = 1; i <= 12; i++) {
            raw.put("a" + i, ("${a" + (i - 1) + "}").repeat(4));
        }

        ConfigurationException e = assertThrows(ConfigurationException.class, () -> interpolator.resolveAll(raw));

        assertTrue(e.getMessage().contains("longer than"), e.getMessage());
    }
}
