package dev.plinth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plugin storage (issue 24): what storage adds to an upgrade that brings one small migration and to an enable of a
 * plugin that takes its DataSource and runs one query, on the embedded H2 and on a PostgreSQL server, each beside
 * the same plugin without storage in the same runtime. Measured from outside: the round trip of the console
 * command ({@code plugin:upgrade}, {@code plugin:enable}) typed into Plinth's console.
 *
 * <p>Per backend: one home; a first start installs and enables the plugins, then {@code --storage-starts} starts
 * each wait until the storage bundle's Flyway warm-up has ended (a thread dump of the runtime's JVM with
 * {@code jcmd}) and upgrade both plugins once (the first upgrade after a start; which goes first alternates); the
 * last start then upgrades each {@code --storage-runs} times more (warm) and disables and enables each as often.
 */
final class StorageBench {

    static final String SECTION = "Plugin storage";
    private static final String WARM_UP_THREAD = "plinth-storage-warm-up";
    private static final String WARM_UP_FRAME = "StorageComponent.warmUp";

    private StorageBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int starts = context.integer("--storage-starts");
        int runs = context.integer("--storage-runs");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("storage"));
        Measure.deleteContents(bench);
        List<StorageJars.Variant> variants = StorageJars.generate(bench.resolve("jars"), starts + runs);
        results.section(SECTION, "the same plugin without storage (no requirement, no migrations), same runtime");

        Map<String, Backend> measured = new LinkedHashMap<>();
        Backend h2 = new Backend("H2", Map.of());
        measured.put(h2.name, h2);
        List<String> failed = new ArrayList<>();
        try {
            h2.measure(context, bench.resolve("h2"), variants, starts, runs, null, bound);
        } catch (Exception e) {
            failed.add(stopped(results, h2, e, bench.resolve("h2")));
        }
        Backend postgres = null;
        try (BenchPostgres pg = BenchPostgres.start()) {
            postgres = new Backend("PostgreSQL", pg.environment());
            measured.put(postgres.name, postgres);
            results.note("storage: PostgreSQL is a throwaway server on 127.0.0.1 (" + pg.version()
                    + ", fsync off), started by the harness");
            postgres.measure(context, bench.resolve("postgresql"), variants, starts, runs, pg.configuration(), bound);
        } catch (Exception e) {
            failed.add(stopped(results, postgres == null ? new Backend("PostgreSQL", Map.of()) : postgres, e,
                    bench.resolve("postgresql")));
        }
        for (Backend backend : measured.values()) {
            backend.report(results);
        }
        if (failed.size() == 2) {
            throw new IOException(String.join("; ", failed));
        }
    }

    private static String stopped(Results results, Backend backend, Exception e, Path directory) {
        String note = "storage, " + backend.name + ": stopped: " + e.getMessage() + " (console: "
                + directory.resolve("console.out") + ")";
        results.note(note);
        System.out.println(note);
        e.printStackTrace(System.out);
        return note;
    }

    /** One backend's runtime and figures (microseconds, one list per measure and variant). */
    private static final class Backend {

        private final String name;
        private final Map<String, String> environment;
        private final Map<String, List<Long>> figures = new LinkedHashMap<>();
        private final List<String> warmUps = new ArrayList<>();
        private Path jcmd;

        Backend(String name, Map<String, String> environment) {
            this.name = name;
            this.environment = environment;
        }

        void measure(Bench.Context context, Path directory, List<StorageJars.Variant> variants, int starts,
                int runs, String configuration, Duration bound) throws IOException, InterruptedException {
            jcmd = context.javaHome().resolve("bin/jcmd");
            Path home = Files.createDirectories(directory.resolve("home"));
            PlinthRuntime runtime = PlinthRuntime.piped(context.plinthArchive(), context.javaHome(), List.of(),
                    context.plinthOptions()).withEnvironment(environment);
            runtime.prepare(home);
            if (configuration != null) {
                Files.writeString(home.resolve("etc/dev.plinth.storage.cfg.json"), configuration,
                        StandardCharsets.UTF_8);
            }
            List<String> install = new ArrayList<>();
            for (StorageJars.Variant variant : variants) {
                install.add(variant.first().toString());
                install.add(variant.enabledJar().toString());
            }
            session(runtime, home, directory, 0, bound, console -> {
                console.checked("plugin:install --enable " + String.join(" ", install));
                console.checked("plugin:list");
            });
            int upgrade = 0;
            for (int start = 1; start <= starts; start++) {
                int first = ++upgrade;
                boolean last = start == starts;
                int startNumber = start;
                session(runtime, home, directory, start, bound, console -> {
                    for (StorageJars.Variant variant : ordered(variants, startNumber)) {
                        add("upgrade.first", variant, upgrade(console, variant, first));
                    }
                    if (last) {
                        for (int run = 1; run <= runs; run++) {
                            for (StorageJars.Variant variant : ordered(variants, run)) {
                                add("upgrade.warm", variant, upgrade(console, variant, first + run));
                            }
                        }
                        for (int run = 1; run <= runs; run++) {
                            for (StorageJars.Variant variant : ordered(variants, run)) {
                                console.checked("plugin:disable " + variant.enabled());
                                add("enable", variant, console.checked("plugin:enable " + variant.enabled()).micros());
                            }
                        }
                        String list = console.checked("plugin:list").printed();
                        System.out.println(name + ": " + list.strip());
                    }
                });
                System.out.println("storage, " + name + ": start " + start + "/" + starts + " measured");
            }
        }

        private long upgrade(ConsoleDriver console, StorageJars.Variant variant, int n)
                throws IOException, InterruptedException {
            return console.checked("plugin:upgrade " + variant.upgraded() + " " + variant.next(n)).micros();
        }

        private void add(String measure, StorageJars.Variant variant, long micros) {
            figures.computeIfAbsent(measure + "." + variant.label(), k -> new ArrayList<>()).add(micros);
        }

        /** Which variant goes first alternates, so that neither always pays for a cold path of the manager. */
        private static List<StorageJars.Variant> ordered(List<StorageJars.Variant> variants, int round) {
            List<StorageJars.Variant> ordered = new ArrayList<>(variants);
            if (round % 2 == 0) {
                java.util.Collections.reverse(ordered);
            }
            return ordered;
        }

        interface Work {
            void on(ConsoleDriver console) throws IOException, InterruptedException;
        }

        /** Starts the runtime on {@code home}, waits for the end of the storage warm-up (after the first start), works, stops. */
        private void session(PlinthRuntime runtime, Path home, Path directory, int start, Duration bound, Work work)
                throws IOException, InterruptedException {
            Path console = directory.resolve("console-" + start + ".out");
            Process process = Measure.launch(runtime, home, console);
            try {
                Measure.awaitReady(runtime, process, console, bound);
                long ready = System.nanoTime();
                if (start > 0) {
                    warmUps.add(awaitWarmUp(runtime, process, ready, bound));
                }
                work.on(new ConsoleDriver(process, console, bound));
                Measure.stop(runtime, process, bound);
            } finally {
                Measure.kill(process);
            }
        }

        /**
         * Waits until the storage bundle's warm-up thread exists and no longer runs the warm-up, looking at thread
         * dumps; says when that was, or that no warm-up ran.
         */
        private String awaitWarmUp(PlinthRuntime runtime, Process process, long ready, Duration bound)
                throws IOException, InterruptedException {
            long pid = Measure.javaProcess(process).pid();
            long deadline = ready + bound.toNanos();
            boolean seenRunning = false;
            long noThreadSince = System.nanoTime();
            while (System.nanoTime() - deadline < 0) {
                String dump = threadDump(jcmd, pid);
                boolean thread = dump.contains("\"" + WARM_UP_THREAD + "\"");
                boolean running = thread && dump.contains(WARM_UP_FRAME);
                seenRunning |= running;
                if (thread && !running) {
                    long after = (System.nanoTime() - ready) / 1_000_000;
                    return seenRunning ? "ended " + after + " ms after the ready line"
                            : "had ended when first looked at, " + after + " ms after the ready line";
                }
                if (!thread && System.nanoTime() - noThreadSince > Duration.ofSeconds(10).toNanos()) {
                    return "no warm-up thread within 10 s of the ready line";
                }
                Thread.sleep(50);
            }
            return "still running " + bound.toSeconds() + " s after the ready line";
        }

        private static String threadDump(Path jcmd, long pid) throws IOException, InterruptedException {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            String dump = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return dump;
        }

        void report(Results results) {
            if (!warmUps.isEmpty()) {
                results.note("storage, " + name + ": Flyway warm-up before the first upgrade of each start: "
                        + String.join("; ", warmUps));
            }
            boolean h2 = name.equals("H2");
            rows(results, "upgrade.first", "upgrade, 1 migration, first after a start", h2 ? "adds <= 100" : "");
            rows(results, "upgrade.warm", "upgrade, 1 migration, warm", h2 ? "adds <= 100" : "");
            rows(results, "enable", "enable, DataSource + 1 query", "adds <= 50");
        }

        private void rows(Results results, String measure, String words, String target) {
            List<Long> with = figures.getOrDefault(measure + ".with storage", List.of());
            List<Long> without = figures.getOrDefault(measure + ".without storage", List.of());
            if (with.isEmpty() || without.isEmpty()) {
                return;
            }
            String key = "storage." + name.toLowerCase(java.util.Locale.ROOT) + "." + measure.replace('.', '_');
            String label = name + ": " + words;
            results.add(new Row(SECTION, key + ".ms", label + " (median)", "ms", Figure.millisOfMicros(with),
                    Figure.millisOfMicros(without), null, ""));
            long[] w = with.stream().mapToLong(Long::longValue).toArray();
            long[] wo = without.stream().mapToLong(Long::longValue).toArray();
            results.add(new Row(SECTION, key + ".p90_ms", label + " (p90)", "ms",
                    Figure.of(Stats.percentile(w, 90) / 1000.0), Figure.of(Stats.percentile(wo, 90) / 1000.0), null,
                    ""));
            results.add(new Row(SECTION, key + ".added_ms", label + ": storage adds (median)", "ms",
                    Figure.of((Stats.median(w) - Stats.median(wo)) / 1000.0), null, null, target));
            results.add(new Row(SECTION, key + ".added_p90_ms", label + ": storage adds (p90)", "ms",
                    Figure.of((Stats.percentile(w, 90) - Stats.percentile(wo, 90)) / 1000.0), null, null, ""));
        }
    }
}
