package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * What an operator sees of a plugin's storage, with the storage sample in its three versions: {@code plugin:info}'s
 * storage section, {@code bin/plinth storage}, the REST API's storage endpoints and the plugin document, the data
 * through the upgrade that migrates, the rollback, the upgrade whose migration fails, and removal with and without
 * {@code --purge}. Needs the storage bundle in the runtime.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StorageOperationsIT {

    private static final String NOTES = "dev.plinth.sample.storage";
    private static final String ROUTE = "/api/plugin/" + NOTES + "/notes";

    @TempDir
    static Path unpacked;

    private static Plinth plinth;
    @AutoClose
    private static RestRuntime rest;

    @Test
    @Order(1)
    void aPluginWithStorageWritesAndReadsItsNotesAndShowsItsStorage() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
        rest = RestRuntime.start(plinth, RestRuntime.freePort());
        ok("install", "--enable", "samples/dev.plinth.sample.storage.jar");

        assertEquals("Note 1 added.", plinth.exec("notes:add alice: buy milk").out().strip());
        RestRuntime.Response added = rest.sendUnchecked(rest.request(ROUTE, rest.adminToken())
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("bob: call the plumber")).build());
        assertEquals(201, added.status(), added.toString());
        assertEquals(List.of("1  alice: buy milk", "2  bob: call the plumber"), notes());

        Plinth.Result list = ok("storage");
        assertEquals(List.of(NOTES, "h2", list.row(NOTES).orElseThrow().get(2), "1", "no"),
                list.row(NOTES).orElseThrow(), list.toString());
        String info = ok("info", NOTES).out();
        assertTrue(info.contains("\nStorage:\n  Backend:         h2\n"), info);
        assertTrue(info.contains("  Schema version:  1\n") && info.contains("  Written by:      1.0.0\n"), info);
        assertTrue(info.lines().anyMatch(line -> line.matches("    1 +create notes +SQL .*")), info);
        assertTrue(Files.isDirectory(plinth.home().resolve("data/storage").resolve(NOTES)));
    }

    @Test
    @Order(2)
    void theRestApiAnswersTheSameStorageAsTheShell() throws Exception {
        JsonObject storage = rest.get("/api/plugins/" + NOTES + "/storage").object();
        assertEquals("1", storage.getString("schemaVersion"));
        assertFalse(storage.getBoolean("kept"));
        assertEquals("create notes", storage.getJsonArray("migrations").getJsonObject(0).getString("description"));
        assertEquals(withoutSize(storage),
                withoutSize(rest.get("/api/plugins/" + NOTES).object().getJsonObject("storage")));
        assertEquals(List.of(withoutSize(storage)), rest.get("/api/storage").array().stream()
                .filter(each -> each.asJsonObject().getString("id").equals(NOTES))
                .map(each -> withoutSize(each.asJsonObject())).toList());
        assertEquals("NOT_FOUND", rest.get("/api/plugins/org.apache.felix.scr/storage").problem(404));
    }

    /** The document without its size: the database's file may grow between two reads while H2 writes it. */
    private static JsonObject withoutSize(JsonObject storage) {
        assertTrue(storage.getJsonNumber("sizeBytes").longValue() > 0, storage.toString());
        return Json.createObjectBuilder(storage).remove("sizeBytes").build();
    }

    @Test
    @Order(3)
    void theUpgradeMovesTheDataAndTheRollbackRestoresIt() throws Exception {
        ok("upgrade", NOTES, "samples/dev.plinth.sample.storage-2.jar");
        assertEquals(List.of("1  Buy milk  (alice)", "2  Call the plumber  (bob)"), notes());
        JsonObject storage = rest.get("/api/plugins/" + NOTES + "/storage").object();
        assertEquals("3", storage.getString("schemaVersion"));
        assertEquals("2.0.0", storage.getString("writtenBy"));
        assertEquals("1.0.0", storage.getJsonObject("rollbackPoint").getString("fromVersion"));
        assertEquals(List.of("SQL", "SQL", "JDBC"), storage.getJsonArray("migrations").stream()
                .map(migration -> migration.asJsonObject().getString("type")).toList());

        ok("rollback", NOTES);
        assertEquals(List.of("1  alice: buy milk", "2  bob: call the plumber"), notes());
        ok("upgrade", NOTES, "samples/dev.plinth.sample.storage-2.jar");
    }

    @Test
    @Order(4)
    void anUpgradeWhoseMigrationFailsHalfWayLeavesTheDataAndTheOldVersion() throws Exception {
        Plinth.Result failed = plinth.run(null, "upgrade", NOTES, "samples/dev.plinth.sample.storage-3.jar");

        assertEquals(1, failed.exit(), failed.toString());
        assertTrue(failed.err().toLowerCase(Locale.ROOT).contains("notes_archive"), failed.toString());
        assertTrue(ok("plugins").out().contains(NOTES + "  2.0.0"));
        assertEquals(List.of("1  Buy milk  (alice)", "2  Call the plumber  (bob)"), notes());
        assertEquals("3", rest.get("/api/plugins/" + NOTES + "/storage").object().getString("schemaVersion"));
    }

    @Test
    @Order(5)
    void removeKeepsTheDataForTheNextInstallAndPurgeDeletesIt() throws Exception {
        ok("remove", NOTES);
        Plinth.Result kept = ok("storage");
        assertEquals("yes (removed)", kept.row(NOTES).orElseThrow().get(4), kept.toString());
        assertTrue(rest.get("/api/plugins/" + NOTES + "/storage").object().getBoolean("kept"));

        ok("install", "--enable", "samples/dev.plinth.sample.storage-2.jar");
        assertEquals(List.of("1  Buy milk  (alice)", "2  Call the plumber  (bob)"), notes());

        Plinth.Result refused = plinth.run(null, "remove", "--purge", "--keep-data", NOTES);
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(ok("plugins").out().contains(NOTES));

        ok("remove", "--purge", NOTES);
        Plinth.Result gone = plinth.run(null, "storage", NOTES);
        assertEquals(1, gone.exit(), gone.toString());
        assertEquals("Error: no storage for " + NOTES + " (plugin:storage lists the plugins that have some)",
                gone.err().strip());
        assertEquals("NOT_FOUND", rest.get("/api/plugins/" + NOTES + "/storage").problem(404));
        assertFalse(Files.exists(plinth.home().resolve("data/storage").resolve(NOTES)));
    }

    @Test
    @Order(6)
    void aPurgeThatCannotDeleteTheDataFailsAndKeepsIt() throws Exception {
        ok("install", "--enable", "samples/dev.plinth.sample.storage.jar");
        Path storage = plinth.home().resolve("data/storage");
        Path inTheWay = storage.resolve(".purged");
        Files.writeString(inTheWay, "in the way of a purge");

        Plinth.Result failed = plinth.run(null, "remove", "--purge", NOTES);
        assertEquals(1, failed.exit(), failed.toString());
        assertTrue(failed.err().contains("cannot be deleted"), failed.toString());
        assertEquals("IO_ERROR", rest.delete("/api/plugins/" + NOTES + "?purge").problem(500));
        assertTrue(ok("plugins").out().contains(NOTES));
        assertTrue(Files.isRegularFile(storage.resolve(NOTES).resolve("db.mv.db")));

        Files.delete(inTheWay);
        ok("remove", "--purge", NOTES);
        assertFalse(Files.exists(storage.resolve(NOTES)));
    }

    private static List<String> notes() throws Exception {
        return plinth.exec("notes:list").out().lines().filter(line -> !Plinth.READY.matcher(line).find()).toList();
    }

    private static Plinth.Result ok(String... args) throws Exception {
        Plinth.Result result = plinth.run(null, args);
        assertEquals(0, result.exit(), result.toString());
        return result;
    }
}
