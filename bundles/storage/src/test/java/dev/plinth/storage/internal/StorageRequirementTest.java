package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;

/** A plugin asks for storage by the extender requirement, or by a DS reference to the plugins' DataSource. */
class StorageRequirementTest {

    private static final String REFERENCE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="t.Notes">
              <implementation class="t.Notes"/>
              <reference name="dataSource" cardinality="1..1" policy="static"
                  interface="javax.sql.DataSource" target="(plinth.storage=plugin)"/>
            </scr:component>
            """;

    @TempDir
    Path jars;

    @Test
    void theExtenderRequirementAsks() {
        assertTrue(StorageRequirement.asks(
                "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\""));
        assertFalse(StorageRequirement.asks("osgi.extender;filter:=\"(osgi.extender=osgi.component)\""));
        assertFalse(StorageRequirement.asks((String) null));
    }

    @Test
    void aComponentsReferenceToThePluginsDataSourceAsks() {
        assertTrue(StorageRequirement.referencesPluginDataSource(REFERENCE));
        assertTrue(StorageRequirement.referencesPluginDataSource(REFERENCE.replace('"', '\'')));
        assertTrue(StorageRequirement.referencesPluginDataSource(
                REFERENCE.replace("(plinth.storage=plugin)", " ( plinth.storage = plugin ) ")));
    }

    @Test
    void otherReferencesDoNotAsk() {
        assertFalse(StorageRequirement.referencesPluginDataSource(REFERENCE.replace(" target=\"(plinth.storage=plugin)\"",
                "")), "any DataSource");
        assertFalse(StorageRequirement.referencesPluginDataSource(REFERENCE.replace("javax.sql.DataSource",
                "javax.sql.XADataSource")));
        assertFalse(StorageRequirement.referencesPluginDataSource(REFERENCE.replace("plinth.storage=plugin",
                "plinth.storage=other")));
        assertFalse(StorageRequirement.referencesPluginDataSource("<component><!-- nothing --></component>"));
    }

    @Test
    void theHeaderNamesTheDescriptionsRead() {
        Map<String, List<String>> entries = Map.of("OSGI-INF/t.Notes.xml", List.of(REFERENCE), "OSGI-INF/other.xml",
                List.of("<component/>"));
        assertTrue(StorageRequirement.referencesPluginDataSource("OSGI-INF/other.xml, OSGI-INF/t.Notes.xml",
                path -> entries.getOrDefault(path, List.of())));
        assertFalse(StorageRequirement.referencesPluginDataSource("OSGI-INF/other.xml",
                path -> entries.getOrDefault(path, List.of())));
        assertFalse(StorageRequirement.referencesPluginDataSource(null, path -> List.of(REFERENCE)));
    }

    @Test
    void anArchiveWhoseComponentReferencesThePluginsDataSourceAsks() throws Exception {
        Path byReference = BundleJar.bundle("t.byref", "1.0.0").header("Service-Component", "OSGI-INF/*.xml")
                .entry("OSGI-INF/t.Notes.xml", REFERENCE).writeInto(jars);
        Path plain = BundleJar.bundle("t.plain", "1.0.0").header("Service-Component", "OSGI-INF/t.Notes.xml")
                .entry("OSGI-INF/t.Notes.xml", "<component/>").entry("OSGI-INF/elsewhere/t.Notes.xml", REFERENCE)
                .writeInto(jars);

        try (ArchiveMigrations archive = new ArchiveMigrations(byReference)) {
            assertTrue(archive.asksForStorage());
        }
        try (ArchiveMigrations archive = new ArchiveMigrations(plain)) {
            assertFalse(archive.asksForStorage());
        }
    }
}
