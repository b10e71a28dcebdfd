package dev.plinth.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.plinth.common.testing.ArchetypeProject;
import dev.plinth.common.testing.LocalRepositoryOverlay;
import dev.plinth.common.testing.MavenCommand;
import dev.plinth.testing.PlinthRuntime;

/**
 * The plugin author's kit: how long a test class waits for its runtime ({@code PlinthRuntime.start}, as
 * {@code @PlinthTest} does: a temporary home, the boot bundles, the hello sample installed and enabled through the
 * manager). {@code --kit-jvms} JVMs of their own, each starting {@code --kit-classes} runtimes one after the other:
 * the first of each JVM (class loading, the boot bundles extracted when no earlier run left them) and the later ones;
 * with the JVM's default options, then with the client compiler only and the serial collector.
 */
final class KitBench {

    static final String SECTION = "Kit";
    private static final String READY = "READY ";
    /** The JVM options of a quick start (the distribution's conf/jvm.options has the collector too). */
    private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private KitBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int jvms = context.integer("--kit-jvms");
        int classes = context.integer("--kit-classes");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        results.section(SECTION, "none");
        measure(context, results, jvms, classes, bound, List.of(), "kit", "");
        measure(context, results, jvms, classes, bound, QUICK_START, "kit.c1", ", " + String.join(" ", QUICK_START));
        authorLoop(context, results, bound);
    }

    /** {@link PackageToActive}: a generated project under {@code mvn plinth:run}, rebuilt {@code --kit-rounds} times. */
    private static void authorLoop(Bench.Context context, Results results, Duration bound) throws Exception {
        System.setProperty(ArchetypeProject.ARCHETYPE_PLUGIN_PROPERTY, context.option("--archetype-plugin"));
        Path work = Files.createDirectories(context.work().resolve("kit"));
        Measure.deleteContents(work);
        Path repository = LocalRepositoryOverlay.complete(Path.of(context.option("--kit-repository")),
                Path.of(context.option("--local-repository")));
        ArchetypeProject project = ArchetypeProject.generate(work, repository, context.option("--kit-version"),
                "com.example", "hello-plugin", "com.example.hello");
        MavenCommand.Outcome built = project.mvn().run(bound, "-q", "package", "-DskipTests");
        if (built.exitCode() != 0) {
            throw new IOException("the generated project does not build: " + built.output());
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<Long> micros = PackageToActive.measure(project, "hello-plugin", "Hello",
                context.integer("--kit-rounds"), port, bound);
        results.add(new Row(SECTION, "kit.package_to_enabled_ms", "mvn -q package ended -> new version enabled under"
                + " mvn plinth:run (median)", "ms", Figure.millisOfMicros(micros), null, null, "<= 500"));
        results.add(new Row(SECTION, "kit.package_to_enabled_max_ms", "mvn -q package ended -> new version enabled"
                + " (max of " + micros.size() + ")", "ms", Figure.of(micros.stream().mapToLong(Long::longValue).max()
                        .orElseThrow() / 1000.0), null, null, "<= 500"));
    }

    private static void measure(Bench.Context context, Results results, int jvms, int classes, Duration bound,
            List<String> jvmOptions, String key, String label) throws IOException, InterruptedException {
        List<Long> first = new ArrayList<>();
        List<Long> later = new ArrayList<>();
        for (int i = 0; i < jvms; i++) {
            List<Long> ready = oneJvm(context, classes, bound, jvmOptions);
            first.add(ready.get(0));
            later.addAll(ready.subList(1, ready.size()));
        }
        results.add(new Row(SECTION, key + ".first_ms", "test runtime ready (@PlinthTest, hello enabled), first class"
                + " in a JVM" + label, "ms", Figure.millisOfMicros(first), null, null, "median <= 1000"));
        if (!later.isEmpty()) {
            results.add(new Row(SECTION, key + ".later_ms", "test runtime ready, later classes in the same JVM" + label,
                    "ms", Figure.millisOfMicros(later), null, null, "median <= 1000"));
        }
    }

    private static List<Long> oneJvm(Bench.Context context, int classes, Duration bound, List<String> jvmOptions)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(context.javaHome().resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), KitBench.class.getName(),
                Integer.toString(classes)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<Long> ready = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith(READY)) {
                    ready.add(Long.parseLong(line.substring(READY.length()).strip()));
                } else {
                    output.add(line);
                }
            }
        }
        if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("the kit's JVM did not end within " + bound.toSeconds() + " s");
        }
        if (process.exitValue() != 0 || ready.size() != classes) {
            throw new IOException("the kit's JVM ended with " + process.exitValue() + ": " + String.join("\n", output));
        }
        return ready;
    }

    /** In a JVM of its own: starts and closes {@code args[0]} runtimes, printing each ready time in microseconds. */
    public static void main(String[] args) {
        int classes = Integer.parseInt(args[0]);
        Path hello = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> Path.of(entry).getFileName().toString().startsWith("dev.plinth.sample.hello"))
                .map(Path::of).findFirst()
                .orElseThrow(() -> new IllegalStateException("no hello sample on the class path"));
        for (int i = 0; i < classes; i++) {
            try (PlinthRuntime runtime = PlinthRuntime.start(new PlinthRuntime.Options().plugin(hello))) {
                System.out.println(READY + runtime.readyTime().toNanos() / 1000);
            }
        }
        // as a program that starts runtimes should: with Extra.CONSOLE, Gogo's session threads of the stopped
        // runtimes idle out only after 60 s (docs/testing.md#limits).
        System.exit(0);
    }
}
