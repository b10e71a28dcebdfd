package dev.plinth.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Apache Karaf 4.4.10 from its distribution archive, run as {@code bin/karaf daemon} (the script
 * {@code exec}s the JVM: no console, the remote shell on). Karaf's defaults are kept (its boot features, its
 * JVM options: {@code -Xms128M -Xmx512M}, the JVM's default collector; FileInstall polling {@code deploy/}
 * every 1000 ms) except what running beside other runtimes needs: the {@code karaf} user is enabled for
 * {@code bin/client}, and SSH and the JMX RMI ports are free ports chosen when the home is laid out, so that
 * several homes may run at once. The same JDK as the other runtimes.
 */
final class KarafRuntime implements Runtime {

    static final String NAME = "Karaf 4.4.10";
    static final List<String> LOGIN = List.of("-u", "karaf", "-p", "karaf");
    private static final Pattern SSH_PORT = Pattern.compile("(?m)^sshPort\\s*=\\s*(\\d+)");

    private final String name;
    private final Path archive;
    private final Path javaHome;
    private final List<Path> deployed;
    private final List<String> jvmOptions;
    private final Pattern ready;

    /**
     * @param deployed jars put into {@code deploy/} when the home is laid out (the deploy benchmark's probe)
     * @param jvmOptions added to Karaf's own through {@code EXTRA_JAVA_OPTS}
     * @param ready what it prints once ready; for the startup benchmark, which waits on SSH instead, unused
     */
    KarafRuntime(String name, Path archive, Path javaHome, List<Path> deployed, List<String> jvmOptions,
            Pattern ready) {
        this.name = name;
        this.archive = archive;
        this.javaHome = javaHome;
        this.deployed = List.copyOf(deployed);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.ready = ready;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare(Path home) throws IOException, InterruptedException {
        Measure.run(List.of("tar", "-xzf", archive.toString(), "-C", home.toString(), "--strip-components=1"));
        Path users = home.resolve("etc/users.properties");
        Files.writeString(users, Files.readString(users).replace("#karaf = karaf,_g_:admingroup",
                "karaf = karaf,_g_:admingroup").replace("#_g_\\:admingroup", "_g_\\:admingroup"));
        replace(home.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", freePort());
        Path management = home.resolve("etc/org.apache.karaf.management.cfg");
        replace(management, "rmiRegistryPort", freePort());
        replace(management, "rmiServerPort", freePort());
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        for (Path jar : deployed) {
            Files.copy(jar, deploy.resolve(jar.getFileName()));
        }
    }

    @Override
    public List<String> command(Path home) {
        return List.of(home.resolve("bin/karaf").toString(), "daemon");
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        environment.put("JAVA_HOME", javaHome.toString());
        environment.put("EXTRA_JAVA_OPTS", String.join(" ", jvmOptions));
        return Map.copyOf(environment);
    }

    @Override
    public Pattern ready() {
        return ready;
    }

    /** SIGTERM to the JVM: Karaf's shutdown hook stops the framework. */
    @Override
    public void stop(Process process) {
        process.destroy();
    }

    /** The SSH port the home's shell listens on. */
    static int sshPort(Path home) throws IOException {
        Matcher matcher = SSH_PORT.matcher(Files.readString(home.resolve("etc/org.apache.karaf.shell.cfg")));
        if (!matcher.find()) {
            throw new IOException("no sshPort in " + home.resolve("etc/org.apache.karaf.shell.cfg"));
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** Whether something accepts connections on the home's SSH port now. */
    static boolean sshOpen(Path home) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", sshPort(home)), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code bin/client} of the home with the login and port, running {@code command}. */
    static List<String> client(Path home, String command) throws IOException {
        List<String> client = new ArrayList<>(List.of(home.resolve("bin/client").toString(), "-a",
                Integer.toString(sshPort(home))));
        client.addAll(LOGIN);
        client.add(command);
        return client;
    }

    private static void replace(Path file, String key, int port) throws IOException {
        String text = Files.readString(file);
        String replaced = text.replaceFirst("(?m)^" + key + "\\s*=.*$", key + " = " + port);
        if (replaced.equals(text)) {
            throw new IOException("no " + key + " in " + file);
        }
        Files.writeString(file, replaced);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
