package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.JsonObject;

/** The catalogue through the REST API ({@code /api/catalog}) and the {@code bin/plinth} commands that use it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogApiIT {

    private static final String APP = "org.example.app";
    private static final String LIB = "org.example.lib";
    /** A plugin whose id is the name of the pins endpoint. */
    private static final String PINS = "pins";

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void startWithATestCatalogue() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        TestCatalog catalog = new TestCatalog(work.resolve("catalog"));
        catalog.bundle(LIB, "1.0.0").exports(LIB, "1.0.0");
        catalog.bundle(APP, "1.0.0").imports(LIB, "1.0.0", "2.0.0");
        catalog.bundle(APP, "1.2.0").imports(LIB, "1.0.0", "2.0.0");
        catalog.bundle("org.example.tampered", "1.0.0").wrongChecksum();
        catalog.bundle("org.example.future", "1.0.0").needsRuntime("99.0.0");
        catalog.bundle(PINS, "1.0.0");
        catalog.bundle("org.example.plain", "1.0.0");
        catalog.write();
        Files.writeString(plinth.home().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"" + catalog.folder().resolve("index.xml").toUri() + "\"]}\n");
        rest = RestRuntime.start(plinth, RestRuntime.freePort());
    }

    @Test
    @Order(1)
    void theCatalogueListsWhatItOffersAndInstallsByName() throws Exception {
        RestRuntime.Response available = rest.get("/api/catalog?filter=example.app");
        assertEquals(200, available.status(), available.toString());
        JsonObject app = available.array().getJsonObject(0);
        assertEquals(APP, app.getString("id"));
        assertEquals("1.2.0", app.getString("version"));
        assertEquals(List.of("1.2.0", "1.0.0"), app.getJsonArray("versions").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(1, available.array().size(), available.toString());

        RestRuntime.Response installed = rest.post("/api/catalog/" + APP + "/install?version=1.0.0&enable=true");
        assertEquals(201, installed.status(), installed.toString());
        assertEquals("/api/plugins/" + APP, installed.header("Location"));
        assertEquals("enabled", installed.object().getJsonObject("plugin").getString("state"));
        assertEquals("library", rest.get("/api/plugins/" + LIB).object().getString("kind"));
    }

    @Test
    @Order(2)
    void refusalsAreProblemsWithTheirCodes() throws Exception {
        assertEquals("CHECKSUM_MISMATCH", rest.post("/api/catalog/org.example.tampered/install").problem(422));
        assertEquals("INCOMPATIBLE", rest.post("/api/catalog/org.example.future/install").problem(422));
        assertEquals("NOT_FOUND", rest.post("/api/catalog/org.example.none/install").problem(404));
        assertEquals("DUPLICATE", rest.post("/api/catalog/" + APP + "/install").problem(409));
        assertEquals("PROTECTED", rest.post("/api/catalog/org.apache.felix.scr/update").problem(409));
        assertEquals("PROTECTED", rest.post("/api/catalog/" + LIB + "/update").problem(409));
        assertEquals("PROTECTED", rest.method("PUT", "/api/catalog/pins/org.apache.felix.scr", rest.adminToken())
                .problem(409));
        assertEquals("NOT_FOUND", rest.post("/api/catalog/org.example.none/update").problem(404));
        assertEquals(404, rest.get("/api/plugins/org.example.tampered").status());
    }

    @Test
    @Order(3)
    void outdatedUpdateAndPinsOverRest() throws Exception {
        RestRuntime.Response outdated = rest.get("/api/catalog/outdated");
        assertEquals(200, outdated.status(), outdated.toString());
        JsonObject app = outdated.array().getJsonObject(0);
        assertEquals(List.of(APP, "1.0.0", "1.2.0", false), List.of(app.getString("id"), app.getString("installed"),
                app.getString("newest"), app.getBoolean("pinned")));

        assertEquals(true, rest.method("PUT", "/api/catalog/pins/" + APP, rest.adminToken()).object()
                .getBoolean("pinned"));
        assertEquals("PINNED", rest.post("/api/catalog/" + APP + "/update").problem(409));
        assertEquals(0, rest.post("/api/catalog/update").array().size());
        assertEquals(false, rest.delete("/api/catalog/pins/" + APP).object().getBoolean("pinned"));

        RestRuntime.Response updated = rest.post("/api/catalog/" + APP + "/update");
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("1.2.0", updated.object().getJsonObject("plugin").getString("version"));
        assertEquals(0, rest.get("/api/catalog/outdated").array().size());
    }

    @Test
    @Order(4)
    void theCommandLineListsInstallsUpdatesExportsAndApplies() throws Exception {
        Plinth.Result available = ok("available", "example");
        assertEquals(List.of(APP, "1.2.0", "1.2.0", "1.2.0, 1.0.0", "Test bundle " + APP + " 1.2.0"),
                row(available, APP), available.toString());

        Plinth.Result remove = ok("remove", APP);
        assertTrue(remove.out().startsWith("Remove " + APP + ": done."), remove.toString());
        Plinth.Result install = ok("install", "--enable", APP + "@1.0.0");
        assertTrue(install.out().startsWith("Install " + APP + ": done."), install.toString());
        Plinth.Result outdated = ok("outdated");
        assertEquals(List.of("ID", "INSTALLED", "NEWEST", "PINNED"), row(outdated, "ID"), outdated.toString());
        assertEquals(List.of(APP, "1.0.0", "1.2.0", "no"), row(outdated, APP), outdated.toString());

        Path set = work.resolve("set.json");
        ok("export", set.toString());
        assertTrue(Files.readString(set).contains("\"version\": \"1.0.0\""), Files.readString(set));
        Plinth.Result update = ok("update", "--all");
        assertTrue(update.out().startsWith("Update: all 1 done."), update.toString());
        assertEquals(List.of(APP, APP, "1.2.0", "done"), row(update, APP), update.toString());

        Plinth.Result dryRun = ok("apply", "--dry-run", set.toString());
        assertEquals(List.of("1.", "upgrade", APP, "1.2.0 -> 1.0.0"), row(dryRun, "1."), dryRun.toString());
        ok("apply", set.toString());
        assertEquals("1.0.0", rest.get("/api/plugins/" + APP).object().getString("version"));
        assertEquals("Nothing to do: the plugins already match " + set + ".",
                ok("apply", set.toString()).out().strip());

        Plinth.Result tampered = rest.plinth().run(null, "install", "org.example.tampered");
        assertEquals(1, tampered.exit(), tampered.toString());
        assertTrue(tampered.err().contains("does not match its index"), tampered.toString());
    }

    @Test
    @Order(5)
    void aPluginSetCanBeAppliedOverRest() throws Exception {
        RestRuntime.Response exported = rest.get("/api/catalog/export");
        assertEquals(200, exported.status(), exported.toString());
        RestRuntime.Response again = rest.post("/api/catalog/apply", rest.adminToken(), "application/json",
                BodyPublishers.ofString(exported.body()));
        assertEquals(200, again.status(), again.toString());
        assertEquals(0, again.object().getJsonArray("changes").size(), again.toString());

        RestRuntime.Response broken = rest.post("/api/catalog/apply", rest.adminToken(), "application/json",
                BodyPublishers.ofString("{\"plugins\": 3}"));
        assertEquals("INVALID_INPUT", broken.problem(400));

        String badSettings = "{\"plugins\": [{\"id\": \"org.example.plain\", \"version\": \"1.0.0\", \"settings\": "
                + "{\"org.example.none\": {\"port\": [\"99999\"]}}}]}";
        for (String apply : List.of("/api/catalog/apply?dryRun", "/api/catalog/apply")) {
            RestRuntime.Response refused = rest.post(apply, rest.adminToken(), "application/json",
                    BodyPublishers.ofString(badSettings));
            assertEquals("INVALID_SETTINGS", refused.problem(422), apply);
            assertTrue(refused.body().contains("org.example.plain org.example.none: "), refused.toString());
        }
        assertEquals(exported.body(), rest.get("/api/catalog/export").body(), "nothing changed");
    }

    @Test
    @Order(6)
    void aPluginWhoseIdIsPinsIsInstalledAndPinnedByItsId() throws Exception {
        RestRuntime.Response installed = rest.post("/api/catalog/" + PINS + "/install");
        assertEquals(201, installed.status(), installed.toString());
        assertEquals("/api/plugins/" + PINS, installed.header("Location"));
        assertEquals(PINS, rest.get("/api/plugins/" + PINS).object().getString("id"));

        assertEquals(true, rest.method("PUT", "/api/catalog/pins/" + PINS, rest.adminToken()).object()
                .getBoolean("pinned"));
        assertEquals(false, rest.delete("/api/catalog/pins/" + PINS).object().getBoolean("pinned"));
    }

    /** The cells of the first line that starts with {@code first}. */
    private static List<String> row(Plinth.Result result, String first) {
        return result.out().lines().map(String::strip).filter(line -> line.startsWith(first + " ")).findFirst()
                .map(line -> List.of(line.split("\\s{2,}"))).orElseThrow(() -> new AssertionError(first + " in "
                        + result));
    }

    private static Plinth.Result ok(String... args) throws Exception {
        Plinth.Result result = rest.plinth().run(null, args);
        assertEquals(0, result.exit(), String.join(" ", args) + "\n" + result);
        return result;
    }
}
