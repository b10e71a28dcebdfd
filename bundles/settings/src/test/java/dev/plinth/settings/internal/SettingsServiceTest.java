package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;
import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.settings.internal.Fixtures.Attribute;
import dev.plinth.common.testing.FakeConfigurationAdmin;

class SettingsServiceTest {

    static final String SECRET = "s3cr3t-Value-42";

    @TempDir
    Path directory;

    final FakeConfigurationAdmin admin = new FakeConfigurationAdmin();
    final Fixtures.Lines log = new Fixtures.Lines();
    final Bundle plugin = Fixtures.plugin(10, "x.y");
    final Fixtures.Bundles bundles = new Fixtures.Bundles(plugin,
            Fixtures.bundle(1, "plinth:system/dev.plinth.rest", "dev.plinth.rest"));
    final Fixtures.Schemas schemas = new Fixtures.Schemas();
    SettingsValidators validators = SettingsValidators.NONE;

    @BeforeEach
    void describe() {
        schemas.with(plugin,
                Fixtures.schema("x.y", false, Attribute.of("greeting", AttributeDefinition.STRING, "hello"),
                        Attribute.of("port", AttributeDefinition.INTEGER, "8080"),
                        Attribute.of("names", AttributeDefinition.STRING, "a").multiple(5),
                        Attribute.of("password", AttributeDefinition.PASSWORD, "")),
                Fixtures.schema("x.y.conn", true, Attribute.of("url", AttributeDefinition.STRING, "http://a")));
    }

    SettingsService service(SecretCipher cipher) {
        return new SettingsService(bundles, schemas, new Configurations(admin.admin), new SettingsStore(directory),
                cipher, (bundle, pid, values) -> validators.validate(bundle, pid, values), new Misconfigurations(),
                log.logger);
    }

    SettingsService service() {
        return service(new Fixtures.TestCipher());
    }

    @Test
    void aKeyThatCannotBeUsedIsAProblemOfAPluginWithSecretsAndTheRefusalOfSettingOne() throws Exception {
        String problem = "the secret key (x) cannot be used: make it owner-only: chmod 600 secret.key";
        SettingsService service = service(new UnavailableCipher()).keyCheckedBy(() -> java.util.Optional.of(problem));

        PluginSettingsView view = service.settings("x.y");
        assertEquals(PluginSettingsView.Status.MISCONFIGURED, view.status());
        assertEquals(List.of("secrets (x.y password) can be neither stored nor delivered: " + problem),
                view.problems());
        assertEquals(java.util.Optional.of(problem), service.secretKeyProblem());
        PluginException refused = assertThrows(PluginException.class, () -> service.set("x.y", "x.y",
                Map.of("password", List.of("hunter2")), "test"));
        assertEquals("the secret password cannot be stored: " + problem, refused.getMessage());
        assertFalse(refused.getMessage().contains("hunter2"));
    }

    static Setting setting(PluginSettingsView view, String pid, String key) {
        return configuration(view, pid).settings().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow();
    }

    static ConfigurationSettings configuration(PluginSettingsView view, String pid) {
        return view.configurations().stream().filter(c -> c.pid().equals(pid)).findFirst().orElseThrow();
    }

    @Test
    void everyDescribedConfigurationIsListedWithItsDefaultsAndSources() throws PluginException {
        PluginSettingsView view = service().settings("x.y");

        assertEquals(List.of("x.y", "x.y.conn"), view.configurations().stream().map(ConfigurationSettings::pid)
                .toList());
        assertEquals(PluginSettingsView.Status.OK, view.status());
        Setting greeting = setting(view, "x.y", "greeting");
        assertEquals(List.of("hello"), greeting.value());
        assertEquals(Setting.Source.DEFAULT, greeting.source());
        assertFalse(greeting.set());
        assertEquals("integer", setting(view, "x.y", "port").type());
        assertTrue(setting(view, "x.y", "names").multiple());
        Setting password = setting(view, "x.y", "password");
        assertTrue(password.secret());
        assertEquals(List.of(), password.value());
        assertEquals(List.of(), password.defaults());
        assertFalse(password.set());
        assertEquals("x.y.conn", configuration(view, "x.y.conn").factoryPid());
    }

    @Test
    void aSetValueIsStoredShownAsTheOperatorsAndRedeliveredWithoutConfigurationAdminHoldingIt() throws Exception {
        PluginSettingsView view = service().set("x.y", "x.y", Map.of("greeting", List.of("hi"), "names",
                List.of("b, c")), "test");

        assertEquals(List.of("hi"), setting(view, "x.y", "greeting").value());
        assertEquals(Setting.Source.OPERATOR, setting(view, "x.y", "greeting").source());
        assertEquals(List.of("b", "c"), setting(view, "x.y", "names").value());
        Hashtable<String, Object> delivered = admin.get("x.y");
        assertEquals(1L, delivered.get(Configurations.REVISION_PROPERTY));
        assertNull(delivered.get("greeting"));
        assertTrue(Files.readString(directory.resolve("x.y.json")).contains("\"hi\""));
        assertTrue(log.all().contains("greeting, names"), log.all());
    }

    @Test
    void storedSettingsSurviveARestart() throws Exception {
        service().set("x.y", "x.y", Map.of("port", List.of("9090")), "test");

        PluginSettingsView view = service().settings("x.y");

        assertEquals(List.of("9090"), setting(view, "x.y", "port").value());
        assertEquals(Setting.Source.OPERATOR, setting(view, "x.y", "port").source());
    }

    @Test
    void aRefusalNamesEachKeyAndWhyAndNothingIsStored() {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, () -> service().set("x.y",
                "x.y", Map.of("port", List.of("eighty"), "greeting", List.of("fine")), "test"));

        assertEquals(List.of(new SettingRefusal("x.y", "port", "'eighty' is not an integer")), refused.refusals());
        assertEquals(Code.INVALID_SETTINGS, refused.code());
        assertFalse(Files.exists(directory.resolve("x.y.json")));
        assertNull(admin.get("x.y"));
    }

    @Test
    void aValueThatLooksSealedIsCheckedUnlessItIsASecrets() {
        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, () -> service().set("x.y",
                "x.y", Map.of("port", List.of("{aes-gcm:k}AAAA")), "test"));

        assertEquals("port", refused.refusals().get(0).key());
    }

    @Test
    void thePluginsValidatorIsAskedBeforeAnythingIsStored() {
        validators = (bundle, pid, values) -> "nobody".equals(values.get("greeting"))
                ? List.of(new SettingRefusal(pid, "greeting", "must greet someone")) : List.of();

        InvalidSettingsException refused = assertThrows(InvalidSettingsException.class, () -> service().set("x.y",
                "x.y", Map.of("greeting", List.of("nobody")), "test"));

        assertEquals("x.y greeting: must greet someone", refused.refusals().get(0).line());
        assertFalse(Files.exists(directory.resolve("x.y.json")));
    }

    @Test
    void anUnknownPluginConfigurationOrKeyIsNotFound() {
        SettingsService service = service();
        assertEquals(Code.NOT_FOUND, assertThrows(PluginException.class, () -> service.settings("no.such")).code());
        assertEquals(Code.NOT_FOUND, assertThrows(PluginException.class,
                () -> service.set("x.y", "x.z", Map.of("a", List.of("b")), "test")).code());
        PluginException key = assertThrows(PluginException.class,
                () -> service.set("x.y", "x.y", Map.of("colour", List.of("red")), "test"));
        assertEquals(Code.NOT_FOUND, key.code());
        assertTrue(key.getMessage().contains("colour"), key.getMessage());
        assertEquals(Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> service.set("x.y", null, Map.of("greeting", List.of("b")), "test")).code());
    }

    @Test
    void aKeySetInAnEtcFileIsShownLockedAndItsChangeIsRefusedNamingTheFile() throws Exception {
        Hashtable<String, Object> file = new Hashtable<>(Map.of(Constants.SERVICE_PID, "x.y", "greeting", "from file",
                Configurations.FILE_PROPERTY, "x.y.cfg.json"));
        admin.configurations.put("x.y", file);
        SettingsService service = service();

        PluginException refused = assertThrows(PluginException.class,
                () -> service.set("x.y", "x.y", Map.of("greeting", List.of("mine")), "test"));
        assertEquals(Code.SETTINGS_LOCKED, refused.code());
        assertTrue(refused.getMessage().contains("etc/x.y.cfg.json"), refused.getMessage());
        assertEquals(Code.SETTINGS_LOCKED, assertThrows(PluginException.class,
                () -> service.unset("x.y", "x.y", Set.of("greeting"), "test")).code());
        assertFalse(Files.exists(directory.resolve("x.y.json")));

        PluginSettingsView view = service.set("x.y", "x.y", Map.of("port", List.of("1234")), "test");
        assertEquals("etc/x.y.cfg.json", configuration(view, "x.y").file());
        assertEquals(Setting.Source.FILE, setting(view, "x.y", "greeting").source());
        assertEquals(List.of("from file"), setting(view, "x.y", "greeting").value());
        assertEquals(Setting.Source.OPERATOR, setting(view, "x.y", "port").source());
        assertEquals("from file", admin.get("x.y").get("greeting"));
        assertEquals(1L, admin.get("x.y").get(Configurations.REVISION_PROPERTY));
    }

    @Test
    void anOperatorValueHiddenUnderAFileLockCanBeUnsetButNotSetAndTheFileValueStays() throws Exception {
        new SettingsStore(directory).update("x.y", current -> current.with("x.y", current.configuration("x.y")
                .withValues(Map.of("greeting", List.of("older")))));
        admin.configurations.put("x.y", new Hashtable<>(Map.of(Constants.SERVICE_PID, "x.y", "greeting",
                "from file", Configurations.FILE_PROPERTY, "x.y.cfg.json")));
        SettingsService service = service();
        assertEquals(Code.SETTINGS_LOCKED, assertThrows(PluginException.class,
                () -> service.set("x.y", "x.y", Map.of("greeting", List.of("mine")), "test")).code());

        PluginSettingsView view = service.unset("x.y", "x.y", Set.of("greeting"), "test");

        assertEquals(Setting.Source.FILE, setting(view, "x.y", "greeting").source());
        assertEquals(List.of("from file"), setting(view, "x.y", "greeting").value());
        assertFalse(Files.exists(directory.resolve("x.y.json")));
        assertEquals(Code.SETTINGS_LOCKED, assertThrows(PluginException.class,
                () -> service.unset("x.y", "x.y", Set.of("greeting"), "test")).code());
    }

    @Test
    void aRequiredKeyWithoutValueIsAProblemFromTheStartFilledOneKeyAtATimeAndCannotBeUnsetOnceSet()
            throws Exception {
        schemas.with(plugin, Fixtures.schema("x.y", false, Attribute.of("host", AttributeDefinition.STRING),
                Attribute.of("port", AttributeDefinition.INTEGER, "25")));
        SettingsService service = service();
        PluginSettingsView fresh = service.settings("x.y");
        assertEquals(PluginSettingsView.Status.MISCONFIGURED, fresh.status());
        assertEquals(List.of("x.y host: is required and has no value"), fresh.problems());
        service.unset("x.y", "x.y", Set.of(), "test");

        assertEquals(PluginSettingsView.Status.MISCONFIGURED,
                service.set("x.y", "x.y", Map.of("port", List.of("2525")), "test").status());
        assertEquals(PluginSettingsView.Status.OK,
                service.set("x.y", "x.y", Map.of("host", List.of("mail")), "test").status());

        assertEquals(List.of(new SettingRefusal("x.y", "host", "is required and has no value")),
                assertThrows(InvalidSettingsException.class,
                        () -> service.unset("x.y", "x.y", Set.of("host"), "test")).refusals());
        assertEquals(Code.INVALID_SETTINGS, assertThrows(PluginException.class,
                () -> service.unset("x.y", "x.y", Set.of(), "test")).code());
        assertEquals(List.of("mail"), setting(service.settings("x.y"), "x.y", "host").value());
    }

    @Test
    void aSealedValueOfAKeyThatIsNoLongerASecretIsNeverShownAndIsAProblem() throws Exception {
        String sealed = new Fixtures.TestCipher().seal(SECRET);
        new SettingsStore(directory).update("x.y", current -> current.with("x.y", current.configuration("x.y")
                .withValues(Map.of("greeting", List.of(sealed)))));

        PluginSettingsView view = service().settings("x.y");

        assertEquals(List.of(), setting(view, "x.y", "greeting").value());
        assertTrue(setting(view, "x.y", "greeting").set());
        assertFalse(view.toString().contains(sealed), view.toString());
        assertEquals(List.of("x.y greeting: " + SettingsService.NO_LONGER_SECRET), view.problems());
        assertEquals("greeting", assertThrows(InvalidSettingsException.class, () -> service().set("x.y", "x.y",
                Map.of("greeting", List.of(sealed)), "test")).refusals().get(0).key());
    }

    @Test
    void aSecretSealedWithAnotherKeyIsNamedInTheSettingsAndIsTheKeysProblem() throws Exception {
        String sealed = new Fixtures.TestCipher().seal(SECRET);
        new SettingsStore(directory).update("x.y", current -> current.with("x.y", current.configuration("x.y")
                .withValues(Map.of("password", List.of(sealed)))));
        String why = "sealed with key k1, not with the runtime's key k2 (the environment variable PLINTH_SECRET_KEY)";
        SettingsService service = service().otherKeyToldBy(text -> java.util.Optional.of(why));

        PluginSettingsView view = service.settings("x.y");

        assertEquals(PluginSettingsView.Status.MISCONFIGURED, view.status());
        assertEquals(List.of("x.y password: the stored secret was " + why + ": give the key it was sealed with, "
                + "or set the secret again"), view.problems());
        assertEquals("stored secrets (x.y x.y password) cannot be opened: " + why + "; give the key they were "
                + "sealed with, or set them again", service.secretKeyProblem().orElseThrow());
        assertEquals(java.util.Optional.empty(), service().secretKeyProblem());
    }

    @Test
    void onceTheKeyIsUsableAgainTheConfigurationsWithSecretsAreDeliveredAgain() throws Exception {
        SettingsService service = service();
        service.set("x.y", "x.y", Map.of("password", List.of(SECRET)), "test");
        service.set("x.y", "x.y.conn~main", Map.of("url", List.of("http://b")), "test");

        service.deliverSecretsAgain();

        assertEquals(2L, admin.get("x.y").get(Configurations.REVISION_PROPERTY));
        assertEquals(1L, admin.get("x.y.conn~main").get(Configurations.REVISION_PROPERTY));
    }

    @Test
    void aSecretIsStoredSealedAndNeverShownNorLogged() throws Exception {
        PluginSettingsView view = service().set("x.y", "x.y", Map.of("password", List.of(SECRET)), "test");

        Setting password = setting(view, "x.y", "password");
        assertTrue(password.set());
        assertEquals(List.of(), password.value());
        String stored = Files.readString(directory.resolve("x.y.json"));
        assertFalse(stored.contains(SECRET), stored);
        assertTrue(stored.contains(Fixtures.TestCipher.PREFIX), stored);
        assertFalse(view.toString().contains(SECRET));
        assertFalse(log.all().contains(SECRET), log.all());
    }

    @Test
    void withoutASecretKeyASecretIsRefusedAndNothingIsStored() {
        PluginException refused = assertThrows(PluginException.class, () -> service(new UnavailableCipher())
                .set("x.y", "x.y", Map.of("password", List.of(SECRET), "greeting", List.of("x")), "test"));

        assertEquals(Code.IO_ERROR, refused.code());
        assertFalse(refused.getMessage().contains(SECRET));
        assertFalse(Files.exists(directory.resolve("x.y.json")));
    }

    @Test
    void unsetBringsTheDefaultBackAndDropsAnEmptyStoreFile() throws Exception {
        SettingsService service = service();
        service.set("x.y", "x.y", Map.of("greeting", List.of("hi")), "test");

        PluginSettingsView view = service.unset("x.y", "x.y", Set.of("greeting"), "test");

        assertEquals(Setting.Source.DEFAULT, setting(view, "x.y", "greeting").source());
        assertEquals(List.of("hello"), setting(view, "x.y", "greeting").value());
        assertFalse(Files.exists(directory.resolve("x.y.json")));
        assertEquals(2L, admin.get("x.y").get(Configurations.REVISION_PROPERTY));
    }

    @Test
    void aFactoryConfigurationIsCreatedBySettingItAndDeletedByUnsettingAll() throws Exception {
        SettingsService service = service();
        PluginSettingsView view = service.set("x.y", "x.y.conn~main", Map.of("url", List.of("http://b")), "test");

        assertEquals(List.of("http://b"), setting(view, "x.y.conn~main", "url").value());
        assertEquals("x.y.conn", configuration(view, "x.y.conn~main").factoryPid());
        assertEquals("x.y.conn", admin.configurations.get("x.y.conn~main").get("service.factoryPid"));
        assertEquals(Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> service.set("x.y", "x.y.conn", Map.of("url", List.of("http://c")), "test")).code());

        view = service.unset("x.y", "x.y.conn~main", Set.of(), "test");

        assertNull(admin.get("x.y.conn~main"));
        assertEquals(List.of("x.y", "x.y.conn"), view.configurations().stream().map(ConfigurationSettings::pid)
                .toList());
    }

    @Test
    void unsettingEveryKeyOfAFactoryConfigurationDeletesItThoughAKeyIsRequiredWithoutDefault() throws Exception {
        schemas.with(plugin, Fixtures.schema("x.y.hook", true, Attribute.of("url", AttributeDefinition.STRING),
                Attribute.of("events", AttributeDefinition.STRING, "install")));
        SettingsService service = service();
        service.set("x.y", "x.y.hook~ops", Map.of("url", List.of("http://hook")), "test");
        new SettingsStore(directory).update("x.y", current -> current.with("x.y.hook~ops", current
                .configuration("x.y.hook~ops").withLastGood(Map.of("url", new StoredValue("String", StoredValue.Shape.SCALAR,
                        List.of("http://hook"))))));

        PluginSettingsView view = service.unset("x.y", "x.y.hook~ops", Set.of(), "test");

        assertNull(admin.get("x.y.hook~ops"));
        assertEquals(List.of("x.y.hook"), view.configurations().stream().filter(c -> c.pid().startsWith("x.y.hook"))
                .map(ConfigurationSettings::pid).toList());
    }

    @Test
    void anEmptyValueOfARequiredKeyAndAFactoryNameThatIsNotASimpleNameAreRefused() {
        SettingsService service = service();

        InvalidSettingsException empty = assertThrows(InvalidSettingsException.class,
                () -> service.set("x.y", "x.y", Map.of("greeting", List.of("")), "test"));
        assertEquals("is required: an empty value is no value", empty.refusals().get(0).reason());
        for (String name : List.of("a b", "a\nforged line", "../x", "a~b")) {
            assertEquals(Code.INVALID_INPUT, assertThrows(PluginException.class, () -> service.set("x.y",
                    "x.y.conn~" + name, Map.of("url", List.of("http://b")), "test")).code(), name);
        }
    }

    @Test
    void aReferenceIsShownAsWhereTheValueComesFrom() throws Exception {
        PluginSettingsView view = service().set("x.y", "x.y", Map.of("port", List.of("$[env:PORT]"), "greeting",
                List.of("$[secret:greeting]")), "test");

        assertEquals(Setting.Source.ENVIRONMENT, setting(view, "x.y", "port").source());
        assertEquals(Setting.Source.SECRET_REFERENCE, setting(view, "x.y", "greeting").source());
    }

    @Test
    void aCorePidDeclaredByAPluginCannotBeChanged() throws IOException {
        schemas.with(plugin, Fixtures.schema("dev.plinth.rest", false,
                Attribute.of("port", AttributeDefinition.INTEGER, "1")));

        assertEquals(Code.SETTINGS_OWNED, assertThrows(PluginException.class,
                () -> service().set("x.y", "dev.plinth.rest", Map.of("port", List.of("2")), "test")).code());
        assertNull(admin.get("dev.plinth.rest"));
    }

    @Test
    void concurrentChangesOfDifferentKeysAreAllKept() throws Exception {
        SettingsService service = service();
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<PluginSettingsView>> changes = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String key = i % 2 == 0 ? "greeting" : "port";
                String value = i % 2 == 0 ? "g" + i : String.valueOf(1000 + i);
                changes.add(threads.submit(() -> service.set("x.y", "x.y", Map.of(key, List.of(value)), "test")));
            }
            for (java.util.concurrent.Future<PluginSettingsView> change : changes) {
                change.get();
            }
        } finally {
            threads.shutdownNow();
        }

        PluginSettingsView view = service().settings("x.y");
        assertEquals(Setting.Source.OPERATOR, setting(view, "x.y", "greeting").source());
        assertEquals(Setting.Source.OPERATOR, setting(view, "x.y", "port").source());
        assertEquals(20L, admin.get("x.y").get(Configurations.REVISION_PROPERTY));
    }

    @Test
    void aKeyRotationReSealsEveryStoredSecretAndWithoutAKeyIsRefused() throws Exception {
        SettingsService service = service();
        service.set("x.y", "x.y", Map.of("password", List.of(SECRET)), "test");
        assertEquals(Code.IO_ERROR, assertThrows(PluginException.class, service::rotateKey).code());

        service.rotatingWith(store -> store.resealAll(t -> t.startsWith("{aes-gcm:"),
                t -> t.replace(Fixtures.TestCipher.PREFIX, "{aes-gcm:next}")));
        assertEquals(1, service.rotateKey());

        String stored = Files.readString(directory.resolve("x.y.json"));
        assertTrue(stored.contains("{aes-gcm:next}"), stored);
        assertFalse(stored.contains(SECRET), stored);
        assertTrue(setting(service.settings("x.y"), "x.y", "password").set());
    }
}
