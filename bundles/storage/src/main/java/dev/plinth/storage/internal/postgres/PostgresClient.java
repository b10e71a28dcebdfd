package dev.plinth.storage.internal.postgres;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * PostgreSQL's client programs {@code pg_dump} and {@code pg_restore}, found in the folder the storage configuration
 * names ({@code postgresql.bin}), else on the {@code PATH}, else in the highest {@code /usr/lib/postgresql/<major>/bin}
 * (Debian's layout). Run as Plinth's role with its password in the child's environment only, never prompting, with a
 * bound on the time they take; of the runtime's own {@code PG*} environment variables only the {@code PGSSL*} ones
 * (certificates, SSL mode) reach them.
 */
public final class PostgresClient {

    static final String DUMP = "pg_dump";
    static final String RESTORE = "pg_restore";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");
    private static final long TIMEOUT_MINUTES = 30;

    private final Path bin;

    private PostgresClient(Path bin) {
        this.bin = bin;
    }

    /**
     * The client programs, or empty when they are not found.
     *
     * @param configured the folder the operator named, or empty to look on the PATH and in Debian's folders
     * @param path the value of {@code PATH}, or null
     */
    public static Optional<PostgresClient> find(Optional<Path> configured, String path) {
        if (configured.isPresent()) {
            return Optional.of(configured.get()).filter(PostgresClient::holdsBoth).map(PostgresClient::new);
        }
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    candidates.add(Path.of(entry));
                }
            }
        }
        candidates.addAll(debianFolders());
        return candidates.stream().filter(PostgresClient::holdsBoth).findFirst().map(PostgresClient::new);
    }

    /** Why no snapshot can be taken when the programs are missing, in words for a plan. */
    public static String missing(Optional<Path> configured) {
        return "PostgreSQL's client programs pg_dump and pg_restore were not found ("
                + configured.map(p -> "in " + p + ", the storage setting postgresql.bin")
                        .orElse("on the PATH nor in " + DEBIAN + "/<major>/bin")
                + "): install postgresql-client (of the server's major version or newer), or name their folder in "
                + "postgresql.bin of etc/dev.plinth.storage.cfg.json";
    }

    /** The folder holding the programs. */
    public Path bin() {
        return bin;
    }

    /** The major version of {@code pg_dump} (15 for 15.18). */
    public int majorVersion() throws IOException {
        String out = run(List.of(bin.resolve(DUMP).toString(), "--version"), Map.of());
        Matcher m = VERSION.matcher(out);
        if (!m.find()) {
            throw new IOException("cannot read the version of " + bin.resolve(DUMP) + ": " + out.strip());
        }
        return Integer.parseInt(m.group(1));
    }

    /** The lines of the table of contents of the archive {@code file} ({@code pg_restore --list}, no connection). */
    List<String> list(Path file) throws IOException {
        return run(List.of(bin.resolve(RESTORE).toString(), "--list", file.toString()), Map.of()).lines().toList();
    }

    /** Runs {@code program} of this folder with {@code arguments} as {@code server}'s role; its output on success. */
    String run(PostgresServer server, String program, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(bin.resolve(program).toString());
        command.addAll(List.of("--no-password", "--host", server.clientHost(), "--port",
                String.valueOf(server.port()), "--username", server.user(), "--dbname", server.database()));
        command.addAll(arguments);
        return run(command, Map.of("PGPASSWORD", server.password(), "PGCONNECT_TIMEOUT", "30",
                "PGAPPNAME", "plinth-storage"));
    }

    private static String run(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("PG") && !k.startsWith("PGSSL"));
        builder.environment().putAll(environment);
        Path output = Files.createTempFile("plinth-pg-client-", ".log");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(Path.of(command.get(0)).getFileName() + " took more than " + TIMEOUT_MINUTES
                        + " minutes");
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit status "
                        + process.exitValue() + "): " + out.strip());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean holdsBoth(Path folder) {
        return Files.isExecutable(folder.resolve(DUMP)) && Files.isExecutable(folder.resolve(RESTORE));
    }

    private static List<Path> debianFolders() {
        if (!Files.isDirectory(DEBIAN)) {
            return List.of();
        }
        try (Stream<Path> majors = Files.list(DEBIAN)) {
            return majors.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString()))
                            .reversed())
                    .map(p -> p.resolve("bin")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
