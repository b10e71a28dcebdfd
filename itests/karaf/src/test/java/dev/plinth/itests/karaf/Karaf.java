package dev.plinth.itests.karaf;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Apache Karaf unpacked from its archive and run as a server without a console: its shell is reached through
 * Karaf's own SSH client ({@code bin/client}) on a free port, as an operator's scripts would.
 */
final class Karaf {

    private static final String USER = "karaf";

    private final Path home;
    private final int sshPort;
    private final int httpPort;
    private Process server;

    private Karaf(Path home, int sshPort, int httpPort) {
        this.home = home;
        this.sshPort = sshPort;
        this.httpPort = httpPort;
    }

    /**
     * Unpacks {@code archive} into {@code directory} and configures it: free ports, a user for the client, and
     * Maven URLs looked up in {@code repositories} (folders in Maven's layout, first) and the local repository.
     */
    static Karaf unpack(Path archive, Path directory, Path localRepository, List<Path> repositories)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        run(directory, 60, "tar", "-xzf", archive.toString(), "-C", directory.toString());
        Path home;
        try (var entries = Files.list(directory)) {
            home = entries.filter(path -> path.getFileName().toString().startsWith("apache-karaf-")).findFirst()
                    .orElseThrow(() -> new IOException("no apache-karaf-*/ folder in " + archive));
        }
        Karaf karaf = new Karaf(home, freePort(), freePort());
        karaf.configure(localRepository, repositories);
        return karaf;
    }

    private void configure(Path localRepository, List<Path> repositories) throws IOException {
        replace("etc/org.apache.karaf.shell.cfg", "sshPort = 8101", "sshPort = " + sshPort);
        replace("etc/org.apache.karaf.management.cfg", "rmiRegistryPort = 1099", "rmiRegistryPort = " + freePort());
        replace("etc/org.apache.karaf.management.cfg", "rmiServerPort = 44444", "rmiServerPort = " + freePort());
        append("etc/users.properties", USER + " = " + USER + ",_g_:admingroup",
                "_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh");
        StringBuilder defaults = new StringBuilder("org.ops4j.pax.url.mvn.defaultRepositories = ");
        for (Path repository : repositories) {
            defaults.append(repository.toUri()).append("@id=").append(repository.getFileName()).append("@snapshots, ");
        }
        defaults.append("${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots");
        append("etc/org.ops4j.pax.url.mvn.cfg", defaults.toString(),
                "org.ops4j.pax.url.mvn.localRepository = " + localRepository.toAbsolutePath());
        append("etc/org.apache.felix.http.cfg", "org.osgi.service.http.port = " + httpPort,
                "org.apache.felix.http.host = 127.0.0.1");
    }

    /** Starts {@code bin/karaf server}; its output goes to {@code server.log} beside the home. */
    void start() throws IOException {
        ProcessBuilder builder = script("karaf", "server");
        builder.redirectErrorStream(true).redirectOutput(home.resolveSibling("server.log").toFile());
        server = builder.start();
    }

    /**
     * Runs a line of Karaf shell commands through {@code bin/client} (which waits for the SSH server to come up)
     * and returns what it printed. Karaf prints a command's result only into a pipe: end the line with
     * {@code | grep ...} to see what a {@code plugin:} command returns.
     */
    String shell(String commands) throws IOException, InterruptedException {
        ProcessBuilder builder = script("client", "-a", Integer.toString(sshPort), "-u", USER, "-p", USER,
                "-r", "90", "-d", "1", commands);
        builder.redirectErrorStream(true);
        Process client = builder.start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(120, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            throw new IOException("bin/client '" + commands + "' did not end: " + output);
        }
        return output.replaceAll("\u001B\\[[0-9;]*m", "");
    }

    int httpPort() {
        return httpPort;
    }

    Path home() {
        return home;
    }

    /** Stops Karaf ({@code bin/stop}), and ends its processes if that does not do it in time. */
    void stop() throws IOException, InterruptedException {
        if (server == null) {
            return;
        }
        Process stop = script("stop").redirectErrorStream(true).start();
        stop.getInputStream().readAllBytes();
        stop.waitFor(60, TimeUnit.SECONDS);
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    private ProcessBuilder script(String name, String... arguments) {
        List<String> command = new ArrayList<>(List.of("sh", home.resolve("bin").resolve(name).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("KARAF_DEBUG");
        return builder;
    }

    private void replace(String file, String text, String replacement) throws IOException {
        Path path = home.resolve(file);
        String content = Files.readString(path, StandardCharsets.ISO_8859_1);
        if (!content.contains(text)) {
            throw new IOException(file + " of Karaf has no '" + text + "'");
        }
        Files.writeString(path, content.replace(text, replacement), StandardCharsets.ISO_8859_1);
    }

    private void append(String file, String... lines) throws IOException {
        Files.writeString(home.resolve(file), "\n" + String.join("\n", lines) + "\n", StandardCharsets.ISO_8859_1,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(Path directory, int seconds, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
