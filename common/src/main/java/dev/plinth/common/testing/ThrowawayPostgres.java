package dev.plinth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of a test's own: a new cluster in a temporary folder, on a free port of 127.0.0.1, with fsync
 * off, started from the server binaries of Debian's {@code postgresql} package ({@code initdb} and {@code pg_ctl} of
 * the highest {@code /usr/lib/postgresql/<major>/bin}, or the folder the system property
 * {@value #BIN_PROPERTY} names). As root, the server runs as the {@code postgres} user (PostgreSQL refuses root),
 * through {@code runuser}. {@link #close()} stops it and deletes the folder; a JVM that exits first stops it too.
 * Takes about 0.7 s. Missing binaries fail the test that asks, with what to install: never a skip.
 *
 * <pre>{@code
 * try (ThrowawayPostgres pg = ThrowawayPostgres.start()) {
 *     Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), pg.superuserPassword());
 * }
 * }</pre>
 *
 * For tests only (see the package).
 */
public final class ThrowawayPostgres implements AutoCloseable {

    /** The system property naming the folder of {@code initdb} and {@code pg_ctl}, when not Debian's. */
    public static final String BIN_PROPERTY = "plinth.test.pg.bin";

    private static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql");
    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final long TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path folder;
    private final int port;
    private final String password;
    private final List<String> asServerUser;
    private final Thread stopAtExit;
    private boolean closed;

    private ThrowawayPostgres(Path bin, Path folder, int port, String password, List<String> asServerUser) {
        this.bin = bin;
        this.folder = folder;
        this.port = port;
        this.password = password;
        this.asServerUser = asServerUser;
        this.stopAtExit = new Thread(this::stopAndDelete, "stop throwaway PostgreSQL on port " + port);
    }

    /**
     * Creates and starts a new server.
     *
     * @throws IllegalStateException when the server binaries are missing (saying what to install) or the server
     *         does not start (with its log)
     */
    public static ThrowawayPostgres start() {
        Path bin = serverBinaries();
        try {
            Path folder = Files.createTempDirectory("plinth-pg-");
            List<String> as = List.of();
            String password = HexFormat.of().formatHex(randomBytes());
            Path passwordFile = Files.writeString(folder.resolve("pw"), password + "\n");
            if (isRoot()) {
                UserPrincipal postgres = folder.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SUPERUSER);
                Files.setOwner(folder, postgres);
                Files.setOwner(passwordFile, postgres);
                as = List.of("runuser", "-u", SUPERUSER, "--");
            }
            ThrowawayPostgres server = new ThrowawayPostgres(bin, folder, freePort(), password, as);
            try {
                server.run("initdb", List.of("-D", folder.resolve("data").toString(), "-U", SUPERUSER,
                        "-A", "scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync",
                        "--locale=C.UTF-8"));
                server.startServer();
            } catch (RuntimeException e) {
                server.stopAndDelete();
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(server.stopAtExit);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a throwaway PostgreSQL server", e);
        }
    }

    /**
     * Stops the server (immediately, as a crash or a pulled cable would) and keeps its folder, so that
     * {@link #restart()} brings the same cluster back on the same port; clients see their connections refused
     * meanwhile. Does nothing when it is stopped already.
     */
    public synchronized void stop() {
        requireOpen();
        if (running()) {
            run("pg_ctl", List.of("-D", folder.resolve("data").toString(), "-w", "stop", "-m", "immediate"));
        }
    }

    /**
     * Starts the server again after {@link #stop()}: the same cluster (roles, databases, data) on the same port. Does
     * nothing when it runs.
     *
     * @throws IllegalStateException when it does not start (with its log), for example when another process took the
     *         port meanwhile
     */
    public synchronized void restart() {
        requireOpen();
        if (!running()) {
            startServer();
        }
    }

    /** Whether the server runs (started, and not stopped or closed since). */
    public synchronized boolean running() {
        return !closed && Files.exists(folder.resolve("data/postmaster.pid"));
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the throwaway PostgreSQL server on port " + port + " was closed");
        }
    }

    private void startServer() {
        run("pg_ctl", List.of("-D", folder.resolve("data").toString(),
                "-l", folder.resolve("server.log").toString(), "-w", "-t", "30", "start", "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=" + HOST
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"));
    }

    /** The folder holding {@code initdb}, {@code pg_ctl}, {@code pg_dump} and {@code pg_restore}. */
    public Path binaries() {
        return bin;
    }

    /** The server's folder (cluster, logs), deleted at close. */
    Path folder() {
        return folder;
    }

    /** {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** The superuser, {@code postgres}. */
    public String superuser() {
        return SUPERUSER;
    }

    /** The superuser's password (generated). */
    public String superuserPassword() {
        return password;
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    /** Stops the server (immediately: a throwaway cluster needs no clean shutdown) and deletes its folder. */
    @Override
    public synchronized void close() {
        if (!closed) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopAtExit);
            } catch (IllegalStateException exiting) {
                return;
            }
            stopAndDelete();
        }
    }

    private synchronized void stopAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (Files.exists(folder.resolve("data/postmaster.pid"))) {
                run("pg_ctl", List.of("-D", folder.resolve("data").toString(), "-w", "stop", "-m", "immediate"));
            }
        } finally {
            delete(folder);
        }
    }

    private void run(String program, List<String> arguments) {
        List<String> command = new ArrayList<>(asServerUser);
        command.add(bin.resolve(program).toString());
        command.addAll(arguments);
        Path log = folder.resolve(program + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " took more than " + TIMEOUT_SECONDS + " s: "
                        + read(log) + read(folder.resolve("server.log")));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed with exit status "
                        + process.exitValue() + ": " + read(log) + read(folder.resolve("server.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + program, e);
        }
    }

    /** The folder of the server binaries: the property's, else the highest Debian major version's. */
    static Path serverBinaries() {
        String named = System.getProperty(BIN_PROPERTY);
        Optional<Path> bin = named != null && !named.isBlank() ? Optional.of(Path.of(named)) : highestDebianMajor();
        if (bin.isEmpty() || !Files.isExecutable(bin.get().resolve("initdb"))
                || !Files.isExecutable(bin.get().resolve("pg_ctl"))) {
            throw new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl) in "
                    + bin.map(Path::toString).orElse(DEBIAN_BINARIES + "/<major>/bin")
                    + ": install postgresql (Debian) or set " + BIN_PROPERTY + " to the folder holding them");
        }
        return bin.get();
    }

    private static Optional<Path> highestDebianMajor() {
        if (!Files.isDirectory(DEBIAN_BINARIES)) {
            return Optional.empty();
        }
        try (Stream<Path> majors = Files.list(DEBIAN_BINARIES)) {
            return majors.filter(p -> p.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                    .max(Comparator.comparingDouble(p -> Double.parseDouble(p.getFileName().toString())))
                    .map(p -> p.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? "\n" + Files.readString(log, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a folder already gone, or a file the server still wrote: the temporary folder's cleaner takes it
        }
    }
}
