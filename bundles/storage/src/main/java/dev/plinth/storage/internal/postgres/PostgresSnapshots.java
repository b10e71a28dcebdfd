package dev.plinth.storage.internal.postgres;

import dev.plinth.common.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * A plugin's schema copied to a file and back: {@code pg_dump -n <schema> -Fc} (tables, rows, sequences, indexes,
 * views, functions, owners, the schema's comment), and {@code DROP SCHEMA .. CASCADE} then
 * {@code pg_restore --exit-on-error --single-transaction}. A restore that stops half-way leaves the schema missing and
 * is done again whole by the next restore of the same file.
 */
public final class PostgresSnapshots {

    private final PostgresServer server;
    private final PostgresAdmin admin;
    private final PostgresClient client;

    public PostgresSnapshots(PostgresServer server, PostgresAdmin admin, PostgresClient client) {
        this.server = server;
        this.admin = admin;
        this.client = client;
    }

    /** Writes plugin {@code id}'s schema to {@code file} (through a temporary file, then renamed and synced). */
    public void snapshot(String id, Path file) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            client.run(server, PostgresClient.DUMP, List.of("--schema=" + PostgresNames.of(id), "--format=custom",
                    "--file=" + temp));
            AtomicFiles.force(temp);
            AtomicFiles.move(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces plugin {@code id}'s schema by the one of {@code file}; the plugin's sessions are ended first. */
    public void restore(String id, Path file) throws IOException, SQLException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no snapshot " + file + " of plugin " + id);
        }
        admin.dropSchemaForRestore(id);
        client.run(server, PostgresClient.RESTORE, List.of("--exit-on-error", "--single-transaction",
                file.toString()));
    }
}
