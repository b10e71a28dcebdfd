package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.plinth.api.Options;
import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.common.json.JsonDocuments;

class StorageApiTest {

    private static final Instant TAKEN = Instant.parse("2026-12-05T09:30:00Z");
    private static final StorageInfo NOTES = new StorageInfo("dev.plinth.sample.storage", "h2",
            "data/storage/dev.plinth.sample.storage", 24_576, "2", "2.0.0", false,
            new StorageInfo.RollbackPoint("1.0.0", "2.0.0", "1", TAKEN, 12_288),
            List.of(new StorageInfo.AppliedMigration("1", "create notes", "SQL", 17, TAKEN, 12),
                    new StorageInfo.AppliedMigration("2", "Split author", "JDBC", null, TAKEN, 4)));
    private static final StorageInfo KEPT = new StorageInfo("old.plugin", "h2", "data/storage/old.plugin", 800, null,
            null, true, null, List.of());

    private final FakeStorage storage = new FakeStorage();
    private PluginStorage service = storage;
    private final StorageApi api = new StorageApi(() -> service);

    @Test
    void getStorageListsEveryPluginsStorageAsTheApisRecords() throws Exception {
        String json = JsonDocuments.compact(api.all("GET", Query.parse(null)));
        assertEquals("[{\"id\":\"dev.plinth.sample.storage\",\"backend\":\"h2\",\"location\":"
                + "\"data/storage/dev.plinth.sample.storage\",\"sizeBytes\":24576,\"schemaVersion\":\"2\","
                + "\"writtenBy\":\"2.0.0\",\"kept\":false,\"rollbackPoint\":{\"fromVersion\":\"1.0.0\",\"toVersion\":"
                + "\"2.0.0\",\"schemaVersion\":\"1\",\"taken\":\"2026-12-05T09:30:00Z\",\"sizeBytes\":12288},"
                + "\"migrations\":[{\"version\":\"1\",\"description\":\"create notes\",\"type\":\"SQL\",\"checksum\":17,"
                + "\"installedOn\":\"2026-12-05T09:30:00Z\",\"executionMillis\":12},{\"version\":\"2\",\"description\":"
                + "\"Split author\",\"type\":\"JDBC\",\"checksum\":null,\"installedOn\":\"2026-12-05T09:30:00Z\","
                + "\"executionMillis\":4}]},{\"id\":\"old.plugin\",\"backend\":\"h2\",\"location\":"
                + "\"data/storage/old.plugin\",\"sizeBytes\":800,\"schemaVersion\":null,\"writtenBy\":null,\"kept\":true,"
                + "\"rollbackPoint\":null,\"migrations\":[]}]", json);
    }

    @Test
    void getPluginStorageAnswersOnePluginsKeptOnesTooAnd404WhenItHasNone() throws Exception {
        assertEquals(NOTES, api.one("GET", "dev.plinth.sample.storage", Query.parse(null)));
        assertEquals(KEPT, api.one("GET", "old.plugin", Query.parse(null)));

        ApiException none = assertThrows(ApiException.class, () -> api.one("GET", "greeter", Query.parse(null)));
        assertEquals(404, none.problem().status());
        assertEquals("NOT_FOUND", none.problem().code());
        assertEquals("no storage for greeter (GET /api/storage lists the plugins that have some)",
                none.getMessage());
    }

    @Test
    void onlyGetAndNoQueryParameter() throws Exception {
        assertEquals(405, assertThrows(ApiException.class, () -> api.all("POST", Query.parse(null))).problem()
                .status());
        assertEquals(405, assertThrows(ApiException.class, () -> api.one("DELETE", "old.plugin", Query.parse(null)))
                .problem().status());
        assertEquals(400, assertThrows(ApiException.class, () -> api.all("GET", Query.parse("kept"))).problem()
                .status());
        assertEquals(List.of(), storage.calls);
    }

    @Test
    void withoutTheStorageBundleBothAnswer503AndThePluginDocumentHasNoStorage() throws Exception {
        service = null;
        for (ApiException failure : List.of(
                assertThrows(ApiException.class, () -> api.all("GET", Query.parse(null))),
                assertThrows(ApiException.class, () -> api.one("GET", "old.plugin", Query.parse(null))))) {
            assertEquals(503, failure.problem().status());
            assertEquals("STORAGE_UNAVAILABLE", failure.problem().code());
            assertEquals("storage is not installed (the bundle dev.plinth.storage is not running)",
                    failure.getMessage());
        }
        assertNull(api.ofPlugin("dev.plinth.sample.storage"));
    }

    @Test
    void thePluginDocumentCarriesItsStorageOrNull() {
        PluginDetails details = new PluginDetails(new PluginInfo("dev.plinth.sample.storage", "2.0.0", "Notes", "",
                "", "", "", PluginKind.PLUGIN, PluginState.ENABLED, 12, List.of(), List.of(), null, null, null, null,
                null), true, List.of(), List.of());
        String json = JsonDocuments.compact(new Json().details(details, api.ofPlugin("dev.plinth.sample.storage")));
        assertTrue(json.contains(",\"storage\":{\"id\":\"dev.plinth.sample.storage\",\"backend\":\"h2\""), json);

        assertTrue(JsonDocuments.compact(new Json().details(details, api.ofPlugin("greeter")))
                .endsWith(",\"storage\":null}"));
        storage.failure = new IllegalStateException("disk gone");
        assertNull(api.ofPlugin("dev.plinth.sample.storage"));
    }

    @Test
    void purgeBecomesAnOptionAndDoesNotGoWithKeepData() throws Exception {
        Options purge = ManagementApi.removeOptions(Query.parse("purge"));
        assertTrue(purge.purge());
        assertFalse(purge.keepData());
        assertFalse(ManagementApi.removeOptions(Query.parse("keepData")).purge());
        assertFalse(ManagementApi.removeOptions(Query.parse(null)).purge());
        ApiException both = assertThrows(ApiException.class,
                () -> ManagementApi.removeOptions(Query.parse("keepData&purge")));
        assertEquals(400, both.problem().status());
        assertEquals("purge deletes the data keepData keeps: give one of them", both.getMessage());
    }

    /** A storage service answering from the two storages above, recording what it is asked. */
    private static final class FakeStorage implements PluginStorage {

        final List<String> calls = new ArrayList<>();
        RuntimeException failure;

        @Override
        public Optional<StorageInfo> info(String pluginId) {
            calls.add("info " + pluginId);
            if (failure != null) {
                throw failure;
            }
            return all().stream().filter(info -> info.id().equals(pluginId)).findFirst();
        }

        @Override
        public List<StorageInfo> all() {
            return List.of(NOTES, KEPT);
        }
    }

    @Test
    void storageWithAMissingFileAnswers409NamingIt() {
        service = new PluginStorage() {
            @Override
            public java.util.Optional<StorageInfo> info(String id) {
                throw new IllegalStateException("the storage of " + id + " is incomplete: the database file of "
                        + id + " is missing");
            }

            @Override
            public List<StorageInfo> all() {
                return List.of();
            }
        };

        ApiException incomplete = assertThrows(ApiException.class, () -> api.one("GET", "t.dl", Query.parse(null)));

        assertEquals(409, incomplete.problem().status());
        assertEquals("STORAGE_INCOMPLETE", incomplete.problem().code());
        assertEquals("the storage of t.dl is incomplete: the database file of t.dl is missing",
                incomplete.getMessage());
    }
}
