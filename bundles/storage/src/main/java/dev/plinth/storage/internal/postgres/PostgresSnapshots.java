package dev.plinth.storage.internal.postgres;

import dev.plinth.common.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A plugin's schema copied to a file and back: {@code pg_dump -n <schema> -Fc} (tables, rows, sequences, indexes,
 * views, functions, owners, the schema's comment), and {@code DROP SCHEMA .. CASCADE}, an empty schema of the same
 * owner, then {@code pg_restore --exit-on-error --single-transaction} of everything but the schema itself. Both
 * programs run as the plugin's role ({@code --role}, which Plinth's role may SET as a member): the plugin's own SQL
 * that a dump or a restore evaluates (a CHECK constraint's function, say) runs with the plugin's rights, never with
 * Plinth's CREATEROLE. A restore that stops half-way leaves the schema empty and is done again whole by the next
 * restore of the same file.
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
            String name = PostgresNames.of(id);
            client.run(server, PostgresClient.DUMP, List.of("--role=" + name, "--schema=" + name,
                    "--format=custom", "--file=" + temp));
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
        String name = PostgresNames.of(id);
        Path list = Files.createTempFile(file.toAbsolutePath().getParent(), "restore-", ".list");
        try {
            Files.write(list, client.list(file).stream().filter(entry -> !isSchemaItself(entry, name)).toList());
            admin.emptySchemaForRestore(id);
            client.run(server, PostgresClient.RESTORE, List.of("--role=" + name, "--use-list=" + list,
                    "--exit-on-error", "--single-transaction", file.toString()));
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /** The table of contents' line of the {@code CREATE SCHEMA} itself ({@code 5; 2615 16386 SCHEMA - name owner}). */
    static boolean isSchemaItself(String entry, String name) {
        return !entry.startsWith(";") && entry.matches("\\d+; \\d+ \\d+ SCHEMA - " + Pattern.quote(name) + " .*");
    }
}
