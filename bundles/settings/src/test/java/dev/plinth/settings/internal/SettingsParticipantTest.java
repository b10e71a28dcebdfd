package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.common.testing.BundleJar;
import dev.plinth.settings.internal.Fixtures.Attribute;
import dev.plinth.common.testing.FakeConfigurationAdmin;

class SettingsParticipantTest {

    @TempDir
    Path directory;

    final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    final Fixtures.Lines log = new Fixtures.Lines();
    final Bundle plugin = Fixtures.plugin(10, "x.y");
    final Bundle other = Fixtures.plugin(11, "o.p");
    final Fixtures.Bundles bundles = new Fixtures.Bundles(plugin, other,
            Fixtures.bundle(1, "plinth:system/dev.plinth.rest", "dev.plinth.rest"));
    final Fixtures.Schemas schemas = new Fixtures.Schemas();
    SettingsStore store;
    SettingsParticipant participant;

    @BeforeEach
    void setUp() {
        schemas.with(plugin, Fixtures.schema("x.y", false, Attribute.of("port", AttributeDefinition.INTEGER, "1")),
                Fixtures.schema("x.y.conn", true, Attribute.of("url", AttributeDefinition.STRING, "")));
        schemas.with(other, Fixtures.schema("o.p", false, Attribute.of("a", AttributeDefinition.STRING, "")));
        store = new SettingsStore(directory.resolve("settings"));
        participant = new SettingsParticipant(bundles, schemas, new Ownership(bundles, schemas),
                new Configurations(admin.admin), store, new Fixtures.TestCipher(), new Misconfigurations(),
                log.logger);
    }

    /** A metatype document designating {@code pid} with one attribute. */
    static String metatype(String pid, boolean factory, String attribute) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metatype:MetaData xmlns:metatype=\"http://www.osgi.org/xmlns/metatype/v1.4.0\">\n"
                + "  <OCD id=\"ocd\" name=\"Settings\">\n" + attribute + "\n  </OCD>\n"
                + "  <Designate " + (factory ? "factoryPid" : "pid") + "=\"" + pid + "\">\n"
                + "    <Object ocdref=\"ocd\"/>\n  </Designate>\n</metatype:MetaData>\n";
    }

    Path archive(String id, String metatype) {
        return BundleJar.bundle(id, "2.0.0").entry("OSGI-INF/metatype/settings.xml", metatype)
                .writeTo(directory.resolve(id + ".jar"));
    }

    static OperationContext context(Options options, String id, Path archive) {
        return new OperationContext() {
            @Override
            public Options options() {
                return options;
            }

            @Override
            public Optional<Path> archive(String bundleId) {
                return bundleId.equals(id) ? Optional.ofNullable(archive) : Optional.empty();
            }
        };
    }

    static Plan plan(Verb verb, Plan.Action action, String id) {
        return new Plan(verb, id, List.of(new Plan.Step(action, id, "2.0.0", "")), List.of(), false);
    }

    @Test
    void anArchiveDeclaringACorePidIsRefusedNamingTheOwner() {
        Path archive = archive("n.w", metatype("dev.plinth.rest", false,
                "<AD id=\"port\" type=\"Integer\" default=\"1\"/>"));

        PluginException refused = assertThrows(PluginException.class, () -> participant.check(
                plan(Verb.INSTALL, Plan.Action.INSTALL, "n.w"), context(new Options(false, false, true, "test"), "n.w", archive)));

        assertEquals(Code.SETTINGS_OWNED, refused.code());
        assertTrue(refused.getMessage().contains("dev.plinth.rest owns it"), refused.getMessage());
    }

    @Test
    void anArchiveDeclaringAnotherPluginsPidIsRefusedNamingThePlugin() {
        Path archive = archive("n.w", metatype("o.p", false, "<AD id=\"a\" type=\"String\"/>"));

        PluginException refused = assertThrows(PluginException.class, () -> participant.check(
                plan(Verb.INSTALL, Plan.Action.INSTALL, "n.w"), context(new Options(false, false, true, "test"), "n.w", archive)));

        assertEquals(Code.SETTINGS_OWNED, refused.code());
        assertTrue(refused.getMessage().contains("plugin o.p owns it"), refused.getMessage());
    }

    @Test
    void anArchiveDeclaringAPidThatIsAPathOrACorePidInAnotherCaseIsRefused() {
        for (String pid : List.of("n.w/../x", "n.w/x", "..", "n.w..x", "n w")) {
            Path archive = archive("n.w", metatype(pid, false, "<AD id=\"a\" type=\"String\"/>"));
            PluginException refused = assertThrows(PluginException.class, () -> participant.check(
                    plan(Verb.INSTALL, Plan.Action.INSTALL, "n.w"), context(new Options(false, false, true, "test"),
                            "n.w", archive)), pid);
            assertEquals(Code.INVALID_ARCHIVE, refused.code(), pid);
            assertTrue(refused.getMessage().contains("symbolic name"), refused.getMessage());
        }
        for (String pid : List.of("DEV.Plinth.Rest", "O.P")) {
            Path archive = archive("n.w", metatype(pid, false, "<AD id=\"a\" type=\"String\"/>"));
            assertEquals(Code.SETTINGS_OWNED, assertThrows(PluginException.class, () -> participant.check(
                    plan(Verb.INSTALL, Plan.Action.INSTALL, "n.w"), context(new Options(false, false, true, "test"),
                            "n.w", archive)), pid).code(), pid);
        }
    }

    @Test
    void anArchiveDeclaringItsOwnPidsIsAccepted() throws PluginException {
        Path archive = archive("n.w", metatype("n.w.main", true, "<AD id=\"a\" type=\"String\"/>"));

        participant.check(plan(Verb.INSTALL, Plan.Action.INSTALL, "n.w"), context(new Options(false, false, true, "test"), "n.w",
                archive));
    }

    @Test
    void anUpgradeWhoseMetatypeRefusesAStoredValueIsRefusedUnlessForced() throws Exception {
        store.update("x.y", current -> current.with("x.y", StoredConfiguration.EMPTY.withValues(
                Map.of("port", List.of("70000")))));
        Path archive = archive("x.y", metatype("x.y", false,
                "<AD id=\"port\" type=\"Short\" default=\"1\"/>"));
        Plan upgrade = plan(Verb.UPGRADE, Plan.Action.UPDATE, "x.y");

        PluginException refused = assertThrows(PluginException.class,
                () -> participant.check(upgrade, context(new Options(false, false, true, "test"), "x.y", archive)));

        assertEquals(Code.INVALID_SETTINGS, refused.code());
        assertTrue(refused.getMessage().contains("x.y port: '70000' is not a short"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(List.of("port"), ((dev.plinth.api.settings.InvalidSettingsException) refused).refusals().stream()
                .map(dev.plinth.api.settings.SettingRefusal::key).toList(), "the refusals go with the failure");
        participant.check(upgrade, context(new Options(false, false, true, "test").withForce(true), "x.y", archive));
    }

    @Test
    void anUpgradeThatMakesAKeyASecretSealsItsStoredValueAtCommit() throws Exception {
        store.update("x.y", current -> current.with("x.y", StoredConfiguration.EMPTY.withValues(
                Map.of("token", List.of("plain-Token-77"), "port", List.of("5")))));
        Path archive = archive("x.y", metatype("x.y", false, "<AD id=\"token\" type=\"Password\" required=\"false\"/>"
                + "<AD id=\"port\" type=\"Integer\" default=\"1\"/>"));
        Plan upgrade = plan(Verb.UPGRADE, Plan.Action.UPDATE, "x.y");
        OperationContext context = context(new Options(false, false, false, "test"), "x.y", archive);

        participant.check(upgrade, context);
        participant.committed(upgrade, context);

        String stored = Files.readString(directory.resolve("settings/x.y.json"));
        assertFalse(stored.contains("plain-Token-77"), stored);
        assertEquals("plain-Token-77", new Fixtures.TestCipher().open(store.load("x.y").configuration("x.y").values()
                .get("token").get(0)));
        assertEquals(List.of("5"), store.load("x.y").configuration("x.y").values().get("port"));
        assertEquals(1L, admin.get("x.y").get(Configurations.REVISION_PROPERTY));
    }

    @Test
    void anUpgradeThatNoLongerDeclaresASecretSaysItDropsItUnlessForcedAndDropsItAtCommit() throws Exception {
        String sealed = new Fixtures.TestCipher().seal("old-Secret-9");
        store.update("x.y", current -> current.with("x.y", StoredConfiguration.EMPTY.withValues(
                Map.of("token", List.of(sealed), "port", List.of("5")))));
        Path archive = archive("x.y", metatype("x.y", false, "<AD id=\"token\" type=\"String\" required=\"false\"/>"
                + "<AD id=\"port\" type=\"Integer\" default=\"1\"/>"));
        Plan upgrade = plan(Verb.UPGRADE, Plan.Action.UPDATE, "x.y");

        PluginException refused = assertThrows(PluginException.class,
                () -> participant.check(upgrade, context(new Options(false, false, true, "test"), "x.y", archive)));
        assertEquals(Code.INVALID_SETTINGS, refused.code());
        assertTrue(refused.getMessage().contains("x.y token: its stored secret is dropped: version 2.0.0 no longer "
                + "declares it a secret"), refused.getMessage());
        assertFalse(refused.getMessage().contains(sealed));

        OperationContext forced = context(new Options(false, false, false, "test").withForce(true), "x.y", archive);
        participant.check(upgrade, forced);
        participant.committed(upgrade, forced);

        assertEquals(Map.of("port", List.of("5")), store.load("x.y").configuration("x.y").values());
    }

    @Test
    void anUpgradeWithAnOptionThatNoLongerAllowsAFileValueIsRefused() throws Exception {
        admin.configurations.put("x.y", new Hashtable<>(Map.of(Constants.SERVICE_PID, "x.y", "port", "3",
                Configurations.FILE_PROPERTY, "x.y.cfg")));
        Path archive = archive("x.y", metatype("x.y", false, "<AD id=\"port\" type=\"Integer\" default=\"1\">"
                + "<Option label=\"one\" value=\"1\"/><Option label=\"two\" value=\"2\"/></AD>"));

        PluginException refused = assertThrows(PluginException.class, () -> participant.check(
                plan(Verb.UPGRADE, Plan.Action.UPDATE, "x.y"), context(new Options(false, false, true, "test"), "x.y", archive)));

        assertEquals(Code.INVALID_SETTINGS, refused.code());
        assertTrue(refused.getMessage().contains("'3' is not one of 1, 2"), refused.getMessage());
    }

    @Test
    void aRemovalDeletesThePluginsSettingsButNotAFilesConfiguration() throws Exception {
        store.update("x.y", current -> current.with("x.y", StoredConfiguration.EMPTY.withValues(
                Map.of("port", List.of("7")))));
        admin.configurations.put("x.y", new Hashtable<>(Map.of(Constants.SERVICE_PID, "x.y",
                Configurations.REVISION_PROPERTY, 1L)));
        admin.configurations.put("x.y.conn~a", new Hashtable<>(Map.of(Constants.SERVICE_PID, "x.y.conn~a",
                "service.factoryPid", "x.y.conn", "url", "u", Configurations.FILE_PROPERTY, "x.y.conn~a.cfg")));
        Plan remove = plan(Verb.REMOVE, Plan.Action.UNINSTALL, "x.y");
        OperationContext context = context(new Options(false, false, true, "test"), "x.y", null);

        participant.check(remove, context);
        participant.committed(remove, context);

        assertFalse(Files.exists(directory.resolve("settings/x.y.json")));
        assertNull(admin.get("x.y"));
        assertNotNull(admin.get("x.y.conn~a"));
    }

    @Test
    void aRemovalThatKeepsDataKeepsTheSettings() throws Exception {
        store.update("x.y", current -> current.with("x.y", StoredConfiguration.EMPTY.withValues(
                Map.of("port", List.of("7")))));
        Plan remove = plan(Verb.REMOVE, Plan.Action.UNINSTALL, "x.y");
        OperationContext context = context(new Options(false, false, true, "test").withKeepData(true), "x.y", null);

        participant.check(remove, context);
        participant.committed(remove, context);

        assertTrue(Files.exists(directory.resolve("settings/x.y.json")));
    }
}
