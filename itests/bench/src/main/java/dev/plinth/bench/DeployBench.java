package dev.plinth.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.plinth.bench.probe.Probe;

/**
 * Hot deploy of Plinth's watched deploy directory beside bare Felix with Apache Felix FileInstall
 * (default poll of 2 s, and a poll of 50 ms), in the same run with the same JDK and the same jars:
 * how long from a jar moved into the directory to its bundle ACTIVE, from its deletion to its bundle
 * UNINSTALLED, and the same for a chain of 500 bundles each importing the package of the one before.
 * A probe bundle in each runtime stamps the bundle events (see {@link Probe}); the harness waits on
 * the probe's file, never on fixed sleeps.
 */
public final class DeployBench {

    private DeployBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("--work", "target/bench", "--runs", "5",
                "--repeats", "20", "--chain", "500", "--pause", "2000", "--bound", "60",
                "--java", System.getProperty("java.home"), Options.ONLY, "all"));
        if (!Options.selected(options, "deploy")) {
            System.out.println("deploy benchmark skipped (bench.only=" + options.get(Options.ONLY) + ")");
            return;
        }
        Path work = Path.of(options.get("--work")).toAbsolutePath();
        int chainSize = Integer.parseInt(options.get("--chain"));
        DeployRun.Settings settings = new DeployRun.Settings(Integer.parseInt(options.get("--repeats")),
                Integer.parseInt(options.get("--runs")), Duration.ofMillis(Long.parseLong(options.get("--pause"))),
                Duration.ofSeconds(Long.parseLong(options.get("--bound"))));
        Path javaHome = Path.of(options.get("--java"));
        Path inputs = work.resolve("inputs");
        Path bench = Files.createDirectories(work.resolve("deploy"));
        Measure.deleteContents(bench);
        DeployJars jars = DeployJars.generate(bench.resolve("jars"), chainSize);

        List<DeployTarget> targets = List.of(plinth(bench.resolve("plinth"), inputs, jars.probe(), javaHome),
                fileInstall("Felix+FileInstall (default poll)", bench.resolve("felix-fileinstall"), null, inputs,
                        jars.probe(), javaHome),
                fileInstall("Felix+FileInstall poll=50", bench.resolve("felix-fileinstall-poll50"), 50, inputs,
                        jars.probe(), javaHome));

        Map<String, Map<String, List<Long>>> figures = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        boolean broken = false;
        for (DeployTarget target : targets) {
            String name = target.runtime().name();
            System.out.println(name + ": measuring " + settings.repeats() + " single-jar repeats and "
                    + settings.chainRuns() + " runs of a " + chainSize + "-chain");
            Map<String, List<Long>> measured = new LinkedHashMap<>();
            String note = null;
            try {
                if (!new DeployRun(target, jars, settings, System.out).measure(measured)) {
                    note = name + ": no deploy bundle in this distribution (no " + target.watcherJar() + ")";
                }
            } catch (Exception e) {
                // The figures taken before the failure stay; a runtime that gave none means a broken harness or runtime.
                broken |= measured.values().stream().allMatch(List::isEmpty);
                note = name + ": stopped measuring: " + e.getMessage() + " (console: " + target.console() + ")";
            }
            if (note != null) {
                notes.add(note);
                System.out.println(note);
            }
            if (!measured.isEmpty()) {
                figures.put(name, measured);
            }
        }

        String title = "Hot deploy: " + settings.repeats() + " single-jar repeats, " + settings.chainRuns()
                + " runs of a " + chainSize + "-chain, random pause below " + settings.maxPause().toMillis()
                + " ms before each action, " + java.lang.Runtime.getRuntime().availableProcessors() + " cores, "
                + Measure.javaVersion(javaHome);
        Map<String, String> targetsText = Map.of(DeployRun.SINGLE_ACTIVE, "median <= 50, p95 <= 100",
                DeployRun.SINGLE_REMOVED, "median <= 50", DeployRun.chainActive(chainSize), "<= 1500",
                DeployRun.chainRemoved(chainSize), "<= 1000");
        DeployReport.print(System.out, title, figures, notes, "Plinth", targetsText);
        Path raw = work.resolve("deploy.txt");
        DeployReport.write(raw, title, figures, notes);
        System.out.println("raw figures: " + raw);
        if (broken) {
            System.exit(1);
        }
    }

    /** Plinth from its archive, with the probe in system/ and its file named in PLINTH_OPTS. */
    private static DeployTarget plinth(Path directory, Path inputs, Path probeJar, Path javaHome) {
        Runtime runtime = new PlinthRuntime(inputs.resolve("plinth.tar.gz"), javaHome, List.of(probeJar),
                List.of(probeProperty(directory)));
        return new DeployTarget(runtime, directory, "deploy", "dev.plinth.deploy", "system/dev.plinth.deploy*.jar");
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
                List.of(probeProperty(directory)), javaHome, Pattern.compile(Pattern.quote(Probe.READY)));
        return new DeployTarget(runtime, directory, "deploy", "org.apache.felix.fileinstall",
                "bundle/felix-fileinstall.jar");
    }

    private static String probeProperty(Path directory) {
        return "-D" + Probe.FILE_PROPERTY + "=" + DeployTarget.probeFile(directory);
    }
}
