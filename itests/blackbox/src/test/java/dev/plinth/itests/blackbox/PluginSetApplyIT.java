package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** plugin:apply with sets that need more than one pass, and dry runs that check what the real run checks. */
class PluginSetApplyIT {

    private static final String PICKY = "org.example.picky";
    private static final String TAMPERED = "org.example.tampered";
    private static final String PROVIDER = "org.example.setapi";
    private static final String CONSUMER = "org.example.setuser";
    private static final String TYPED = "org.example.typed";
    private static final String KEPT = "org.example.kept";
    private static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
              <OCD id="typed" name="Typed">
                <AD id="port" type="Integer" default="25" min="1" max="65535"/>
                <AD id=".password" type="Password" required="false"/>
              </OCD>
              <Designate pid="org.example.typed.mail">
                <Object ocdref="typed"/>
              </Designate>
              <Designate factoryPid="org.example.typed.relay">
                <Object ocdref="typed"/>
              </Designate>
            </metatype:MetaData>
            """;

    @TempDir
    static Path work;

    @RegisterExtension
    static final CatalogHome home = new CatalogHome();

    @BeforeAll
    static void readATestCatalogue() throws Exception {
        TestCatalog catalog = new TestCatalog(work.resolve("catalog"));
        catalog.bundle(PICKY, "1.0.0").activator(StartWhenAllowedActivator.class);
        catalog.bundle(TAMPERED, "1.0.0").wrongChecksum();
        catalog.bundle(PROVIDER, "1.0.0").exports("org.example.setapi", "1.0.0");
        catalog.bundle(CONSUMER, "1.0.0").imports("org.example.setapi", "1.0.0", "2.0.0");
        catalog.bundle(TYPED, "1.0.0").entry("OSGI-INF/metatype/typed.xml", METATYPE);
        catalog.bundle(KEPT, "1.0.0");
        home.reading(catalog);
    }

    @Test
    void applyingAgainEnablesAPluginWhoseStartFailedOnceTheCauseIsGone() throws Exception {
        Path set = set("picky.json", PICKY);
        Plinth.Result first = home.run("plugin:apply " + set);
        assertEquals(1, first.exit(), first.toString());
        assertEquals("failed", home.state(PICKY).orElseThrow(), "the start failed\n" + first);

        Files.createFile(home.path().resolve("allow-start"));
        Plinth.Result plan = home.run("plugin:apply --simulate " + set);
        assertTrue(plan.out().lines().anyMatch(l -> l.matches("\\s+1\\.\\s+enable\\s+" + PICKY + "\\s+1.0.0")),
                plan.toString());
        Plinth.Result again = home.run("plugin:apply " + set);

        assertEquals(0, again.exit(), again.toString());
        assertEquals("enabled", home.state(PICKY).orElseThrow(), again.toString());
        Plinth.Result third = home.run("plugin:apply " + set);
        assertTrue(third.out().startsWith("Nothing to do"), third.toString());
    }

    @Test
    void aDryRunChecksTheArchivesLikeTheRealRun() throws Exception {
        Path set = set("tampered.json", TAMPERED);

        Plinth.Result plan = home.run("plugin:apply --simulate " + set);

        assertEquals(1, plan.exit(), plan.toString());
        assertTrue(plan.err().contains("Error: " + TAMPERED + " 1.0.0 from "), plan.toString());
        assertTrue(plan.err().contains("does not match its index"), plan.toString());
    }

    @Test
    void settingsTheVersionToRunRefusesAreRefusedBeforeAnyChangeInTheDryRunToo() throws Exception {
        home.ok("plugin:install " + KEPT);
        String[] wrong = {"\"port\": [\"APPSEC08\"]", "\"colour\": [\"red\"]", "\"port\": [\"99999\"]",
            "\".password\": [\"SECRET-A1\", \"SECRET-B2\"]", "\"port\": [\"26\"]"};
        String[] pids = {"org.example.typed.mail", "org.example.typed.mail", "org.example.typed.mail",
            "org.example.typed.mail", "org.example.typed.relay~a~b"};
        String[] named = {"org.example.typed.mail port", "org.example.typed.mail colour",
            "org.example.typed.mail port: greater than maximum", "org.example.typed.mail .password",
            "org.example.typed.relay~a~b: the name of a configuration of org.example.typed.relay is 1 to 100"};
        for (int i = 0; i < wrong.length; i++) {
            Path set = Files.writeString(work.resolve("typed" + i + ".json"), "{\"plugins\": [{\"id\": \"" + TYPED
                    + "\", \"version\": \"1.0.0\", \"settings\": {\"" + pids[i] + "\": {" + wrong[i]
                    + "}}}]}\n");
            for (String apply : List.of("plugin:apply --simulate ", "plugin:apply ")) {
                Plinth.Result refused = home.run(apply + set);
                assertEquals(1, refused.exit(), refused.toString());
                assertTrue(refused.err().contains(TYPED + " " + named[i]), refused.toString());
                assertTrue(refused.err().contains("nothing was changed"), refused.toString());
                assertFalse((refused.out() + refused.err()).contains("SECRET-"), refused.toString());
                assertTrue(home.managed().stream().anyMatch(line -> line.startsWith(KEPT + " ")),
                        "no removal before the refusal: " + refused);
                assertTrue(home.managed().stream().noneMatch(line -> line.startsWith(TYPED + " ")), refused.toString());
            }
        }
        home.ok("plugin:remove " + KEPT);
    }

    @Test
    void aSetDisablesConsumersBeforeTheirProviderAndEnablesProvidersFirstWhateverTheFileOrder() throws Exception {
        Path enabled = Files.writeString(work.resolve("graph-enabled.json"), "{\"plugins\": [" + member(CONSUMER, true)
                + ", " + member(PROVIDER, true) + "]}\n");
        Path disabled = Files.writeString(work.resolve("graph-disabled.json"), "{\"plugins\": ["
                + member(PROVIDER, false) + ", " + member(CONSUMER, false) + "]}\n");
        Plinth.Result installed = home.run("plugin:apply " + enabled);
        assertEquals(0, installed.exit(), installed.toString());
        assertEquals("enabled", home.state(CONSUMER).orElseThrow(), installed.toString());

        Plinth.Result down = home.run("plugin:apply --simulate " + disabled);
        assertEquals(List.of("disable " + CONSUMER, "disable " + PROVIDER), changes(down), down.toString());
        Plinth.Result disabling = home.run("plugin:apply " + disabled);
        assertEquals(0, disabling.exit(), disabling.toString());
        assertEquals("installed", home.state(CONSUMER).orElseThrow(), disabling.toString());
        assertEquals("installed", home.state(PROVIDER).orElseThrow(), disabling.toString());

        Plinth.Result up = home.run("plugin:apply --simulate " + enabled);
        assertEquals(List.of("enable " + PROVIDER, "enable " + CONSUMER), changes(up), up.toString());
        Plinth.Result enabling = home.run("plugin:apply " + enabled);
        assertEquals(0, enabling.exit(), enabling.toString());
        assertEquals("enabled", home.state(CONSUMER).orElseThrow(), enabling.toString());
        assertEquals("enabled", home.state(PROVIDER).orElseThrow(), enabling.toString());
    }

    private static String member(String id, boolean enabled) {
        return "{\"id\": \"" + id + "\", \"version\": \"1.0.0\", \"enabled\": " + enabled + "}";
    }

    /** The numbered lines of an apply's plan, as "action id", without those of other tests' plugins. */
    private static List<String> changes(Plinth.Result plan) {
        return plan.out().lines().filter(l -> l.matches("\\s+\\d+\\.\\s+.*")).map(l -> l.trim().split("\\s+"))
                .filter(words -> words[2].equals(PROVIDER) || words[2].equals(CONSUMER))
                .map(words -> words[1] + " " + words[2]).toList();
    }

    private static Path set(String name, String id) throws Exception {
        return Files.writeString(work.resolve(name), "{\"plugins\": [{\"id\": \"" + id
                + "\", \"version\": \"1.0.0\"}]}\n");
    }
}
