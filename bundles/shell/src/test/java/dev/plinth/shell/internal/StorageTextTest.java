package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginDetails;

class StorageTextTest {

    private final ShellFormatter formatter = new ShellFormatter(ZoneOffset.UTC);

    @Test
    void onePluginsStorageShowsWhereItIsItsSchemaItsRollbackPointAndItsMigrations() {
        assertEquals(String.join("\n",
                "Storage:",
                "  Backend:         h2",
                "  Location:        data/storage/dev.plinth.sample.storage",
                "  Size:            24.0 KiB",
                "  Schema version:  3",
                "  Written by:      2.0.0",
                "  Rollback point:  the data of 1.0.0 (schema 1, 12.0 KiB, taken 2026-12-05T09:30:00, before the "
                        + "upgrade to 2.0.0); plugin:rollback dev.plinth.sample.storage restores it, writes since "
                        + "are lost",
                "  Migrations:",
                "    VERSION  DESCRIPTION       TYPE  INSTALLED ON         TIME",
                "    1        create notes      SQL   2026-12-05T09:30:00  12 ms",
                "    2        split author      SQL   2026-12-05T09:30:01  5 ms",
                "    3        Normalise titles  JDBC  2026-12-05T09:30:01  3 ms"),
                formatter.format(new StorageViews.Storage(FakeStorage.upgradedNotes()), 0, null).toString());
    }

    @Test
    void keptStorageSaysThePluginIsRemovedAndHowItComesBack() {
        String text = formatter.format(new StorageViews.Storage(FakeStorage.kept("dev.plinth.sample.storage")), 0,
                null).toString();
        assertEquals(String.join("\n",
                "Storage:",
                "  Backend:         postgresql",
                "  Location:        schema plugin_dev_plinth_sample_storage",
                "  Size:            800 B",
                "  Schema version:  none (no migration applied)",
                "  Written by:      -",
                "  Kept:            yes: dev.plinth.sample.storage is removed; installing it again reattaches this "
                        + "data",
                "  Rollback point:  none",
                "  Migrations: none applied"), text);
    }

    @Test
    void theListHasOneRowPerPluginKeptOnesMarked() {
        String text = formatter.format(new StorageViews.Storages(List.of(FakeStorage.upgradedNotes(),
                FakeStorage.kept("old.plugin"))), 0, null).toString();
        assertEquals(String.join("\n",
                "ID                         BACKEND     SIZE      SCHEMA  KEPT",
                "dev.plinth.sample.storage  h2          24.0 KiB  3       no",
                "old.plugin                 postgresql  800 B     -       yes (removed)"), text);
        assertEquals("No plugin has storage.",
                formatter.format(new StorageViews.Storages(List.of()), 0, null).toString());
    }

    @Test
    void infoEndsWithTheStorageSectionOrSaysStorageIsNotInstalled() {
        PluginDetails details = new PluginDetails(Fixtures.greeter(), false, List.of(), List.of());
        String plain = formatter.details(details);

        assertEquals(plain, formatter.info(new StorageViews.Plugin(details, new StorageViews.Section(true, null,
                null))));
        assertEquals(plain + "\nStorage: not installed (the bundle dev.plinth.storage is not running)",
                formatter.info(new StorageViews.Plugin(details, new StorageViews.Section(false, null, null))));
        assertEquals(plain + "\nStorage: cannot be read: disk gone",
                formatter.info(new StorageViews.Plugin(details, new StorageViews.Section(true, null,
                        "disk gone"))));
        String withStorage = formatter.info(new StorageViews.Plugin(details, new StorageViews.Section(true,
                FakeStorage.upgradedNotes(), null)));
        assertEquals(plain + "\nStorage:\n  Backend:         h2", String.join("\n",
                withStorage.lines().limit(plain.lines().count() + 2).toList()));
    }

    @Test
    void sizesAreInBinaryUnitsWithOneDecimal() {
        assertEquals("0 B", StorageText.size(0));
        assertEquals("1023 B", StorageText.size(1023));
        assertEquals("1.0 KiB", StorageText.size(1024));
        assertEquals("1.5 MiB", StorageText.size(1024 * 1024 * 3 / 2));
        assertEquals("2.0 GiB", StorageText.size(2L << 30));
        assertEquals("4096.0 TiB", StorageText.size(1L << 52));
    }

    @Test
    void aMigrationDescriptionWithControlCharactersIsShownEscapedNeverRaw() {
        assertEquals("x\\u000a  3. start   evil 6.6.6\\u001b[2J", StorageText.printable(
                "x\n  3. start   evil 6.6.6\u001b[2J"));
    }
}
