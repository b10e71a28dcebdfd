package dev.plinth.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;
import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.common.testing.BundleJar;

/**
 * A plugin's settings in the runtime: a plugin with a metatype gets the values set through {@link PluginSettings},
 * validated before they are stored, merged under the values of a file of {@code etc/}, its last good configuration
 * when a value becomes invalid, none of a core configuration's values, and its settings are deleted with it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SettingsIT {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String ID = "test.settings";
    private static final String PID = SettingsReceiverActivator.PID;
    private static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
              <OCD id="settings" name="Test settings">
                <AD id="greeting" type="String" default="hello" name="Greeting"/>
                <AD id="port" type="Integer" default="8080" name="Port"/>
                <AD id="mode" type="String" default="fast" name="Mode">
                  <Option label="Fast" value="fast"/>
                  <Option label="Safe" value="safe"/>
                </AD>
                <AD id="names" type="String" cardinality="5" default="a" name="Names"/>
                <AD id="password" type="Password" required="false" name="Password"/>
              </OCD>
              <OCD id="connection" name="Connection">
                <AD id="url" type="String" default="http://localhost" name="URL"/>
              </OCD>
              <Designate pid="test.settings"><Object ocdref="settings"/></Designate>
              <OCD id="ds" name="DS settings">
                <AD id="limit" type="Integer" default="10" name="Limit"/>
              </OCD>
              <Designate factoryPid="test.settings.conn"><Object ocdref="connection"/></Designate>
              <Designate pid="test.settings.ds"><Object ocdref="ds"/></Designate>
            </metatype:MetaData>
            """;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configurationAdmin;

    private Plugins plugins;
    private Path jars;

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(PlinthRuntime.testHome(SettingsIT.class));
    }

    @Before
    public void install() throws Exception {
        plugins = new Plugins(context);
        jars = Files.createDirectories(plugins.data().resolve("test-jars"));
        Path jar = BundleJar.bundle(ID, "1.0.0")
                .header("Bundle-Activator", SettingsReceiverActivator.class.getName())
                .imports("org.osgi.framework,org.osgi.service.cm,dev.plinth.api.settings")
                .classOf(SettingsReceiverActivator.class, SettingsReceiverActivator.Receiver.class)
                .entry("OSGI-INF/metatype/settings.xml", METATYPE)
                .header("Service-Component", "OSGI-INF/receiver.xml")
                .entry("OSGI-INF/receiver.xml", SettingsDsReceiver.COMPONENT)
                .classOf(SettingsDsReceiver.class)
                .writeInto(jars);
        plugins.manager().install(jar.toUri(), Plugins.OPTIONS.withEnable(true));
    }

    @After
    public void clean() throws Exception {
        Files.deleteIfExists(etc().resolve(PID + ".cfg.json"));
        Await.until("the file's configuration is gone", BOUND, () -> list("(plinth.config.file=*)") == null);
        plugins.removeAll();
        org.osgi.service.cm.Configuration[] left = list("(service.pid=" + SettingsReceiverActivator.CORE_PID + ")");
        if (left != null) {
            left[0].delete();
        }
    }

    private Path etc() {
        return Path.of(context.getProperty("plinth.etc"));
    }

    private org.osgi.service.cm.Configuration[] list(String filter) {
        try {
            return configurationAdmin.listConfigurations(filter);
        } catch (IOException | InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private PluginSettings settings() {
        return Await.until("the settings service", BOUND, () -> {
            ServiceReference<PluginSettings> reference = context.getServiceReference(PluginSettings.class);
            return reference == null ? null : context.getService(reference);
        });
    }

    private PluginSettingsView view() {
        try {
            return settings().settings(ID);
        } catch (PluginException e) {
            throw new AssertionError(e);
        }
    }

    /** What the plugin last received for {@code pid}. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> received(String pid) {
        try {
            Collection<ServiceReference<Supplier>> references = context.getServiceReferences(Supplier.class,
                    "(received=" + pid + ")");
            if (references.isEmpty()) {
                return Map.of();
            }
            return (Map<String, Object>) context.getService(references.iterator().next()).get();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitReceived(String pid, String key, Object value) {
        Await.until(pid + " delivered with " + key + "=" + value + " (last: " + received(pid) + ")", BOUND,
                () -> Objects.equals(value, received(pid).get(key)));
    }

    private static Setting setting(PluginSettingsView view, String pid, String key) {
        return configuration(view, pid).settings().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow();
    }

    private static ConfigurationSettings configuration(PluginSettingsView view, String pid) {
        return view.configurations().stream().filter(c -> c.pid().equals(pid)).findFirst().orElseThrow();
    }

    private void writeFile(String json) throws IOException {
        Path file = etc().resolve(PID + ".cfg.json");
        Path temp = etc().resolve(".settings.tmp");
        Files.writeString(temp, json);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    public void thePluginsSettingsAreListedWithTheirDefaults() throws PluginException {
        PluginSettingsView view = settings().settings(ID);

        assertEquals(List.of(PID, "test.settings.conn", SettingsDsReceiver.PID),
                view.configurations().stream().map(ConfigurationSettings::pid).toList());
        assertEquals(PluginSettingsView.Status.OK, view.status());
        Setting port = setting(view, PID, "port");
        assertEquals("integer", port.type());
        assertEquals(List.of("8080"), port.value());
        assertEquals(Setting.Source.DEFAULT, port.source());
        assertEquals(List.of(new Setting.Option("fast", "Fast"), new Setting.Option("safe", "Safe")),
                setting(view, PID, "mode").options());
        assertEquals(Code.NOT_FOUND, assertThrows(PluginException.class, () -> settings().settings("no.such"))
                .code());
    }

    @Test
    public void aSetValueIsDeliveredTypedAndAnInvalidOneIsRefusedNamingTheKey() throws Exception {
        PluginSettingsView view = settings().set(ID, PID, Map.of("port", List.of("9090"), "names",
                List.of("x, y")), "test");

        assertEquals(Setting.Source.OPERATOR, setting(view, PID, "port").source());
        awaitReceived(PID, "port", 9090);
        assertTrue(received(PID).get("names") instanceof String[]);

        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class,
                () -> settings().set(ID, PID, Map.of("port", List.of("eighty"), "mode", List.of("slow")), "test"));
        assertEquals(Set.of("port", "mode"), Set.copyOf(refused.refusals().stream().map(SettingRefusal::key)
                .toList()));
        assertEquals(Code.INVALID_SETTINGS, refused.code());
        assertEquals(List.of("9090"), setting(settings().settings(ID), PID, "port").value());
        assertEquals(9090, received(PID).get("port"));
        assertNull("Configuration Admin never holds an operator's value",
                configurationAdmin.getConfiguration(PID, "?").getProperties().get("port"));
    }

    @Test
    public void anEnvironmentReferenceIsResolvedOnDeliveryByConfigurationAdminsInterpolation() throws Exception {
        PluginSettingsView view = settings().set(ID, PID, Map.of("greeting", List.of("$[env:PATH]")), "test");

        assertEquals(Setting.Source.ENVIRONMENT, setting(view, PID, "greeting").source());
        assertEquals(List.of("$[env:PATH]"), setting(view, PID, "greeting").value());
        awaitReceived(PID, "greeting", System.getenv("PATH"));
    }

    /**
     * A secret is stored sealed, delivered plain and shown as {@code set} only. While the runtime has no secret cipher
     * it is refused instead (fail closed): nothing is stored and nothing delivered.
     */
    @Test
    public void aSecretIsDeliveredPlainStoredSealedAndNeverShown() throws Exception {
        String secret = "Known-Secret-Value-7";
        Path store = plugins.data().resolve("settings").resolve(ID + ".json");
        PluginSettingsView view;
        try {
            view = settings().set(ID, PID, Map.of("password", List.of(secret)), "test");
        } catch (PluginException e) {
            assertEquals(e.getMessage(), Code.IO_ERROR, e.code());
            assertTrue(e.getMessage(), e.getMessage().contains("no secret key"));
            assertFalse(e.getMessage().contains(secret));
            assertFalse(Files.exists(store) && Files.readString(store).contains(secret));
            assertFalse(setting(settings().settings(ID), PID, "password").set());
            assertNull(received(PID).get("password"));
            return;
        }

        assertTrue(setting(view, PID, "password").set());
        assertEquals(List.of(), setting(view, PID, "password").value());
        assertFalse(view.toString().contains(secret));
        awaitReceived(PID, "password", secret);
        Await.until("the last good configuration kept", BOUND, () -> {
            try {
                return Files.readString(store).contains("lastGood");
            } catch (IOException e) {
                return false;
            }
        });
        String stored = Files.readString(store);
        assertFalse(stored, stored.contains(secret));
        assertTrue(stored, stored.contains("{aes-gcm:"));
        assertNull(configurationAdmin.getConfiguration(PID, "?").getProperties().get("password"));
    }

    @Test
    public void thePluginsValidatorRefusesACombinationOfKeysBeforeAnythingIsStored() throws Exception {
        settings().set(ID, PID, Map.of("mode", List.of("safe")), "test");

        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, () -> settings().set(ID, PID,
                Map.of("greeting", List.of(SettingsReceiverActivator.NOBODY)), "test"));

        assertEquals(List.of(new SettingRefusal(PID, "greeting", "greets nobody in safe mode")), refused.refusals());
        assertEquals(List.of("hello"), setting(settings().settings(ID), PID, "greeting").value());
        settings().set(ID, PID, Map.of("greeting", List.of(SettingsReceiverActivator.NOBODY), "mode",
                List.of("fast")), "test");
        awaitReceived(PID, "greeting", SettingsReceiverActivator.NOBODY);
    }

    @Test
    public void aFileValueWinsIsLockedAndAnInvalidFileValueKeepsTheLastGoodConfiguration() throws Exception {
        settings().set(ID, PID, Map.of("port", List.of("9191")), "test");
        awaitReceived(PID, "port", 9191);

        writeFile("{ \"greeting\": \"from the file\" }");
        awaitReceived(PID, "greeting", "from the file");
        assertEquals(9191, received(PID).get("port"));
        PluginSettingsView view = settings().settings(ID);
        assertEquals(Setting.Source.FILE, setting(view, PID, "greeting").source());
        assertEquals("etc/" + PID + ".cfg.json", configuration(view, PID).file());
        PluginException locked = assertThrows(PluginException.class,
                () -> settings().set(ID, PID, Map.of("greeting", List.of("mine")), "test"));
        assertEquals(Code.SETTINGS_LOCKED, locked.code());
        assertTrue(locked.getMessage(), locked.getMessage().contains("etc/" + PID + ".cfg.json"));

        writeFile("{ \"greeting\": \"from the file\", \"mode\": \"slow\" }");
        Await.until("the plugin shown misconfigured", BOUND,
                () -> view().status() == PluginSettingsView.Status.MISCONFIGURED);
        PluginSettingsView misconfigured = settings().settings(ID);
        assertTrue(misconfigured.problems().toString(), misconfigured.problems().get(0).contains(PID + " mode"));
        assertEquals("fast", received(PID).getOrDefault("mode", "fast"));
        assertEquals(9191, received(PID).get("port"));
        assertEquals("from the file", received(PID).get("greeting"));

        writeFile("{ \"greeting\": \"fixed\" }");
        awaitReceived(PID, "greeting", "fixed");
        Await.until("the plugin shown ok again", BOUND,
                () -> view().status() == PluginSettingsView.Status.OK);
    }

    @Test
    public void aDeclarativeServicesComponentGetsItsSettingsTypedAndKeepsItsLastGoodOnes() throws Exception {
        settings().set(ID, SettingsDsReceiver.PID, Map.of("limit", List.of("25")), "test");
        awaitReceived(SettingsDsReceiver.PID, "limit", 25);

        Path file = etc().resolve(SettingsDsReceiver.PID + ".cfg.json");
        Files.writeString(file, "{ \"limit\": \"lots\" }");
        try {
            Await.until("the plugin shown misconfigured", BOUND,
                    () -> view().status() == PluginSettingsView.Status.MISCONFIGURED);
            assertEquals(25, received(SettingsDsReceiver.PID).get("limit"));
        } finally {
            Files.delete(file);
        }
        Await.until("the file's configuration is gone", BOUND, () -> list("(plinth.config.file=*)") == null);
    }

    /** The settings' participant, as the plugin manager sees it. */
    private OperationParticipant participant() throws InvalidSyntaxException {
        for (ServiceReference<OperationParticipant> reference : context.getServiceReferences(
                OperationParticipant.class, null)) {
            if ("dev.plinth.settings".equals(reference.getBundle().getSymbolicName())) {
                return context.getService(reference);
            }
        }
        throw new AssertionError("the settings bundle registers no participant");
    }

    private static OperationContext archiveOf(String id, Path archive, Options options) {
        return new OperationContext() {
            @Override
            public Options options() {
                return options;
            }

            @Override
            public java.util.Optional<Path> archive(String bundleId) {
                return bundleId.equals(id) ? java.util.Optional.of(archive) : java.util.Optional.empty();
            }
        };
    }

    private Path declaring(String id, String version, String designate, String attribute) {
        String metatype = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<metatype:MetaData xmlns:metatype=\"http://www.osgi.org/xmlns/metatype/v1.4.0\">\n"
                + "<OCD id=\"o\" name=\"o\">" + attribute + "</OCD>\n"
                + "<Designate pid=\"" + designate + "\"><Object ocdref=\"o\"/></Designate>\n</metatype:MetaData>\n";
        return BundleJar.bundle(id, version).entry("OSGI-INF/metatype/o.xml", metatype)
                .writeTo(jars.resolve(id + "-" + version + ".jar"));
    }

    @Test
    public void anArchiveDeclaringACoreOrAnotherPluginsPidIsRefusedNamingTheOwner() throws Exception {
        Plan install = new Plan(Verb.INSTALL, "test.other", List.of(new Plan.Step(Plan.Action.INSTALL,
                "test.other", "1.0.0", "")), List.of(), true);
        Path others = declaring("test.other", "1.0.0", PID, "<AD id=\"greeting\" type=\"String\"/>");
        Path cores = declaring("test.other", "1.0.1", "dev.plinth.config", "<AD id=\"directory\" type=\"String\"/>");

        PluginException other = assertThrows(PluginException.class,
                () -> participant().check(install, archiveOf("test.other", others, Plugins.OPTIONS)));
        PluginException core = assertThrows(PluginException.class,
                () -> participant().check(install, archiveOf("test.other", cores, Plugins.OPTIONS)));

        assertEquals(Code.SETTINGS_OWNED, other.code());
        assertTrue(other.getMessage(), other.getMessage().endsWith("plugin " + ID + " owns it"));
        assertEquals(Code.SETTINGS_OWNED, core.code());
        assertTrue(core.getMessage(), core.getMessage().endsWith("dev.plinth.config owns it"));
    }

    @Test
    public void anUpgradeWhoseMetatypeRefusesAStoredValueIsRefusedUnlessForced() throws Exception {
        settings().set(ID, PID, Map.of("port", List.of("40000")), "test");
        Plan upgrade = new Plan(Verb.UPGRADE, ID, List.of(new Plan.Step(Plan.Action.UPDATE, ID, "2.0.0", "")),
                List.of(), true);
        Path next = declaring(ID, "2.0.0", PID, "<AD id=\"port\" type=\"Short\" default=\"80\"/>");

        PluginException refused = assertThrows(PluginException.class,
                () -> participant().check(upgrade, archiveOf(ID, next, Plugins.OPTIONS)));

        assertEquals(Code.INVALID_SETTINGS, refused.code());
        assertTrue(refused.getMessage(), refused.getMessage().contains(PID + " port: '40000' is not a short"));
        participant().check(upgrade, archiveOf(ID, next, Plugins.OPTIONS.withForce(true)));
    }

    @Test
    public void aPluginReceivingACorePidIsGivenNoneOfItsValues() throws Exception {
        org.osgi.service.cm.Configuration core = configurationAdmin.getConfiguration(
                SettingsReceiverActivator.CORE_PID, "?");
        core.update(new Hashtable<>(Map.of("token", "core-only")));

        Await.until("the core configuration delivered (empty)", BOUND,
                () -> SettingsReceiverActivator.CORE_PID.equals(received(SettingsReceiverActivator.CORE_PID)
                        .get("service.pid")));
        assertFalse(received(SettingsReceiverActivator.CORE_PID).containsKey("token"));
        assertTrue(settings().settings(ID).problems().toString(), settings().settings(ID).problems().stream()
                .anyMatch(p -> p.startsWith(SettingsReceiverActivator.CORE_PID)));
    }

    @Test
    public void settingsSurviveDisableAndEnableAndGoWithTheirPlugin() throws Exception {
        settings().set(ID, PID, Map.of("greeting", List.of("kept")), "test");
        settings().set(ID, "test.settings.conn~main", Map.of("url", List.of("http://example")), "test");
        awaitReceived(PID, "greeting", "kept");

        plugins.manager().disable(ID, Plugins.OPTIONS);
        assertEquals("a disabled plugin's settings are listed", List.of("kept"),
                setting(settings().settings(ID), PID, "greeting").value());
        settings().set(ID, PID, Map.of("port", List.of("7070")), "test");
        plugins.manager().enable(ID, Plugins.OPTIONS);
        awaitReceived(PID, "port", 7070);
        awaitReceived(PID, "greeting", "kept");
        assertEquals(List.of("http://example"),
                setting(settings().settings(ID), "test.settings.conn~main", "url").value());
        Path store = plugins.data().resolve("settings").resolve(ID + ".json");
        assertTrue(Files.exists(store));

        plugins.manager().remove(ID, Plugins.OPTIONS);

        assertFalse(Files.exists(store));
        assertNull(list("(service.pid=" + PID + ")"));
        assertNull(list("(service.factoryPid=test.settings.conn)"));
    }
}
