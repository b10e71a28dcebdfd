package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Migration names as entries say them, and versions compared as Flyway compares them. */
class MigrationNameTest {

    @Test
    void sqlAndJavaMigrationsAreReadFromTheirEntriesInVersionOrder() {
        List<MigrationName> names = MigrationName.among(List.of("db/migration/V10__later.sql",
                "db/migration/V2__Move_names.class", "db/migration/V2__Move_names$1.class",
                "db/migration/R__repeatable.sql", "db/migration/README.txt", "db/migration/V2_1__index_email.sql"));

        assertEquals(List.of("2 Move names [JDBC]", "2.1 index email [SQL]", "10 later [SQL]"),
                names.stream().map(MigrationName::label).toList());
        assertEquals("db.migration.V2__Move_names", names.get(0).className());
        assertEquals("10", MigrationName.highest(names));
    }

    @Test
    void aNameWithAControlCharacterIsNoMigration() {
        assertEquals(java.util.Optional.empty(), MigrationName.of("db/migration/V2__two\nlines.sql"));
    }

    @Test
    void anIdThatIsNoSymbolicNameGetsNoDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
        StorageFiles files = new StorageFiles(root);
        for (String id : List.of("..", "a/../../b", "/tmp/x", "a\nb", ".hidden")) {
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> files.directory(id),
                    id);
        }
        assertEquals(root.resolve("org.example-1_x"), files.directory("org.example-1_x"));
    }

    @Test
    void versionsCompareAsNumbersPartByPart() {
        assertTrue(MigrationName.compare("2.10", "2.9") > 0);
        assertTrue(MigrationName.compare("2", "2.0") == 0);
        assertTrue(MigrationName.compare(null, "1") < 0);
        assertTrue(MigrationName.compare("1", null) > 0);
    }

    @Test
    void entriesFlywayWouldReadOtherwiseAndDuplicateVersionsAreRefusedByName() {
        IllegalArgumentException control = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> MigrationName.among(List.of("db/migration/V1__a.sql",
                        "db/migration/V2__x\n  3. start evil 6.6.6\n.sql")));
        assertEquals("the migration entry db/migration/V2__x\\u000a  3. start evil 6.6.6\\u000a.sql has a control "
                + "character in its name: refused", control.getMessage());
        IllegalArgumentException twice = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> MigrationName.among(List.of("db/migration/V1__a.sql",
                        "db/migration/V1.0__b.sql")));
        assertTrue(twice.getMessage().contains("V1__a.sql and db/migration/V1.0__b.sql have the same version"),
                twice.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MigrationName.among(List.of("db/migration/V2_x.sql")));
    }
}
