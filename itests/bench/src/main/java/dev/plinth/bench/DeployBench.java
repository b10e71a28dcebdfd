package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

import dev.plinth.bench.probe.Probe;

/**
 * Hot deploy of Plinth's watched deploy directory beside bare Felix with Apache Felix FileInstall
 * (default poll of 2 s, and a poll of 50 ms), in the same run with the same JDK and the same jars:
 * how long from a jar moved into the directory to its bundle ACTIVE, from its deletion to its bundle
 * UNINSTALLED, and the same for chains of several lengths, each bundle importing the package of the one
 * before, with the exponent of the time's growth with the length; and Plinth's chains beside their floor
 * ({@link ChainFloor}: Felix alone, one run after each of Plinth's).
 * A probe bundle in each runtime stamps the bundle events (see {@link Probe}); the harness waits on
 * the probe's file, never on fixed sleeps.
 */
final class DeployBench {

    static final String SECTION = "Hot deploy";
    static final String SCALE = "Scale, deploy directory";
    static final String FLOOR = "Scale, deploy directory beside its floor";
    static final String PLINTH = "Plinth";
    static final String POLL_50 = "Felix+FileInstall poll=50";
    static final String DEFAULT_POLL = "Felix+FileInstall (default poll)";
    static final String KARAF = "Karaf 4.4.10 (deploy/, default poll)";

    private DeployBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        List<Integer> sizes = context.integers("--chains");
        DeployRun.Settings settings = new DeployRun.Settings(context.integer("--repeats"), sizes,
                context.integer("--chain-runs"), Duration.ofMillis(context.integer("--pause")),
                Duration.ofSeconds(context.integer("--bound")));
        Path javaHome = context.javaHome();
        Path inputs = context.inputs();
        Path bench = Files.createDirectories(context.work().resolve("deploy"));
        Measure.deleteContents(bench);
        DeployJars jars = DeployJars.generate(bench.resolve("jars"), sizes.stream().mapToInt(Integer::intValue)
                .max().orElse(0));

        List<DeployTarget> targets = new java.util.ArrayList<>(List.of(plinth(bench.resolve("plinth"), inputs,
                jars.probe(), javaHome, context.plinthOptions()),
                fileInstall(POLL_50, bench.resolve("felix-fileinstall-poll50"), 50, inputs, jars.probe(), javaHome),
                fileInstall(DEFAULT_POLL, bench.resolve("felix-fileinstall"), null, inputs, jars.probe(), javaHome)));
        if (Files.isRegularFile(inputs.resolve("karaf.tar.gz"))) {
            targets.add(karaf(bench.resolve("karaf"), inputs, jars.probe(), javaHome, context.karafOptions()));
        } else {
            results.note("deploy: no Karaf archive in the inputs: no Karaf column");
        }
        int referenceMax = context.integer("--reference-chain-max");
        List<Integer> referenceSizes = sizes.stream().filter(size -> size <= referenceMax).toList();
        if (referenceSizes.size() < sizes.size()) {
            results.note("FileInstall is measured with chains of up to " + referenceMax + " bundles "
                    + "(bench.reference.chain.max): in trials, its removal of a 2000-chain went on for minutes");
        }
        Map<String, Map<String, List<Long>>> figures = new LinkedHashMap<>();
        Map<Integer, List<Map<String, Double>>> floor = new LinkedHashMap<>();
        boolean broken = false;
        try (ChainFloorSession beside = floor(context, targets.get(0), jars, bench)) {
            broken = measure(targets, jars, settings, referenceSizes, beside, figures, floor, results);
        } catch (IOException e) {
            results.note("the chains' floor left files behind: " + e.getMessage());
        }
        report(results, figures, sizes, floor);
        if (broken) {
            throw new IOException("a runtime gave no deploy figures at all");
        }
    }

    /**
     * Measures each target in turn, Plinth with a floor run after each of its chain runs ({@code beside}, null for no
     * floor); returns whether a runtime gave no figure at all.
     */
    private static boolean measure(List<DeployTarget> targets, DeployJars jars, DeployRun.Settings settings,
            List<Integer> referenceSizes, ChainFloorSession beside, Map<String, Map<String, List<Long>>> figures,
            Map<Integer, List<Map<String, Double>>> floor, Results results) throws InterruptedException {
        boolean broken = false;
        for (DeployTarget target : targets) {
            String name = target.runtime().name();
            System.out.println(name + ": measuring " + settings.repeats() + " single-jar repeats and "
                    + settings.chainRuns() + " runs of each chain");
            Map<String, List<Long>> measured = new LinkedHashMap<>();
            String note = null;
            try {
                DeployRun.Settings own = name.equals(PLINTH) ? settings : settings.withChainSizes(referenceSizes);
                DeployRun.AfterChain after = beside == null || !name.equals(PLINTH) ? DeployRun.AfterChain.NONE
                        : size -> floorRun(beside, size, settings.bound(), floor, results);
                if (!new DeployRun(target, jars, own, System.out, after).measure(measured)) {
                    note = name + ": no deploy bundle in this distribution (no " + target.watcherJar() + ")";
                }
            } catch (Exception e) {
                // The figures taken before the failure stay; a runtime that gave none means a broken harness or runtime.
                broken |= measured.values().stream().allMatch(List::isEmpty);
                note = name + ": stopped measuring: " + e.getMessage() + " (console: " + target.console() + ")";
            }
            if (note != null) {
                results.note(note);
                System.out.println(note);
            }
            figures.put(name, measured);
        }
        return broken;
    }

    /**
     * The rows: single jar (median and p95), each chain size, the fitted growth of each chain measure, and Plinth's
     * chains beside their floor ({@link ChainFloor}), with the floor's phases of the longest chain as a timeline.
     */
    static void report(Results results, Map<String, Map<String, List<Long>>> figures, List<Integer> sizes,
            Map<Integer, List<Map<String, Double>>> floor) {
        results.section(SECTION, POLL_50 + " (Felix 7.0.5, FileInstall 3.7.4)");
        results.section(SCALE, POLL_50 + "; a chain: each bundle imports the package of the one before");
        row(results, SECTION, "deploy.single.active_ms", "jar moved into deploy/ -> ACTIVE", DeployRun.SINGLE_ACTIVE,
                figures, "median <= 50", false);
        row(results, SECTION, "deploy.single.active_p95_ms", "jar moved into deploy/ -> ACTIVE, p95",
                DeployRun.SINGLE_ACTIVE, figures, "<= 100", true);
        row(results, SECTION, "deploy.single.removed_ms", "jar deleted -> UNINSTALLED", DeployRun.SINGLE_REMOVED,
                figures, "median <= 50", false);
        for (int size : sizes) {
            row(results, SCALE, "scale.deploy.chain" + size + ".active_ms", size + "-chain moved in -> all ACTIVE",
                    DeployRun.chainActive(size), figures, chainTarget(size), false);
            row(results, SCALE, "scale.deploy.chain" + size + ".removed_ms", size + "-chain deleted -> all UNINSTALLED",
                    DeployRun.chainRemoved(size), figures, size == 500 ? "<= 1000" : "", false);
        }
        if (sizes.size() >= 2) {
            growth(results, SCALE, "scale.deploy.active_exponent", "all ACTIVE: time grows as N^k, k =", sizes,
                    DeployRun::chainActive, figures);
            growth(results, SCALE, "scale.deploy.removed_exponent", "all UNINSTALLED: time grows as N^k, k =", sizes,
                    DeployRun::chainRemoved, figures);
        }
        if (!floor.isEmpty()) {
            results.section(FLOOR, "the floor: Felix 7.0.5 alone in a program of its own keeps, installs, resolves and "
                    + "starts the same jars");
        }
        String last = ChainFloor.PHASES.get(ChainFloor.PHASES.size() - 1);
        floor.forEach((size, runs) -> results.add(new Row(FLOOR, "scale.deploy.chain" + size + ".floor_ms",
                size + "-chain moved in -> all ACTIVE", "ms",
                figure(figures, PLINTH, DeployRun.chainActive(size), false),
                new Figure(runs.stream().map(run -> run.get(last)).toList()), null, "")));
        floor.keySet().stream().max(Integer::compare).ifPresent(size -> results.timeline("The " + size
                + "-chain's floor: Felix alone in one program, Plinth's conf/jvm.options (ms from the first copy; "
                + floor.get(size).size() + " runs)", StartupTimeline.phases(floor.get(size))));
    }

    /** The target of a chain's moved-in row: the 500-chain's and the 2000-chain's (issue 29); none for others. */
    static String chainTarget(int size) {
        return switch (size) {
            case 500 -> "<= 1500";
            case 2000 -> "<= 2500";
            default -> "";
        };
    }

    private static void row(Results results, String section, String key, String measure, String figureName,
            Map<String, Map<String, List<Long>>> figures, String target, boolean p95) {
        Figure plinth = figure(figures, PLINTH, figureName, p95);
        Figure poll50 = figure(figures, POLL_50, figureName, p95);
        Figure defaultPoll = figure(figures, DEFAULT_POLL, figureName, p95);
        Figure karaf = figure(figures, KARAF, figureName, p95);
        if (plinth != null || poll50 != null || defaultPoll != null || karaf != null) {
            results.add(new Row(section, key, measure, "ms", plinth, poll50, defaultPoll, target, karaf));
        }
    }

    private static Figure figure(Map<String, Map<String, List<Long>>> figures, String runtime, String measure,
            boolean p95) {
        List<Long> micros = figures.getOrDefault(runtime, Map.of()).getOrDefault(measure, List.of());
        if (micros.isEmpty()) {
            return null;
        }
        if (p95) {
            return Figure.of(Stats.percentile(micros.stream().mapToLong(Long::longValue).toArray(), 95) / 1000.0);
        }
        return Figure.millisOfMicros(micros);
    }

    /** The exponent fitted to the medians of the sizes measured, for each runtime with two sizes or more. */
    static void growth(Results results, String section, String key, String measure, List<Integer> sizes,
            IntFunction<String> figureName, Map<String, Map<String, List<Long>>> figures) {
        Figure plinth = Growth.fitted(sizes, size -> figure(figures, PLINTH, figureName.apply(size), false));
        Figure poll50 = Growth.fitted(sizes, size -> figure(figures, POLL_50, figureName.apply(size), false));
        Figure defaultPoll = Growth.fitted(sizes,
                size -> figure(figures, DEFAULT_POLL, figureName.apply(size), false));
        Figure karaf = Growth.fitted(sizes, size -> figure(figures, KARAF, figureName.apply(size), false));
        if (plinth != null || poll50 != null || defaultPoll != null || karaf != null) {
            results.add(new Row(section, key, measure, "", plinth, poll50, defaultPoll, "~1 (linear)", karaf));
        }
    }

    /**
     * The chains' floor beside Plinth ({@link ChainFloorSession}): Felix alone with the options of Plinth's
     * {@code conf/jvm.options}, one run after each of Plinth's chain runs; null without a chain.
     */
    private static ChainFloorSession floor(Bench.Context context, DeployTarget plinth, DeployJars jars, Path bench) {
        if (jars.chain().isEmpty()) {
            return null;
        }
        return new ChainFloorSession(context.javaHome(), plinth.home().resolve("conf/jvm.options"),
                context.inputs().resolve("felix-main.jar"), bench.resolve("floor"), jars.chain().get(0).getParent());
    }

    /** One floor run, added to {@code floor}; a failure is a note and ends the floor, not Plinth's measurement. */
    static void floorRun(ChainFloorSession beside, int size, Duration bound,
            Map<Integer, List<Map<String, Double>>> floor, Results results) throws InterruptedException {
        if (beside.failed()) {
            return;
        }
        try {
            Map<String, Double> ends = beside.run(size, bound);
            floor.computeIfAbsent(size, k -> new ArrayList<>()).add(ends);
        } catch (IOException e) {
            results.note("the chains' floor was not measured further: " + e.getMessage());
        }
    }

    /** Plinth from its archive, with the probe in system/ and its file named in PLINTH_OPTS. */
    private static DeployTarget plinth(Path directory, Path inputs, Path probeJar, Path javaHome,
            List<String> options) {
        Runtime runtime = new PlinthRuntime(inputs.resolve("plinth.tar.gz"), javaHome, List.of(probeJar),
                DeployTarget.withProbeOption(options, directory));
        return new DeployTarget(runtime, directory, "deploy", "dev.plinth.deploy", "system/dev.plinth.deploy*.jar");
    }

    /**
     * Karaf 4.4.10 as shipped watching its deploy/ (FileInstall, poll 1000 ms), with the probe dropped into deploy/
     * when the home is laid out (FileInstall installs it at start) and its file named in {@code EXTRA_JAVA_OPTS};
     * ready once the probe prints that it records. The watcher's jar lies deeper than the check looks, so the check
     * looks for Karaf's script.
     */
    private static DeployTarget karaf(Path directory, Path inputs, Path probeJar, Path javaHome,
            List<String> options) {
        Runtime runtime = new KarafRuntime(KARAF, inputs.resolve("karaf.tar.gz"), javaHome, List.of(probeJar),
                DeployTarget.withProbeOption(options, directory), Pattern.compile(Pattern.quote(Probe.READY)));
        return new DeployTarget(runtime, directory, "deploy", "org.apache.felix.fileinstall", "bin/karaf");
    }

    /** Bare Felix with FileInstall and the probe in bundle/, watching deploy/; the default poll when null. */
    private static DeployTarget fileInstall(String name, Path directory, Integer poll, Path inputs, Path probeJar,
            Path javaHome) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("felix.fileinstall.dir", "deploy");
        properties.put("felix.fileinstall.noInitialDelay", "true");
        if (poll != null) {
            properties.put("felix.fileinstall.poll", poll.toString());
        }
        // The constant is inlined at compile time: Probe and the OSGi API are not needed on this class path.
        Runtime runtime = FelixRuntime.headless(name, inputs.resolve("felix-main.jar"),
                List.of(inputs.resolve("felix-fileinstall.jar"), probeJar), properties,
                List.of(DeployTarget.probeOption(directory)), javaHome, Pattern.compile(Pattern.quote(Probe.READY)));
        return new DeployTarget(runtime, directory, "deploy", "org.apache.felix.fileinstall",
                "bundle/felix-fileinstall.jar");
    }
}
