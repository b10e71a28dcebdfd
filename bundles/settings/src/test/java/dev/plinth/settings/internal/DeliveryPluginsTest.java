package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.settings.internal.Fixtures.Attribute;

/** The two Configuration Admin plugins, called as Configuration Admin calls them, in their order. */
class DeliveryPluginsTest {

    static final String SECRET = "pa55-Word-Secret";

    @TempDir
    Path directory;

    final Fixtures.Lines log = new Fixtures.Lines();
    final Bundle plugin = Fixtures.plugin(10, "x.y");
    final Bundle other = Fixtures.plugin(11, "o.p");
    final Bundle core = Fixtures.bundle(1, "plinth:system/dev.plinth.rest", "dev.plinth.rest");
    final Fixtures.Bundles bundles = new Fixtures.Bundles(plugin, other, core);
    final Fixtures.Schemas schemas = new Fixtures.Schemas();
    final Misconfigurations misconfigurations = new Misconfigurations();
    final Fixtures.TestCipher cipher = new Fixtures.TestCipher();
    SettingsStore store;
    OperatorValuesPlugin merge;
    DeliveryGuardPlugin guard;
    SettingsValidators validators = SettingsValidators.NONE;

    @BeforeEach
    void setUp() {
        schemas.with(plugin, Fixtures.schema("x.y", false, Attribute.of("greeting", AttributeDefinition.STRING, "hi"),
                Attribute.of("port", AttributeDefinition.INTEGER, "8080"),
                Attribute.of("password", AttributeDefinition.PASSWORD, "")));
        schemas.with(other, Fixtures.schema("o.p", false, Attribute.of("a", AttributeDefinition.STRING, "")));
        store = new SettingsStore(directory);
        merge = new OperatorValuesPlugin(bundles, schemas, store, misconfigurations, log.logger);
        guard = new DeliveryGuardPlugin(bundles, schemas, new Ownership(bundles, schemas), store, cipher,
                (bundle, pid, values) -> validators.validate(bundle, pid, values), misconfigurations, log.logger);
    }

    static ServiceReference<?> reference(Bundle bundle) {
        return (ServiceReference<?>) Proxy.newProxyInstance(DeliveryPluginsTest.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    Hashtable<String, Object> deliver(Bundle to, Map<String, Object> configuration) {
        Hashtable<String, Object> properties = new Hashtable<>(configuration);
        merge.modifyConfiguration(reference(to), properties);
        guard.modifyConfiguration(reference(to), properties);
        return properties;
    }

    void storeValues(Map<String, List<String>> values) throws Exception {
        store.update("x.y", current -> current.with("x.y", current.configuration("x.y").withValues(values)));
    }

    @Test
    void storedValuesAreMergedTypedAndSecretsOpenedButAFileValueWins() throws Exception {
        storeValues(Map.of("greeting", List.of("operator"), "port", List.of("9090"), "password",
                List.of(cipher.seal(SECRET))));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "greeting",
                "file", Configurations.FILE_PROPERTY, "x.y.cfg"));

        assertEquals("file", delivered.get("greeting"));
        assertEquals(9090, delivered.get("port"));
        assertEquals(SECRET, delivered.get("password"));
        assertEquals(List.of(), misconfigurations.of("x.y"));
        String stored = Files.readString(directory.resolve("x.y.json"));
        assertTrue(stored.contains("lastGood"), stored);
        assertFalse(stored.contains(SECRET), stored);
    }

    @Test
    void anInvalidValueIsReplacedByTheLastGoodConfigurationAndThePluginIsMisconfigured() throws Exception {
        storeValues(Map.of("port", List.of("9090"), "password", List.of(cipher.seal(SECRET))));
        deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y"));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "port", "many",
                Configurations.FILE_PROPERTY, "x.y.cfg"));

        assertEquals(9090, delivered.get("port"));
        assertEquals(SECRET, delivered.get("password"));
        assertEquals(List.of("x.y port: the value is not an integer"), misconfigurations.of("x.y"));
        assertTrue(log.all().contains("misconfigured"), log.all());
        assertFalse(log.all().contains(SECRET), log.all());

        deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "port", "7070"));
        assertEquals(List.of(), misconfigurations.of("x.y"));
    }

    @Test
    void withoutALastGoodConfigurationTheRefusedKeysAreDroppedSoTheirDefaultsApply() {
        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "port", "many",
                "greeting", "kept", Configurations.FILE_PROPERTY, "x.y.cfg"));

        assertNull(delivered.get("port"));
        assertEquals("kept", delivered.get("greeting"));
        assertEquals(1, misconfigurations.of("x.y").size());
    }

    @Test
    void aRefusedDeliveredValueIsNeverShownForItMayBeAResolvedReference() {
        deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "port", "resolved-Secret-Token",
                Configurations.FILE_PROPERTY, "x.y.cfg"));

        assertEquals(List.of("x.y port: the value is not an integer"), misconfigurations.of("x.y"));
        assertFalse(log.all().contains("resolved-Secret-Token"), log.all());
    }

    @Test
    void withoutASecretKeyTheLastGoodConfigurationKeepsNoSecret() throws Exception {
        DeliveryGuardPlugin keyless = new DeliveryGuardPlugin(bundles, schemas, new Ownership(bundles, schemas), store,
                new UnavailableCipher(), SettingsValidators.NONE, misconfigurations, log.logger);
        Hashtable<String, Object> properties = new Hashtable<>(Map.of(Constants.SERVICE_PID, "x.y", "port", "9",
                "password", SECRET));

        keyless.modifyConfiguration(reference(plugin), properties);

        assertEquals(SECRET, properties.get("password"));
        String stored = Files.readString(directory.resolve("x.y.json"));
        assertFalse(stored.contains(SECRET), stored);
        assertEquals(List.of("9"), store.load("x.y").configuration("x.y").lastGood().get("port").values());
        assertNull(store.load("x.y").configuration("x.y").lastGood().get("password"));
    }

    @Test
    void aSecretThatCannotBeOpenedIsNeverDelivered() throws Exception {
        storeValues(Map.of("password", List.of("{aes-gcm:other}AAAA")));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y"));

        assertNull(delivered.get("password"));
        assertEquals(List.of("x.y password: the secret cannot be opened with the runtime's key"),
                misconfigurations.of("x.y"));
    }

    @Test
    void aSealedValueOfAKeyNoLongerASecretIsNeitherDeliveredNorRestoredFromTheLastGood() throws Exception {
        String sealed = cipher.seal(SECRET);
        store.update("x.y", current -> current.with("x.y", current.configuration("x.y")
                .withValues(Map.of("greeting", List.of(sealed)))
                .withLastGood(Map.of("greeting", new StoredValue("String", StoredValue.Shape.SCALAR,
                        List.of(sealed))))));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y"));

        assertFalse(delivered.containsKey("greeting"), delivered.toString());
        assertFalse(delivered.toString().contains("{aes-gcm:"), delivered.toString());
        assertEquals(List.of("x.y greeting: " + SettingsService.NO_LONGER_SECRET), misconfigurations.of("x.y"));
    }

    @Test
    void aValidatorsRefusalKeepsTheLastGoodConfiguration() throws Exception {
        deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "greeting", "good",
                Configurations.FILE_PROPERTY, "x.y.cfg"));
        validators = (bundle, pid, values) -> List.of(new SettingRefusal(pid, "greeting", "not today"));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "greeting",
                "bad", Configurations.FILE_PROPERTY, "x.y.cfg"));

        assertEquals("good", delivered.get("greeting"));
        assertEquals(List.of("x.y greeting: not today"), misconfigurations.of("x.y"));
    }

    @Test
    void whatAnyoneButAFileWroteIntoConfigurationAdminIsNotDeliveredTheStoreIs() throws Exception {
        storeValues(Map.of("greeting", List.of("operator")));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "greeting",
                "evil", "port", "99999", "extra", "x"));

        assertEquals("operator", delivered.get("greeting"));
        assertNull(delivered.get("port"), "the default applies");
        assertNull(delivered.get("extra"));
        assertEquals(List.of(), misconfigurations.of("x.y"));
    }

    @Test
    void aReferenceLeftUnresolvedIsNotDeliveredAndThePluginIsMisconfiguredNamingIt() {
        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y", "greeting",
                "$[env:NOT_SET_HERE]", Configurations.FILE_PROPERTY, "x.y.cfg"));

        assertNull(delivered.get("greeting"), "the default applies");
        assertEquals(List.of("x.y greeting: $[env:NOT_SET_HERE] has no value here (an environment variable that is "
                + "not set, or a secrets directory without that file)"), misconfigurations.of("x.y"));
    }

    @Test
    void aPluginReceivingACoreOrAnotherPluginsPidIsGivenNothing() {
        Hashtable<String, Object> core = deliver(plugin, Map.of(Constants.SERVICE_PID, "dev.plinth.rest", "token",
                "abc"));
        Hashtable<String, Object> others = deliver(plugin, Map.of(Constants.SERVICE_PID, "o.p", "a", "b"));

        assertEquals(Map.of(Constants.SERVICE_PID, "dev.plinth.rest"), core);
        assertEquals(Map.of(Constants.SERVICE_PID, "o.p"), others);
        assertEquals(List.of("dev.plinth.rest: dev.plinth.rest owns it; x.y receives none of its values",
                "o.p: plugin o.p owns it; x.y receives none of its values"), misconfigurations.of("x.y"));
        assertTrue(log.all().contains("which {} owns"), log.all());
    }

    @Test
    void theCoresOwnBundlesAreNotTouched() throws Exception {
        Hashtable<String, Object> delivered = deliver(core, Map.of(Constants.SERVICE_PID, "dev.plinth.rest",
                "token", "abc"));

        assertEquals("abc", delivered.get("token"));
    }

    @Test
    void aMultiValuedStoredValueIsDeliveredAsAnArray() throws Exception {
        schemas.with(plugin, Fixtures.schema("x.y", false,
                Attribute.of("names", AttributeDefinition.STRING).multiple(5)));
        storeValues(Map.of("names", List.of("a", "b")));

        Hashtable<String, Object> delivered = deliver(plugin, Map.of(Constants.SERVICE_PID, "x.y"));

        assertArrayEquals(new String[] {"a", "b"}, (String[]) delivered.get("names"));
    }
}
