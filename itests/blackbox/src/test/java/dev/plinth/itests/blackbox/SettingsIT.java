package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * A plugin's settings in the assembled runtime, as an operator sees them through the shell, the REST API and
 * {@code bin/plinth}, with the settings sample ({@code dev.plinth.sample.settings}, whose {@code settingsdemo:show}
 * prints what the plugin was given, a password as its length and a SHA-256 prefix): listing with sources, setting and
 * unsetting, refusals naming the key, a factory configuration, a locked file of {@code etc/}, {@code $[env:]} and
 * {@code $[secret:]} references, restart, disable and enable, key rotation, a wrong key, an upgrade that makes a
 * value invalid, remove with and without {@code --keep-data}; and a known secret never found in any file of the
 * home, REST answer or shell output.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsIT {

    private static final String ID = "dev.plinth.sample.settings";
    private static final String MAIL = "sample.settings.mail";
    private static final String WEBHOOK = "sample.settings.webhook";
    private static final String V1 = "samples/dev.plinth.sample.settings.jar";
    private static final String V2 = "samples/dev.plinth.sample.settings-2.jar";
    private static final String API = "/api/plugins/" + ID + "/settings";
    private static final String LOCK_FILE = "etc/" + MAIL + ".cfg.json";

    /** The operator's secret, unique to this run, so that finding it anywhere means it leaked. */
    private static final String SECRET = "pw-" + UUID.randomUUID();
    /** The secret of the secrets directory, referred to as {@code $[secret:mail-password]}. */
    private static final String FILE_SECRET = "filepw-" + UUID.randomUUID();
    private static final String ENV_USER = "env-user-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path unpacked;

    private static Plinth plinth;
    private static RestRuntime rest;
    private static int port;
    /** Every shell output and REST answer of the test, searched for the secrets at the end. */
    private static final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        Path secrets = Files.createDirectories(plinth.home().resolve("secrets"));
        Files.writeString(secrets.resolve("mail-password"), FILE_SECRET);
        Files.writeString(plinth.home().resolve("conf/plinth.properties"),
                "\norg.apache.felix.configadmin.plugin.interpolation.secretsdir = ${plinth.home}/secrets\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(plinth.home().resolve("etc/dev.plinth.rest.cfg.json"), RestRuntime.configuration(1 << 20));
        plinth.env("SAMPLE_MAIL_USER", ENV_USER);
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
    void everySettingIsListedWithItsTypeDefaultAndSource() throws Exception {
        ok("plugin:install --enable " + V1);
        awaitShow(line -> line.equals("  port: 25"));

        JsonObject view = settings();
        assertEquals("misconfigured", view.getString("status"), view.toString());
        assertEquals(List.of(MAIL + " host: is required and has no value"), texts(view.getJsonArray("problems")),
                "a required key without value is a problem from the start: " + view);
        JsonObject port = setting(view, MAIL, "port");
        assertEquals("integer", port.getString("type"), port.toString());
        assertEquals(List.of("25"), texts(port.getJsonArray("defaults")), port.toString());
        assertEquals("default", port.getString("source"), port.toString());
        JsonObject password = setting(view, MAIL, ".password");
        assertTrue(password.getBoolean("secret"), password.toString());
        assertFalse(password.getBoolean("set"), password.toString());
        assertTrue(setting(view, MAIL, "host").getBoolean("required"), view.toString());
        assertTrue(setting(view, MAIL, "recipients").getBoolean("multiple"), view.toString());
        assertEquals(List.of("text", "html"), setting(view, MAIL, "format").getJsonArray("options").stream()
                .map(o -> o.asJsonObject().getString("value")).toList(), view.toString());
        assertTrue(configuration(view, WEBHOOK).isPresent(), "the factory is listed: " + view);

        Plinth.Result table = ok("plugin:settings " + ID);
        assertTrue(table.out().startsWith("Settings of " + ID + ": misconfigured\n  - " + MAIL
                + " host: is required and has no value\n"), table.toString());
        assertTrue(rowOf(table.out(), "port").matches("\\s*port\\s+integer \\(required\\)\\s+25\\s+default\\s+25"),
                table.toString());
        assertTrue(rowOf(table.out(), ".password").matches("\\s*\\.password\\s+password\\s+unset\\s+default\\s+-"),
                table.toString());

        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        String listed = "";
        while (System.nanoTime() < deadline && !listed.contains("enabled (misconfigured)")) {
            listed = ok("plugin:list").out().lines().filter(line -> line.contains(ID)).findFirst().orElse("");
        }
        assertTrue(listed.contains("enabled (misconfigured)"), "the list says what plugin:settings says: " + listed);

        ok("plugin:set " + ID + " " + MAIL + " starttls=false");
        ok("plugin:unset " + ID + " " + MAIL);
    }

    @Test
    @Order(2)
    void anOperatorsValuesAreDeliveredAndShownAsTheOperators() throws Exception {
        Plinth.Result set = ok("plugin:set " + ID + " " + MAIL
                + " host=mail.example.org port=587 recipients=ops@example.org,dev@example.org");
        assertTrue(set.out().startsWith("Set host, port, recipients of " + MAIL + ".\n"), set.toString());
        String show = awaitShow(line -> line.equals("  port: 587"));
        assertTrue(show.contains("  host: mail.example.org\n")
                && show.contains("  recipients: ops@example.org, dev@example.org\n"), show);

        JsonObject view = settings();
        assertEquals("operator", setting(view, MAIL, "host").getString("source"), view.toString());
        assertEquals(List.of("ops@example.org", "dev@example.org"),
                texts(setting(view, MAIL, "recipients").getJsonArray("value")), view.toString());
        assertEquals("default", setting(view, MAIL, "starttls").getString("source"), view.toString());

        ok("plugin:set " + ID + " " + MAIL + " starttls=true");
        awaitShow(line -> line.equals("  starttls: true"));
        assertEquals("operator", setting(settings(), MAIL, "starttls").getString("source"));
    }

    @Test
    @Order(3)
    void anInvalidValueIsRefusedNamingTheKeyAndNothingChanges() throws Exception {
        String before = Files.readString(store());

        assertRefused("port=70000", "Error: invalid settings for " + ID + ": " + MAIL + " port: greater than maximum");
        assertRefused("port=abc", "Error: invalid settings for " + ID + ": " + MAIL + " port: ");
        assertRefused("format=pdf", "Error: invalid settings for " + ID + ": " + MAIL + " format: ");
        assertRefused("port=465", "Error: invalid settings for " + ID + ": " + MAIL
                + " starttls: port 465 is TLS from the start: turn starttls off or use port 587");
        assertRefused("colour=red", "Error: " + ID + " has no setting colour in " + MAIL);
        assertRefused("recipients=a,b,c,d,e,f,g,h,i,j,k", MAIL + " recipients: ");

        assertEquals(before, Files.readString(store()), "nothing was stored");
        assertEquals(List.of("587"), texts(setting(settings(), MAIL, "port").getJsonArray("value")));
        assertTrue(show().contains("  port: 587\n"));
    }

    @Test
    @Order(4)
    void aSecretIsDeliveredToThePluginAndNeverShown() throws Exception {
        ok("plugin:set " + ID + " " + MAIL + " .password=" + SECRET + " starttls=false");
        awaitShow(line -> line.equals("  password: " + fingerprint(SECRET)));

        JsonObject password = setting(settings(), MAIL, ".password");
        assertTrue(password.getBoolean("set"), password.toString());
        assertEquals(List.of(), texts(password.getJsonArray("value")), password.toString());
        assertEquals("operator", password.getString("source"), password.toString());
        String stored = Files.readString(store());
        assertFalse(stored.contains(SECRET), stored);
        assertTrue(stored.contains("{aes-gcm:"), "the secret is stored sealed: " + stored);
        Plinth.Result table = ok("plugin:settings " + ID);
        assertTrue(rowOf(table.out(), ".password").matches("\\s*\\.password\\s+password\\s+set\\s+operator\\s+-"),
                table.toString());
        Path key = plinth.home().resolve("data/settings/secret.key");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(key)), "the key is the owner's only");
    }

    @Test
    @Order(5)
    void environmentAndSecretReferencesAreResolvedOnDelivery() throws Exception {
        ok("plugin:set " + ID + " " + MAIL + " 'user=$[env:SAMPLE_MAIL_USER]' '.password=$[secret:mail-password]'");
        awaitShow(line -> line.equals("  password: " + fingerprint(FILE_SECRET)));
        assertTrue(show().contains("  user: " + ENV_USER + "\n"));
        JsonObject view = settings();
        assertEquals("environment", setting(view, MAIL, "user").getString("source"), view.toString());
        assertEquals(List.of("$[env:SAMPLE_MAIL_USER]"), texts(setting(view, MAIL, "user").getJsonArray("value")));
        assertEquals("secret-reference", setting(view, MAIL, ".password").getString("source"), view.toString());

        ok("plugin:unset " + ID + " " + MAIL + " user");
        ok("plugin:set " + ID + " " + MAIL + " .password=" + SECRET);
        awaitShow(line -> line.equals("  password: " + fingerprint(SECRET)));
        assertTrue(show().contains("  user: -\n"));
    }

    @Test
    @Order(6)
    void unsetBringsTheDefaultBack() throws Exception {
        ok("plugin:set " + ID + " " + MAIL + " format=html");
        awaitShow(line -> line.equals("  format: html"));
        ok("plugin:unset " + ID + " " + MAIL + " format recipients");
        awaitShow(line -> line.equals("  format: text"));
        assertTrue(show().contains("  recipients: -\n"));
        assertEquals("default", setting(settings(), MAIL, "format").getString("source"));
        Plinth.Result required = exec(1, "plugin:unset " + ID + " " + MAIL + " host");
        assertTrue(required.err().contains(MAIL + " host: "), "a required key without a default: " + required);
    }

    @Test
    @Order(7)
    void aFactoryConfigurationIsCreatedByNameAndDeletedByUnsettingIt() throws Exception {
        ok("plugin:set " + ID + " " + WEBHOOK + "~ops url=https://hooks.example.org/ops events=install,upgrade");
        String show = awaitShow(line -> line.equals(WEBHOOK + "~ops"));
        assertTrue(show.contains(WEBHOOK + "~ops\n  url: https://hooks.example.org/ops\n  events: install, upgrade"),
                show);
        JsonObject ops = configuration(settings(), WEBHOOK + "~ops").orElseThrow();
        assertEquals(WEBHOOK, ops.getString("factoryPid"), ops.toString());

        Plinth.Result badEvent = exec(1, "plugin:set " + ID + " " + WEBHOOK + "~ops events=crash");
        assertTrue(badEvent.err().contains(WEBHOOK + "~ops events: "), badEvent.toString());

        ok("plugin:unset " + ID + " " + WEBHOOK + "~ops");
        awaitShowing(printed -> !printed.contains(WEBHOOK + "~ops"));
        assertFalse(configuration(settings(), WEBHOOK + "~ops").isPresent());
    }

    @Test
    @Order(9)
    void aValueOfAFileOfEtcWinsAndIsLocked() throws Exception {
        Files.writeString(plinth.home().resolve(LOCK_FILE), "{\"host\": \"relay.internal\"}\n");
        awaitShow(line -> line.equals("  host: relay.internal"));
        JsonObject view = settings();
        assertEquals("file", setting(view, MAIL, "host").getString("source"), view.toString());
        assertEquals(LOCK_FILE, configuration(view, MAIL).orElseThrow().getString("file"), view.toString());

        Plinth.Result set = exec(1, "plugin:set " + ID + " " + MAIL + " host=other.example.org");
        assertEquals("Error: host of " + MAIL + " is set in " + LOCK_FILE + ": change the file, not the setting",
                set.err().strip());

        ok("plugin:set " + ID + " " + MAIL + " port=2525");
        String show = awaitShow(line -> line.equals("  port: 2525"));
        assertTrue(show.contains("  host: relay.internal\n")
                && show.contains("  password: " + fingerprint(SECRET) + "\n"), "the file's keys and the operator's: "
                + show);

        Files.delete(plinth.home().resolve(LOCK_FILE));
        awaitShow(line -> line.equals("  host: mail.example.org"));
        assertEquals("operator", setting(settings(), MAIL, "host").getString("source"));

        Files.writeString(plinth.home().resolve(LOCK_FILE), "{\"host\": \"relay.internal\"}\n");
        awaitShow(line -> line.equals("  host: relay.internal"));
        Plinth.Result unset = ok("plugin:unset " + ID + " " + MAIL + " host");
        assertTrue(unset.out().startsWith("Unset host of " + MAIL + ". " + LOCK_FILE + " still sets host: the "
                + "file's value stays.\n"), unset.toString());
        assertTrue(rowOf(unset.out(), "host").matches("\\s*host\\s+string \\(required\\)\\s+relay\\.internal\\s+"
                + "file \\(locked\\)\\s+-"), "the operator's own value is gone, the file's stays: " + unset);
        Plinth.Result again = exec(1, "plugin:unset " + ID + " " + MAIL + " host");
        assertTrue(again.err().contains(LOCK_FILE), again.toString());
        Files.delete(plinth.home().resolve(LOCK_FILE));
        awaitSettings(v -> setting(v, MAIL, "host").getString("source").equals("default"));
        ok("plugin:set " + ID + " " + MAIL + " host=mail.example.org");
        awaitShow(line -> line.equals("  host: mail.example.org"));

        Files.writeString(plinth.home().resolve(LOCK_FILE), "{\"host\": \"relay.internal\"}\n");
        awaitShow(line -> line.equals("  host: relay.internal"));
        Files.delete(plinth.home().resolve(LOCK_FILE));
        awaitShow(line -> line.equals("  host: mail.example.org"));
        ok("plugin:set " + ID + " " + MAIL + " port=2526");
        String after = awaitShow(line -> line.equals("  port: 2526"));
        assertTrue(after.contains("  host: mail.example.org\n"), "a file written and removed with no change between: "
                + "the plugin is given the operators' values again, and later changes too:\n" + after);
        ok("plugin:set " + ID + " " + MAIL + " port=2525");
        awaitShow(line -> line.equals("  port: 2525"));
    }

    @Test
    @Order(8)
    void theRestApiListsAndChangesSettingsWith422And409() throws Exception {
        RestRuntime.Response get = rest.get(API);
        remember(get.body());
        assertEquals(200, get.status(), get.toString());
        assertEquals(texts(setting(settings(), MAIL, "port").getJsonArray("value")),
                texts(setting(get.object(), MAIL, "port").getJsonArray("value")));
        assertEquals(403, rest.send(rest.request(API, RestRuntime.VIEWER).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"pid\": \"" + MAIL + "\", \"set\": {\"port\": \"587\"}}")))
                .status(), "a viewer cannot change settings");

        RestRuntime.Response range = patch("{\"pid\": \"" + MAIL + "\", \"set\": {\"port\": \"70000\"}}");
        assertEquals("INVALID_SETTINGS", range.problem(422));
        assertTrue(range.body().contains(MAIL + " port: greater than maximum"), range.toString());

        RestRuntime.Response list = patch("{\"pid\": \"" + MAIL + "\", \"set\": {\"recipients\": [\"a@example.org\", "
                + "\"b@example.org\"], \".password\": \"" + SECRET + "\"}}");
        assertEquals(200, list.status(), list.toString());
        assertFalse(list.body().contains(SECRET), list.body());
        assertEquals(400, patch("{\"pid\": \"" + MAIL + "\", \"set\": {\"format\": \"text\"}, "
                + "\"unset\": [\"format\"]}").status(), "set and unset in one body");
        awaitShow(line -> line.equals("  recipients: a@example.org, b@example.org"));

        String filed = WEBHOOK + "~filed";
        Path file = plinth.home().resolve("etc/" + filed + ".cfg.json");
        Files.writeString(file, "{\"url\": \"https://filed.example.org\"}\n");
        awaitShow(line -> line.equals("  url: https://filed.example.org"));
        RestRuntime.Response locked = patch("{\"pid\": \"" + filed + "\", \"set\": {\"url\": \"https://x.example.org\"}}");
        assertEquals("SETTINGS_LOCKED", locked.problem(409));
        assertTrue(locked.body().contains("etc/" + filed + ".cfg.json"), locked.toString());
        Files.delete(file);
        awaitShowing(printed -> !printed.contains(filed));
    }

    @Test
    @Order(10)
    void theCommandLineRunsTheSameCommands() throws Exception {
        Plinth.Result settings = cli(0, "settings", ID);
        assertEquals(ok("plugin:settings " + ID).out(), settings.out(), "bin/plinth settings prints plugin:settings");
        cli(0, "set", ID, MAIL, "format=html");
        awaitShow(line -> line.equals("  format: html"));
        Plinth.Result refused = cli(1, "set", ID, MAIL, "port=0");
        assertTrue(refused.err().contains(MAIL + " port: less than minimum"), refused.toString());
        cli(0, "unset", ID, MAIL, "format");
        awaitShow(line -> line.equals("  format: text"));
    }

    @Test
    @Order(11)
    void aPluginCannotDeclareACorePidOrAnotherPluginsPid() throws Exception {
        Path core = squatter("org.example.squat.core", "dev.plinth.rest");
        Plinth.Result coreRefused = exec(1, "plugin:install " + core);
        assertTrue(coreRefused.err().contains("dev.plinth.rest"), coreRefused.toString());
        Path other = squatter("org.example.squat.other", MAIL);
        Plinth.Result otherRefused = exec(1, "plugin:install " + other);
        assertTrue(otherRefused.err().contains(MAIL) && otherRefused.err().contains(ID), otherRefused.toString());
        String list = ok("plugin:list").out();
        assertFalse(list.contains("org.example.squat"), list);
    }

    @Test
    @Order(11)
    void ofTwoPluginsOfABatchDeclaringOnePidTheFirstIsInstalledAndTheSecondRefusedNamingIt() throws Exception {
        String pid = "org.example.twin.shared";
        Path first = squatter("org.example.twin.a", pid);
        Path second = squatter("org.example.twin.b", pid);
        Plinth.Result batch = exec(1, "plugin:install " + first + " " + second);
        String list = ok("plugin:list").out();
        assertTrue(list.contains("org.example.twin.a"), "the first is installed on its own: " + batch + list);
        assertFalse(list.contains("org.example.twin.b"), list);
        assertTrue(batch.err().contains("org.example.twin.b declares settings for the configuration " + pid
                + ", but plugin org.example.twin.a owns it"), batch.toString());
        assertFalse(batch.err().contains("org.example.twin.a declares"), batch.toString());
        ok("plugin:remove org.example.twin.a");
    }

    @Test
    @Order(12)
    void everyChangeIsInTheHistoryWithItsKeysNeverASecret() throws Exception {
        Plinth.Result history = ok("plugin:history --json");
        assertTrue(history.out().contains("password"), "the secret's key is named: " + history);
        assertTrue(history.out().contains("port"), history.toString());
    }

    @Test
    @Order(13)
    void settingsSurviveDisableEnableAndARestart() throws Exception {
        ok("plugin:set " + ID + " " + MAIL + " port=2525");
        String before = awaitShow(line -> line.equals("  password: " + fingerprint(SECRET)));
        ok("plugin:disable " + ID);
        ok("plugin:enable " + ID);
        assertEquals(before, show());

        restart();
        assertEquals(before, show(), "after a restart");
        assertEquals("operator", setting(settings(), MAIL, ".password").getString("source"));
    }

    @Test
    @Order(14)
    void rotatingTheKeyReSealsEverySecretAndTheyStillOpen() throws Exception {
        String before = Files.readString(store());
        Plinth.Result rotated = ok("settings:rotate-key");
        assertTrue(rotated.out().strip().matches(
                "Rotated the secret key: [1-9]\\d* stored secrets? re-encrypted with the new key\\."), rotated.toString());
        String after = Files.readString(store());
        assertNotEquals(sealed(before), sealed(after), "re-sealed with the new key");
        assertFalse(after.contains(SECRET));
        assertFalse(Files.exists(plinth.home().resolve("data/settings/secret.key.next")));

        restart();
        assertTrue(show().contains("  password: " + fingerprint(SECRET) + "\n"));
    }

    @Test
    @Order(15)
    void withAnotherKeyTheSecretIsNeverDeliveredAndThePluginIsMisconfigured() throws Exception {
        rest.close();
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        plinth.env("PLINTH_SECRET_KEY", Base64.getEncoder().encodeToString(other));
        try {
            rest = RestRuntime.start(plinth, port);
            JsonObject view = awaitSettings(v -> v.getString("status").equals("misconfigured"));
            assertTrue(view.getJsonArray("problems").toString().contains("password"), view.toString());
            assertFalse(show().contains(fingerprint(SECRET)));
            Plinth.Result table = ok("plugin:settings " + ID);
            assertTrue(table.out().startsWith("Settings of " + ID + ": misconfigured\n"), table.toString());
        } finally {
            rest.close();
            plinth.env("PLINTH_SECRET_KEY", null);
        }
        rest = RestRuntime.start(plinth, port);
        awaitShow(line -> line.equals("  password: " + fingerprint(SECRET)));
        awaitSettings(v -> v.getString("status").equals("ok"));
    }

    @Test
    @Order(16)
    void anUpgradeThatMakesAStoredValueInvalidIsRefusedUnlessForced() throws Exception {
        ok("plugin:set " + ID + " " + MAIL + " port=25");
        awaitShow(line -> line.equals("  port: 25"));

        Plinth.Result plan = exec(-1, "plugin:upgrade --simulate " + ID + " " + V2);
        assertTrue((plan.out() + plan.err()).contains("port"), "the dry run names the key: " + plan);
        Plinth.Result refused = exec(1, "plugin:upgrade " + ID + " " + V2);
        assertTrue(refused.err().contains("port") && refused.err().contains("--force"), refused.toString());
        assertTrue(show().startsWith("settings sample 1.0.0\n"), "still 1.0.0");

        String warning = "forced: the new version refuses its settings: " + MAIL + " port: less than minimum";
        String misconfigured = "the plugin will run misconfigured on its last good settings";
        Plinth.Result forcedPlan = ok("plugin:upgrade --simulate --force " + ID + " " + V2);
        assertTrue(forcedPlan.out().contains(warning) && forcedPlan.out().contains(misconfigured),
                "the forced dry run says what the new version refuses: " + forcedPlan);
        assertTrue(show().startsWith("settings sample 1.0.0\n"), "a dry run changes nothing");
        Plinth.Result forced = ok("plugin:upgrade --force " + ID + " " + V2);
        assertTrue(forced.out().contains(warning) && forced.out().contains(misconfigured), forced.toString());
        String show = awaitShow(line -> line.equals("settings sample 2.0.0"));
        assertTrue(show.contains("  port: 25\n"), "the last good settings: " + show);
        JsonObject view = settings();
        assertEquals("misconfigured", view.getString("status"), view.toString());
        assertEquals(List.of(MAIL + " port: less than minimum"), texts(view.getJsonArray("problems")), view.toString());
        assertTrue(ok("plugin:settings " + ID).out().startsWith("Settings of " + ID + ": misconfigured\n"));

        ok("plugin:set " + ID + " " + MAIL + " port=2525");
        awaitShow(line -> line.equals("  port: 2525"));
        awaitSettings(v -> v.getString("status").equals("ok"));
    }

    @Test
    @Order(17)
    void anExportCarriesSettingsButNamesSecretsOnly() throws Exception {
        Path exported = plinth.home().resolve("plugins.json");
        ok("plugin:export " + exported);
        String set = Files.readString(exported);
        remember(set);
        assertTrue(set.contains("mail.example.org") && set.contains("password"), set);
        assertFalse(set.contains(SECRET), set);
    }

    @Test
    @Order(18)
    void removeDeletesTheSettingsUnlessKeepDataIsGiven() throws Exception {
        ok("plugin:remove --keep-data " + ID);
        assertTrue(Files.exists(store()), "kept");
        ok("plugin:install --enable " + V1);
        String kept = awaitShow(line -> line.equals("  port: 2525"));
        assertTrue(kept.contains("  host: mail.example.org\n") && kept.contains(fingerprint(SECRET)), kept);

        ok("plugin:remove " + ID);
        assertFalse(Files.exists(store()), "deleted with the plugin");
        ok("plugin:install --enable " + V1);
        String fresh = awaitShow(line -> line.equals("  port: 25"));
        assertTrue(fresh.contains("  host: -\n") && fresh.contains("  password: unset\n"), fresh);
    }

    @Test
    @Order(19)
    void scrInfoShowsTheConfigurationOfTheComponentWithItsSecretAsSecret() throws Exception {
        ok("plugin:set " + ID + " " + MAIL + " .password=" + SECRET + " host=mail.example.org");
        awaitShow(line -> line.equals("  password: " + fingerprint(SECRET)));

        String component = "dev.plinth.sample.settings.Mailer";
        Plinth.Result byName = ok("scr:info " + component);
        assertFalse(byName.out().contains(SECRET), byName.toString());
        assertTrue(byName.out().startsWith("Component Description: " + component + "\n"), byName.toString());
        assertTrue(byName.out().contains("\nConfig PID(s): [" + MAIL + "], Policy: optional\n"), byName.toString());
        assertTrue(byName.out().contains("\n  .password<String> = (secret)\n"), byName.toString());
        assertTrue(byName.out().contains("\n  host<String> = mail.example.org\n"), byName.toString());
        assertTrue(byName.out().contains("\nState:        ACTIVE\n"), byName.toString());

        String id = byName.out().lines().filter(line -> line.startsWith("Component Configuration Id: ")).findFirst()
                .orElseThrow(() -> new AssertionError(byName.toString())).substring(28).strip();
        Plinth.Result byId = ok("scr:info " + id);
        assertFalse(byId.out().contains(SECRET), byId.toString());
        assertTrue(byId.out().contains("\n  .password<String> = (secret)\n"), byId.toString());
        Plinth.Result partOfName = ok("scr:info settings.Mailer");
        assertTrue(partOfName.out().startsWith("Component Description: " + component + "\n"), partOfName.toString());
        assertFalse(partOfName.out().contains(SECRET), partOfName.toString());

        Plinth.Result list = ok("scr:list");
        assertTrue(list.out().contains(component), "scr:list is Felix's, untouched: " + list);
    }

    @Test
    @Order(20)
    void noSecretIsInAnyFileOfTheHomeAnyAnswerOrAnyOutput() throws Exception {
        rest.close();
        rest = null;
        assertEquals(List.of(), filesHolding(plinth.home(), SECRET), "files holding the operator's secret");
        assertEquals(List.of(plinth.home().resolve("secrets/mail-password")), filesHolding(plinth.home(), FILE_SECRET),
                "files holding the secret of the secrets directory");
        synchronized (seen) {
            assertTrue(seen.size() > 20, "outputs were collected");
            for (String secret : List.of(SECRET, FILE_SECRET)) {
                assertFalse(seen.stream().anyMatch(text -> text.contains(secret)),
                        "an output or answer holds a secret");
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Plinth.Result ok(String program) throws Exception {
        return exec(0, program);
    }

    /** Runs {@code bin/plinth exec PROGRAM} in the running runtime; {@code status} -1 accepts any. */
    private static Plinth.Result exec(int status, String program) throws Exception {
        Plinth.Result result = plinth.run(null, "exec", program);
        remember(result.out() + result.err());
        if (status >= 0 && result.exit() != status) {
            throw new AssertionError(program + ": expected exit status " + status + "\n" + result);
        }
        return result;
    }

    private static Plinth.Result cli(int status, String... args) throws Exception {
        Plinth.Result result = plinth.run(null, args);
        remember(result.out() + result.err());
        assertEquals(status, result.exit(), String.join(" ", args) + "\n" + result);
        return result;
    }

    private static String show() throws Exception {
        return ok("settingsdemo:show").out();
    }

    /** {@code settingsdemo:show} once one of its lines matches; fails after the bound. */
    private static String awaitShow(Predicate<String> line) throws Exception {
        return awaitShowing(show -> show.lines().anyMatch(line));
    }

    /** {@code settingsdemo:show} once what it prints matches; fails after the bound. */
    private static String awaitShowing(Predicate<String> output) throws Exception {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (true) {
            Plinth.Result result = exec(-1, "settingsdemo:show");
            if (result.exit() == 0 && output.test(result.out())) {
                return result.out();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("settingsdemo:show did not show the line within " + Plinth.BOUND.toSeconds()
                        + " s:\n" + result);
            }
            Thread.sleep(200);
        }
    }

    private static JsonObject awaitSettings(Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (true) {
            JsonObject view = settings();
            if (condition.test(view)) {
                return view;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the settings did not become as expected: " + view);
            }
            Thread.sleep(200);
        }
    }

    /** The plugin's settings as {@code plugin:settings --json} gives them. */
    private static JsonObject settings() throws Exception {
        String json = ok("plugin:settings --json " + ID).out();
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    /** {@code plugin:set} of one key of the mail relay: refused with status 1, the message holding {@code error}. */
    private static void assertRefused(String assignment, String error) throws Exception {
        Plinth.Result refused = exec(1, "plugin:set " + ID + " " + MAIL + " " + assignment);
        assertTrue(refused.err().contains(error), assignment + ": " + refused);
    }

    private static RestRuntime.Response patch(String body) throws Exception {
        RestRuntime.Response response = rest.send(rest.request(API, rest.adminToken())
                .header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString(body)));
        remember(response.body());
        return response;
    }

    private static Optional<JsonObject> configuration(JsonObject view, String pid) {
        return view.getJsonArray("configurations").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("pid").equals(pid)).findFirst();
    }

    private static JsonObject setting(JsonObject view, String pid, String key) {
        return configuration(view, pid).orElseThrow(() -> new AssertionError("no " + pid + " in " + view))
                .getJsonArray("settings").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + pid + ": " + view));
    }

    private static List<String> texts(JsonArray array) {
        return array.stream().map(v -> ((JsonString) v).getString()).toList();
    }

    /** The line of a settings table that names {@code key}. */
    private static String rowOf(String table, String key) {
        return table.lines().filter(line -> line.strip().startsWith(key + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + key + " in:\n" + table));
    }

    private static Path store() {
        return plinth.home().resolve("data/settings/" + ID + ".json");
    }

    /** The sealed texts of a store file. */
    private static List<String> sealed(String store) {
        return java.util.regex.Pattern.compile("\\{aes-gcm:[^\"]*").matcher(store).results()
                .map(java.util.regex.MatchResult::group).toList();
    }

    private static void restart() throws Exception {
        rest.close();
        rest = RestRuntime.start(plinth, port);
    }

    /** What {@code settingsdemo:show} prints for a secret: its length and the first 12 hex digits of its SHA-256. */
    static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return secret.length() + " characters, sha-256 " + HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plugin whose metatype declares {@code pid} as its own. */
    private static Path squatter(String symbolicName, String pid) throws IOException {
        String metatype = """
                <?xml version="1.0" encoding="UTF-8"?>
                <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.4.0">
                  <OCD id="squat" name="Squat">
                    <AD id="port" type="Integer" default="1"/>
                  </OCD>
                  <Designate pid="%s">
                    <Object ocdref="squat"/>
                  </Designate>
                </metatype:MetaData>
                """.formatted(pid);
        Path file = Files.createDirectories(unpacked.resolve("squatters")).resolve(symbolicName + ".jar");
        return dev.plinth.common.testing.BundleJar.bundle(symbolicName, "1.0.0")
                .entry("OSGI-INF/metatype/squat.xml", metatype).writeTo(file);
    }

    private static void remember(String text) {
        synchronized (seen) {
            seen.add(text);
        }
    }

    /** Every regular file under {@code root} whose bytes hold {@code text}. */
    static List<Path> filesHolding(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    holding.add(file);
                }
            }
        }
        return holding;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
