package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * Settings problems shown where an operator looks, in the assembled distribution with the settings sample: a plugin
 * made misconfigured by an {@code etc/} file is marked in {@code plugin:list} (table and {@code --json}) and in
 * {@code GET /api/plugins}; a secret key that cannot be used (a key file others may read, a malformed
 * {@code PLINTH_SECRET_KEY}) is named, with what to do, by {@code plugin:settings}, the REST settings, the command
 * line, {@code GET /api/health} and the refusal of {@code plugin:set} of a secret, never with a key or a secret.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsProblemsIT {

    private static final String ID = "dev.plinth.sample.settings";
    private static final String MAIL = "sample.settings.mail";
    private static final String SECRET = "pw-" + UUID.randomUUID();

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path unpacked;

    private static Plinth plinth;
    private static RestRuntime rest;
    private static int port;
    private static final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        port = RestRuntime.freePort();
        rest = RestRuntime.start(plinth, port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (rest != null) {
            rest.close();
        }
    }

    @Test
    @Order(1)
    void aMisconfiguredPluginIsMarkedInTheListsOfTheShellAndTheRestApi() throws Exception {
        ok("plugin:install --enable samples/dev.plinth.sample.settings.jar");
        ok("plugin:set " + ID + " " + MAIL + " host=mail.example.org .password=" + SECRET);
        assertEquals("enabled", stateColumn(ok("plugin:list").out()));
        assertFalse(listed(rest.get("/api/plugins").body()).getBoolean("misconfigured"));

        Path file = plinth.home().resolve("etc/" + MAIL + ".cfg.json");
        Files.writeString(file, "{\"port\": 70000}\n");
        await("plugin:list shows the plugin misconfigured",
                () -> stateColumn(ok("plugin:list").out()).equals("enabled (misconfigured)"));
        JsonObject json = listed(ok("plugin:list --json").out());
        assertTrue(json.getBoolean("misconfigured"), json.toString());
        assertEquals("enabled", json.getString("state"), json.toString());
        RestRuntime.Response list = rest.get("/api/plugins");
        remember(list.body());
        assertEquals(200, list.status());
        assertTrue(listed(list.body()).getBoolean("misconfigured"), list.body());
        assertTrue(ok("plugin:info " + ID).out().contains(MAIL + " port"), "plugin:info says why");
        Plinth.Result cli = plinth.run(null, "plugins");
        remember(cli.out() + cli.err());
        assertTrue(cli.out().contains("enabled (misconfigured)"), cli.toString());

        Files.delete(file);
        await("plugin:list shows the plugin configured again",
                () -> stateColumn(ok("plugin:list").out()).equals("enabled"));
        assertFalse(listed(rest.get("/api/plugins").body()).getBoolean("misconfigured"));
    }

    @Test
    @Order(2)
    void aKeyFileOthersMayReadIsNamedWithWhatToDo() throws Exception {
        Path key = plinth.home().resolve("data/settings/secret.key");
        assertTrue(Files.exists(key), "the key was made for the secret");
        rest.close();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        rest = RestRuntime.start(plinth, port);
        String chmod = "chmod 600 " + key.toAbsolutePath();

        assertKeyProblemShown(chmod);

        rest.close();
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        rest = RestRuntime.start(plinth, port);
        JsonObject health = health();
        assertEquals("ok", health.getString("status"), health.toString());
        assertEquals(List.of(), health.getJsonArray("problems").getValuesAs(JsonValue::toString));
        assertTrue(ok("plugin:settings " + ID).out().startsWith("Settings of " + ID + ": ok\n"));
    }

    @Test
    @Order(3)
    void aMalformedEnvironmentKeyIsNamedWithWhatToDoNeverShown() throws Exception {
        String malformed = "not-a-key-" + UUID.randomUUID();
        rest.close();
        plinth.env("PLINTH_SECRET_KEY", malformed);
        try {
            rest = RestRuntime.start(plinth, port);
            assertKeyProblemShown("PLINTH_SECRET_KEY does not hold a secret key: give the base64 text of 32 random "
                    + "bytes");
            synchronized (seen) {
                assertFalse(seen.stream().anyMatch(text -> text.contains(malformed)), "the malformed key is shown");
            }
        } finally {
            rest.close();
            plinth.env("PLINTH_SECRET_KEY", null);
        }
        rest = RestRuntime.start(plinth, port);
        assertEquals("ok", health().getString("status"));
    }

    @Test
    @Order(4)
    void aKeyFileMadeReadableByOthersWhileRunningIsRefusedAndOnceFixedThePluginGetsItsSecretWithoutRestart()
            throws Exception {
        Path key = plinth.home().resolve("data/settings/secret.key");
        awaitShow("  password: " + SettingsIT.fingerprint(SECRET));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        Plinth.Result refused = exec(1, "plugin:set " + ID + " " + MAIL + " .password=" + SECRET + "-new");
        assertTrue(refused.err().contains("chmod 600 " + key.toAbsolutePath()), refused.toString());
        assertEquals("degraded", health().getString("status"));
        ok("plugin:set " + ID + " " + MAIL + " port=2526");
        awaitShow("  password: unset");

        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        awaitShow("  password: " + SettingsIT.fingerprint(SECRET));
        await("plugin:list shows the plugin configured", () -> stateColumn(ok("plugin:list").out()).equals("enabled"));
        assertEquals("ok", health().getString("status"));
    }

    @Test
    @Order(5)
    void secretsSealedWithAnotherKeyThanTheEnvironmentsAreNamedAndTheHealthSaysSo() throws Exception {
        rest.close();
        plinth.env("PLINTH_SECRET_KEY", java.util.Base64.getEncoder().encodeToString(
                java.security.SecureRandom.getInstanceStrong().generateSeed(32)));
        try {
            rest = RestRuntime.start(plinth, port);
            String table = exec(-1, "plugin:settings " + ID).out();
            assertTrue(table.startsWith("Settings of " + ID + ": misconfigured\n"), table);
            assertTrue(table.contains(MAIL + " .password: the stored secret was sealed with key "), table);
            assertTrue(table.contains("(the environment variable PLINTH_SECRET_KEY)"), table);
            JsonObject health = health();
            assertEquals("degraded", health.getString("status"), health.toString());
            assertTrue(health.getJsonArray("problems").toString().contains("stored secrets (" + ID + " " + MAIL
                    + " .password) cannot be opened: sealed with key "), health.toString());
        } finally {
            rest.close();
            plinth.env("PLINTH_SECRET_KEY", null);
        }
        rest = RestRuntime.start(plinth, port);
        assertEquals("ok", health().getString("status"));
    }

    /** {@code settingsdemo:show} once it prints {@code line}; fails after the bound. */
    private static void awaitShow(String line) throws Exception {
        await("settingsdemo:show prints '" + line + "'",
                () -> exec(-1, "settingsdemo:show").out().lines().anyMatch(line::equals));
    }

    @Test
    @Order(9)
    void noSecretIsInAnyOutput() {
        synchronized (seen) {
            assertTrue(seen.size() > 10, "outputs were collected");
            assertFalse(seen.stream().anyMatch(text -> text.contains(SECRET)), "an output holds the secret");
        }
    }

    /** {@code cause} in plugin:settings (shell, --json, REST, CLI), the health and the refusal of setting a secret. */
    private static void assertKeyProblemShown(String cause) throws Exception {
        Plinth.Result table = exec(-1, "plugin:settings " + ID);
        assertTrue(table.out().startsWith("Settings of " + ID + ": misconfigured\n"), table.toString());
        assertTrue(table.out().contains(cause), table.toString());
        JsonObject view = json(ok("plugin:settings --json " + ID).out());
        assertTrue(view.getJsonArray("problems").toString().contains(cause), view.toString());
        RestRuntime.Response settings = rest.get("/api/plugins/" + ID + "/settings");
        remember(settings.body());
        assertEquals(200, settings.status(), settings.body());
        assertTrue(settings.body().contains(cause), settings.body());
        Plinth.Result cli = plinth.run(null, "settings", ID);
        remember(cli.out() + cli.err());
        assertTrue(cli.out().contains(cause), cli.toString());

        JsonObject health = health();
        assertEquals("degraded", health.getString("status"), health.toString());
        assertTrue(health.getJsonArray("problems").toString().contains(cause), health.toString());

        Plinth.Result refused = exec(1, "plugin:set " + ID + " " + MAIL + " .password=" + SECRET + "-new");
        assertTrue(refused.err().contains(cause), refused.toString());
        assertFalse(refused.err().contains(SECRET), refused.toString());
    }

    private static JsonObject health() throws Exception {
        RestRuntime.Response health = rest.get("/api/health");
        remember(health.body());
        assertEquals(200, health.status(), health.body());
        return json(health.body());
    }

    /** The STATE column of the sample's row of {@code plugin:list}. */
    private static String stateColumn(String table) {
        String header = table.lines().findFirst().orElseThrow();
        String row = table.lines().filter(line -> line.startsWith(ID + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + ID + " in:\n" + table));
        return row.substring(header.indexOf("STATE"), header.indexOf("KIND")).strip();
    }

    /** The sample's object of a JSON plugin list. */
    private static JsonObject listed(String array) {
        remember(array);
        try (JsonReader reader = Json.createReader(new StringReader(array))) {
            JsonArray plugins = reader.readArray();
            return plugins.stream().map(JsonValue::asJsonObject).filter(p -> p.getString("id").equals(ID))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + ID + " in " + array));
        }
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(what + ": not within " + Plinth.BOUND.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static Plinth.Result ok(String program) throws Exception {
        return exec(0, program);
    }

    /** Runs {@code bin/plinth exec PROGRAM}; {@code status} -1 accepts any. */
    private static Plinth.Result exec(int status, String program) throws Exception {
        Plinth.Result result = plinth.run(null, "exec", program);
        remember(result.out() + result.err());
        if (status >= 0 && result.exit() != status) {
            throw new AssertionError(program + ": expected exit status " + status + "\n" + result);
        }
        return result;
    }

    private static void remember(String text) {
        synchronized (seen) {
            seen.add(text);
        }
    }
}
