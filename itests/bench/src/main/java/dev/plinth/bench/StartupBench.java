package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Start time and memory of Plinth beside bare Felix with the Gogo shell, in the same run on the same
 * machine: for each, a first boot on a fresh home and a restart on the home the first boot left, with the
 * default boot set and with generated plugins enabled. Ready is the runtime's own ready signal (Plinth's
 * ready line, Gogo's prompt); for Plinth the time until its REST API answers {@code GET /api/plugins}
 * (listing every plugin enabled) is measured too. Peak RSS is the process's high-water mark two seconds
 * after both.
 */
final class StartupBench {

    static final String SECTION = "Startup";

    private StartupBench() {
    }

    static void run(Bench.Context context, Results results) throws IOException, InterruptedException {
        int runs = context.integer("--runs");
        int pluginCount = context.integer("--plugins-at-boot");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("startup"));
        Measure.deleteContents(bench);
        List<Path> plugins = BundleJars.independent(bench.resolve("jars"), "bench.boot", pluginCount);
        Path inputs = context.inputs();
        Path felixBundles = inputs.resolve("felix-bundles");

        Path karafArchive = inputs.resolve("karaf.tar.gz");
        KarafRuntime karaf = Files.isRegularFile(karafArchive) ? new KarafRuntime(KarafRuntime.NAME, karafArchive,
                context.javaHome(), List.of(), context.karafOptions(), null) : null;
        if (karaf == null) {
            results.note("startup: no Karaf archive in the inputs: no Karaf column");
        }
        Variant plain = new Variant("default boot set", context.plinth(),
                FelixRuntime.withGogo(inputs.resolve("felix-main.jar"), felixBundles, List.of(), context.javaHome()),
                List.of(), 0, karaf);
        Variant loaded = new Variant(pluginCount + " plugins enabled",
                context.plinth(),
                FelixRuntime.withGogo(inputs.resolve("felix-main.jar"), felixBundles, plugins, context.javaHome()),
                plugins, pluginCount, null);
        results.section(SECTION, "bare Felix 7.0.5 with Gogo (the same plugins in bundle/ when there are plugins)");
        for (Variant variant : List.of(plain, loaded)) {
            for (int run = 1; run <= runs; run++) {
                variant.measure(bench.resolve("runs"), bound);
                System.out.println("startup, " + variant.name + ": run " + run + "/" + runs + " done");
            }
            variant.report(results);
        }
        StartupTimeline.run(context, results, bench.resolve("timeline"), runs, bound);
    }

    /** A boot set measured on Plinth and on Felix: first boots and restarts, each run on a fresh home. */
    private static final class Variant {

        private final String name;
        private final PlinthRuntime plinth;
        private final FelixRuntime felix;
        private final List<Path> plugins;
        private final int pluginCount;
        private final List<Sample> plinthFirst = new ArrayList<>();
        private final List<Sample> plinthRestart = new ArrayList<>();
        private final List<Sample> felixFirst = new ArrayList<>();
        private final List<Sample> felixRestart = new ArrayList<>();
        private final KarafRuntime karaf;
        private final List<Sample> karafFirst = new ArrayList<>();
        private final List<Sample> karafRestart = new ArrayList<>();

        Variant(String name, PlinthRuntime plinth, FelixRuntime felix, List<Path> plugins, int pluginCount,
                KarafRuntime karaf) {
            this.karaf = karaf;
            this.name = name;
            this.plinth = plinth;
            this.felix = felix;
            this.plugins = plugins;
            this.pluginCount = pluginCount;
        }

        void measure(Path runs, Duration bound) throws IOException, InterruptedException {
            Path home = Files.createDirectories(runs.resolve("plinth"));
            Measure.deleteContents(home);
            plinth.prepare(home);
            for (Path jar : plugins) {
                Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()));
            }
            RestAnswer rest = new RestAnswer(home);
            Measure.Answered answered = () -> rest.answers(body -> RestAnswer.enabled(body) == pluginCount);
            plinthFirst.add(Measure.start(plinth, home, bound, answered));
            Measure.awaitClassArchive(home, bound);
            plinthRestart.add(Measure.start(plinth, home, bound, answered));

            Path felixHome = Files.createDirectories(runs.resolve("felix"));
            Measure.deleteContents(felixHome);
            felix.prepare(felixHome);
            felixFirst.add(Measure.start(felix, felixHome, bound));
            felixRestart.add(Measure.start(felix, felixHome, bound));

            if (karaf != null) {
                Path karafHome = Files.createDirectories(runs.resolve("karaf"));
                Measure.deleteContents(karafHome);
                karaf.prepare(karafHome);
                karafFirst.add(karafStart(karafHome, bound));
                karafRestart.add(karafStart(karafHome, bound));
            }
        }

        /**
         * Karaf started, ready when its SSH port accepts a connection (polled every 5 ms), answered when
         * {@code bin/client "echo hi"}, started from the harness as a second process once the port is open and
         * again after each failure, exits with 0; peak RSS {@link Measure#SETTLED_AFTER} later.
         */
        private Sample karafStart(Path home, Duration bound) throws IOException, InterruptedException {
            Path output = Files.createTempFile("bench-karaf-", ".out");
            Map<String, String> env = Map.of("JAVA_HOME", karaf.environment().get("JAVA_HOME"), "TERM", "xterm");
            List<String> echo = KarafRuntime.client(home, "echo hi");
            long spawned = System.nanoTime();
            Process process = Measure.launch(karaf, home, output);
            try {
                Await.until("Karaf's SSH port", bound, Duration.ofMillis(5), () -> {
                    if (!process.isAlive()) {
                        throw new IOException("Karaf exited " + process.exitValue() + ": " + Files.readString(output));
                    }
                    return KarafRuntime.sshOpen(home);
                });
                long open = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
                Await.until("Karaf's first bin/client command", bound, Duration.ofMillis(5),
                        () -> AttachBench.succeeds(echo, env, bound));
                long answered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
                Thread.sleep(Measure.SETTLED_AFTER.toMillis());
                long rss = Measure.peakRssKib(Measure.javaProcess(process));
                Measure.stop(karaf, process, bound);
                return new Sample(open, answered, rss);
            } finally {
                Measure.kill(process);
                Files.deleteIfExists(output);
            }
        }

        void report(Results results) {
            String key = pluginCount == 0 ? "startup" : "startup.plugins" + pluginCount;
            boolean targets = pluginCount == 0;
            String answer = pluginCount == 0 ? "REST answered" : "REST lists all " + pluginCount + " enabled";
            String ready = karaf == null ? "" : "; Karaf: SSH port open";
            String answeredBy = karaf == null ? "" : "; Karaf: first bin/client command answered";
            row(results, key + ".first_boot.ready_ms", "first boot, ready line (" + name + ")" + ready, "ms",
                    plinthFirst, felixFirst, karafFirst, Sample::readyMillis, targets ? "<= 600" : "");
            row(results, key + ".first_boot.rest_answered_ms", "first boot, " + answer + answeredBy, "ms", plinthFirst,
                    null, karafFirst, Sample::answeredMillis, "");
            row(results, key + ".first_boot.peak_rss_mib", "first boot, peak RSS", "MiB", plinthFirst, felixFirst,
                    karafFirst, sample -> sample.peakRssKib() / 1024, targets ? "<= 110" : "");
            row(results, key + ".restart.ready_ms", "restart, ready line (" + name + ")" + ready, "ms", plinthRestart,
                    felixRestart, karafRestart, Sample::readyMillis, targets ? "<= 500" : "");
            row(results, key + ".restart.rest_answered_ms", "restart, " + answer + answeredBy, "ms", plinthRestart,
                    null, karafRestart, Sample::answeredMillis, targets ? "<= 650" : "");
            row(results, key + ".restart.peak_rss_mib", "restart, peak RSS", "MiB", plinthRestart, felixRestart,
                    karafRestart, sample -> sample.peakRssKib() / 1024, targets ? "<= 110" : "");
        }

        private static void row(Results results, String key, String measure, String unit, List<Sample> plinth,
                List<Sample> felix, List<Sample> karaf, ToLongFunction<Sample> figure, String target) {
            results.add(new Row(SECTION, key, measure, unit, figure(plinth, figure), figure(felix, figure), null,
                    target, figure(karaf, figure)));
        }

        private static Figure figure(List<Sample> samples, ToLongFunction<Sample> figure) {
            if (samples == null || samples.isEmpty()) {
                return null;
            }
            return Figure.of(samples.stream().mapToLong(figure).asDoubleStream().toArray());
        }
    }
}
