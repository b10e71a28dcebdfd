package dev.plinth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * The operator's verbs on many plugins at once, typed into each runtime's console: for Plinth its
 * {@code plugin:} commands, which call the plugin manager's API (a batch install with enable, a batch
 * remove, an upgrade); for bare Felix the Gogo commands an operator would use ({@code start} of the jars'
 * URLs, {@code uninstall} dependents first, {@code update} then {@code refresh}). Measured: chains of
 * several lengths to all ACTIVE and all UNINSTALLED, and the upgrade of a base plugin that a number of
 * plugins import, beside as many plugins that do not: how long until the base and its dependents run
 * again, and how many bundles were stopped on the way (the closure only, base included, is the target).
 */
final class ApiBench {

    static final String SCALE = "Scale, manager API";
    static final String UPGRADE = "Upgrade";
    private static final String BASE = "bench.base";
    private static final String PLINTH = "Plinth";
    private static final String FELIX = "Felix+Gogo";

    private ApiBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        List<Integer> sizes = context.integers("--chains");
        int runs = context.integer("--chain-runs");
        int dependents = context.integer("--dependents");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("api"));
        Measure.deleteContents(bench);
        Path jarDir = bench.resolve("jars");
        DeployJars jars = DeployJars.generate(jarDir, sizes.stream().mapToInt(Integer::intValue).max().orElse(0));
        UpgradeJars upgrade = UpgradeJars.generate(jarDir.resolve("upgrade"), dependents, runs);

        Path plinthDir = bench.resolve("plinth");
        Path felixDir = bench.resolve("felix");
        Runtime plinth = PlinthRuntime.piped(context.plinthArchive(), context.javaHome(), List.of(jars.probe()),
                DeployTarget.withProbeOption(context.plinthOptions(), plinthDir));
        Runtime felix = FelixRuntime.withGogo(FELIX, context.inputs().resolve("felix-main.jar"),
                context.inputs().resolve("felix-bundles"), List.of(jars.probe()),
                List.of(DeployTarget.probeOption(felixDir)), context.javaHome());
        List<Driven> runtimes = List.of(new Driven(plinth, plinthDir, new PlinthCommands()),
                new Driven(felix, felixDir, new FelixCommands()));

        Map<String, Map<String, List<Long>>> figures = new LinkedHashMap<>();
        for (Driven driven : runtimes) {
            Map<String, List<Long>> measured = new LinkedHashMap<>();
            figures.put(driven.runtime.name(), measured);
            try {
                driven.measure(jars, sizes, runs, upgrade, bound, measured);
            } catch (Exception e) {
                String note = driven.runtime.name() + ": stopped measuring the manager API: " + e.getMessage()
                        + " (console: " + driven.console() + ")";
                results.note(note);
                System.out.println(note);
                if (measured.values().stream().allMatch(List::isEmpty)) {
                    throw new IOException(note, e);
                }
            }
        }
        report(results, figures, sizes, dependents);
    }

    private static void report(Results results, Map<String, Map<String, List<Long>>> figures, List<Integer> sizes,
            int dependents) {
        results.section(SCALE, "bare Felix 7.0.5 driven from its Gogo shell: start <urls>, uninstall <names>");
        results.section(UPGRADE, "bare Felix 7.0.5 driven from its Gogo shell: update, then refresh");
        for (int size : sizes) {
            results.add(new Row(SCALE, "scale.api.chain" + size + ".active_ms",
                    size + "-chain installed and enabled -> all ACTIVE", "ms", millis(figures, PLINTH, active(size)),
                    millis(figures, FELIX, active(size)), null, ""));
            results.add(new Row(SCALE, "scale.api.chain" + size + ".removed_ms",
                    size + "-chain removed -> all UNINSTALLED", "ms", millis(figures, PLINTH, removed(size)),
                    millis(figures, FELIX, removed(size)), null, ""));
        }
        if (sizes.size() >= 2) {
            results.add(new Row(SCALE, "scale.api.active_exponent", "all ACTIVE: time grows as N^k, k =", "",
                    exponent(figures, PLINTH, sizes, ApiBench::active), exponent(figures, FELIX, sizes,
                            ApiBench::active), null, "~1 (linear)"));
            results.add(new Row(SCALE, "scale.api.removed_exponent", "all UNINSTALLED: time grows as N^k, k =", "",
                    exponent(figures, PLINTH, sizes, ApiBench::removed), exponent(figures, FELIX, sizes,
                            ApiBench::removed), null, "~1 (linear)"));
        }
        results.add(new Row(UPGRADE, "upgrade.base" + dependents + ".ms", "base with " + dependents
                + " dependents upgraded -> all running again", "ms", millis(figures, PLINTH, "upgrade"),
                millis(figures, FELIX, "upgrade"), null, ""));
        results.add(new Row(UPGRADE, "upgrade.base" + dependents + ".restarted", "bundles stopped and started again ("
                + dependents + " bystanders installed)", "bundles", count(figures, PLINTH), count(figures, FELIX), null,
                (dependents + 1) + ": the closure only"));
    }

    private static String active(int size) {
        return size + " active";
    }

    private static String removed(int size) {
        return size + " removed";
    }

    private static Figure millis(Map<String, Map<String, List<Long>>> figures, String runtime, String measure) {
        List<Long> micros = figures.getOrDefault(runtime, Map.of()).getOrDefault(measure, List.of());
        return micros.isEmpty() ? null : Figure.millisOfMicros(micros);
    }

    private static Figure count(Map<String, Map<String, List<Long>>> figures, String runtime) {
        List<Long> counts = figures.getOrDefault(runtime, Map.of()).getOrDefault("restarted", List.of());
        return counts.isEmpty() ? null : new Figure(counts.stream().map(Long::doubleValue).toList());
    }

    private static Figure exponent(Map<String, Map<String, List<Long>>> figures, String runtime, List<Integer> sizes,
            IntFunction<String> measure) {
        return Growth.fitted(sizes, size -> millis(figures, runtime, measure.apply(size)));
    }

    /** The jars of the upgrade: the base at 1.0.0 and one later version per run, its dependents, bystanders. */
    record UpgradeJars(Path base, List<Path> nextVersions, List<Path> dependents, List<String> dependentNames,
            List<Path> bystanders) {

        static UpgradeJars generate(Path directory, int dependents, int runs) throws IOException {
            Path base = BundleJars.bundle(directory.resolve(BASE + "-1.0.0.jar"), BASE, "1.0.0", null);
            List<Path> next = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                next.add(BundleJars.bundle(directory.resolve("next").resolve(BASE + "-1." + run + ".0.jar"), BASE,
                        "1." + run + ".0", null));
            }
            List<Path> dependentJars = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < dependents; i++) {
                String name = String.format("bench.dependent.p%04d", i);
                names.add(name);
                dependentJars.add(BundleJars.bundle(directory.resolve(name + "-1.0.0.jar"), name, "1.0.0", BASE));
            }
            return new UpgradeJars(base, next, dependentJars, names,
                    BundleJars.independent(directory.resolve("bystanders"), "bench.bystander", dependents));
        }

        List<Path> all() {
            List<Path> all = new ArrayList<>(List.of(base));
            all.addAll(dependents);
            all.addAll(bystanders);
            return all;
        }

        List<String> closure() {
            List<String> closure = new ArrayList<>(List.of(BASE));
            closure.addAll(dependentNames);
            return closure;
        }
    }

    /** How each runtime's console says the verbs. */
    interface Commands {

        /** Installs and starts the jars, in the order given, as one command. */
        String installAndStart(List<Path> jars, Path scripts) throws IOException;

        /** Removes the bundles of {@code names}, given providers first. */
        String remove(List<String> names, Path scripts) throws IOException;

        String upgrade(String name, Path jar);
    }

    private static final class PlinthCommands implements Commands {

        @Override
        public String installAndStart(List<Path> jars, Path scripts) {
            return "plugin:install --enable " + jars.stream().map(Path::toString).collect(Collectors.joining(" "));
        }

        @Override
        public String remove(List<String> names, Path scripts) {
            return "plugin:remove " + String.join(" ", names);
        }

        @Override
        public String upgrade(String name, Path jar) {
            return "plugin:upgrade " + name + " " + jar;
        }
    }

    /** Long argument lists go through a script file, so that the console's line editor is not what is measured. */
    private static final class FelixCommands implements Commands {

        private int scripts;

        @Override
        public String installAndStart(List<Path> jars, Path directory) throws IOException {
            return script(directory, "start " + jars.stream().map(jar -> jar.toUri().toString())
                    .collect(Collectors.joining(" ")));
        }

        @Override
        public String remove(List<String> names, Path directory) throws IOException {
            List<String> dependentsFirst = new ArrayList<>(names);
            Collections.reverse(dependentsFirst);
            return script(directory, "uninstall " + String.join(" ", dependentsFirst));
        }

        @Override
        public String upgrade(String name, Path jar) {
            return "update " + name + " " + jar.toUri() + " ; refresh " + name;
        }

        private String script(Path directory, String command) throws IOException {
            Path script = Files.createDirectories(directory).resolve("command-" + (++scripts) + ".gogo");
            Files.writeString(script, command + "\n", StandardCharsets.UTF_8);
            return "source " + script.toUri();
        }
    }

    /** One runtime, started once, driven through its console while the probe stamps the bundle events. */
    private static final class Driven {

        private final Runtime runtime;
        private final Path directory;
        private final Commands commands;

        Driven(Runtime runtime, Path directory, Commands commands) {
            this.runtime = runtime;
            this.directory = directory;
            this.commands = commands;
        }

        Path console() {
            return directory.resolve("console.out");
        }

        void measure(DeployJars jars, List<Integer> sizes, int runs, UpgradeJars upgrade, Duration bound,
                Map<String, List<Long>> figures) throws IOException, InterruptedException {
            Path home = Files.createDirectories(directory.resolve("home"));
            Path scripts = directory.resolve("scripts");
            runtime.prepare(home);
            Process process = Measure.launch(runtime, home, console());
            try {
                ProbeLog probe = new ProbeLog(DeployTarget.probeFile(directory), process::isAlive);
                Measure.awaitReady(runtime, process, console(), bound);
                probe.await(0, line -> true, "the probe's first line", bound);
                for (int size : sizes) {
                    List<Path> chain = jars.chain().subList(0, size);
                    List<String> names = jars.chainNames().subList(0, size);
                    for (int run = 1; run <= runs; run++) {
                        int mark = probe.mark();
                        long sent = send(process, commands.installAndStart(chain, scripts));
                        figures.computeIfAbsent(active(size), k -> new ArrayList<>())
                                .add(probe.awaitAll(mark, ProbeLine.STARTED, names, bound) - sent);
                        mark = probe.mark();
                        sent = send(process, commands.remove(names, scripts));
                        figures.computeIfAbsent(removed(size), k -> new ArrayList<>())
                                .add(probe.awaitAll(mark, ProbeLine.UNINSTALLED, names, bound) - sent);
                        System.out.println(runtime.name() + ": " + size + "-chain through the console, run " + run
                                + "/" + runs + " done");
                    }
                }
                upgrade(process, probe, upgrade, scripts, bound, figures);
                Measure.stop(runtime, process, bound);
            } finally {
                Measure.kill(process);
            }
        }

        private void upgrade(Process process, ProbeLog probe, UpgradeJars jars, Path scripts, Duration bound,
                Map<String, List<Long>> figures) throws IOException, InterruptedException {
            List<String> all = new ArrayList<>(jars.closure());
            all.addAll(jars.bystanders().stream().map(jar -> jar.getFileName().toString().replace("-1.0.0.jar", ""))
                    .toList());
            int mark = probe.mark();
            send(process, commands.installAndStart(jars.all(), scripts));
            probe.awaitAll(mark, ProbeLine.STARTED, all, bound);
            for (Path next : jars.nextVersions()) {
                mark = probe.mark();
                long sent = send(process, commands.upgrade(BASE, next));
                long done = probe.awaitAll(mark, ProbeLine.STARTED, jars.closure(), bound);
                Set<String> stopped = new HashSet<>();
                for (ProbeLine line : probe.lines().subList(mark, probe.lines().size())) {
                    if (line.event().equals(ProbeLine.STOPPED) && line.micros() <= done) {
                        stopped.add(line.symbolicName());
                    }
                }
                figures.computeIfAbsent("upgrade", k -> new ArrayList<>()).add(done - sent);
                figures.computeIfAbsent("restarted", k -> new ArrayList<>()).add((long) stopped.size());
                System.out.println(runtime.name() + ": upgrade to " + next.getFileName() + " done, " + stopped.size()
                        + " bundles restarted");
            }
        }

        /** Types the command into the console; returns when it was sent, in the probe's microseconds. */
        private static long send(Process process, String command) throws IOException {
            long sent = ProbeLine.now();
            process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            return sent;
        }
    }
}
