package dev.plinth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Measures one {@link DeployTarget}: lays out a fresh home, starts the runtime, waits until it is
 * ready and its watcher is active, deploys and deletes the single jar once to warm up, then records
 * the single-jar figures {@code repeats} times and, for each chain size, the chain figures
 * {@code chainRuns} times, and stops it. Every figure runs from the harness's clock just before it touches the deploy directory
 * to the time the probe stamped on the awaited event, in microseconds.
 *
 * <p>Before each timed action the harness idles for a random time below {@code maxPause} (the same
 * seeded sequence for every runtime). This is not synchronisation (nothing is waited for): it puts
 * the actions at random phases of a polling watcher's cycle, as an operator's would be. Acting right
 * after the previous event instead would lock onto the cycle (FileInstall would then always need two
 * full polls to see a new file) and leave no idle time between operations.
 */
final class DeployRun {

    static final String SINGLE_ACTIVE = "single jar to ACTIVE";
    static final String SINGLE_REMOVED = "delete to UNINSTALLED";

    /** The most starting or stopping the runtime may take. */
    static final Duration START_BOUND = Duration.ofSeconds(120);

    /**
     * @param maxPause the random idle time before each timed action stays below this
     * @param bound the most any one awaited event may take
     */
    record Settings(int repeats, List<Integer> chainSizes, int chainRuns, Duration maxPause, Duration bound) {

        Settings withChainSizes(List<Integer> sizes) {
            return new Settings(repeats, sizes, chainRuns, maxPause, bound);
        }
    }

    private final DeployTarget target;
    private final DeployJars jars;
    private final Settings settings;
    private final Random pauses = new Random(20261123);
    private final PrintStream log;
    private final AfterChain afterChain;

    /** What runs after each of a target's chain runs, once the chain is removed (the floor beside Plinth). */
    interface AfterChain {

        AfterChain NONE = size -> {
        };

        void ran(int size) throws InterruptedException;
    }

    DeployRun(DeployTarget target, DeployJars jars, Settings settings, PrintStream log, AfterChain afterChain) {
        this.target = target;
        this.jars = jars;
        this.settings = settings;
        this.log = log;
        this.afterChain = afterChain;
    }

    static String chainActive(int size) {
        return size + "-chain to all ACTIVE";
    }

    static String chainRemoved(int size) {
        return size + "-chain removed";
    }

    /**
     * Measures the target, adding the figures (microseconds, by measure, in order) to {@code figures} as
     * they come, so that those taken before a failure are kept.
     *
     * @return false when the home has no watcher, so that there is nothing to measure
     */
    boolean measure(Map<String, List<Long>> figures) throws IOException, InterruptedException {
        Runtime runtime = target.runtime();
        Files.createDirectories(target.directory());
        Measure.deleteContents(target.directory());
        Files.createDirectories(target.home());
        Files.createDirectories(target.staging());
        runtime.prepare(target.home());
        if (!target.hasWatcher()) {
            return false;
        }
        Path deploy = Files.createDirectories(target.home().resolve(target.deployDir()));

        Process process = Measure.launch(runtime, target.home(), target.console());
        try {
            ProbeLog probe = new ProbeLog(target.probeFile(), process::isAlive);
            Measure.awaitReady(runtime, process, target.console(), START_BOUND);
            probe.await(0, line -> line.symbolicName().equals(target.watcher())
                    && (line.event().equals(ProbeLine.STARTED) || line.event().equals(ProbeLine.ACTIVE)),
                    "the watcher " + target.watcher() + " active", START_BOUND);
            log.println(runtime.name() + ": ready; warming up");
            single(probe, deploy);
            for (int i = 0; i < settings.repeats(); i++) {
                long[] times = single(probe, deploy);
                figures.computeIfAbsent(SINGLE_ACTIVE, k -> new ArrayList<>()).add(times[0]);
                figures.computeIfAbsent(SINGLE_REMOVED, k -> new ArrayList<>()).add(times[1]);
            }
            log.println(runtime.name() + ": " + settings.repeats() + " single-jar repeats done");
            for (int size : settings.chainSizes()) {
                for (int i = 1; i <= settings.chainRuns(); i++) {
                    String run = size + "-chain run " + i + "/" + settings.chainRuns();
                    try {
                        chain(probe, deploy, size,
                                figures.computeIfAbsent(chainActive(size), k -> new ArrayList<>()),
                                figures.computeIfAbsent(chainRemoved(size), k -> new ArrayList<>()));
                    } catch (IOException e) {
                        throw new IOException(run + ": " + e.getMessage(), e);
                    }
                    log.println(runtime.name() + ": " + run + " done");
                    afterChain.ran(size);
                }
            }
            Measure.stop(runtime, process, START_BOUND);
        } finally {
            Measure.kill(process);
        }
        return true;
    }

    /** Moves the single jar in until STARTED, then deletes it until UNINSTALLED: both durations. */
    private long[] single(ProbeLog probe, Path deploy) throws IOException, InterruptedException {
        Path staged = Files.copy(jars.single(), target.staging().resolve(jars.single().getFileName()));
        Path deployed = deploy.resolve(jars.single().getFileName());

        pause();
        int mark = probe.mark();
        long moved = ProbeLine.now();
        Files.move(staged, deployed, StandardCopyOption.ATOMIC_MOVE);
        long started = probe.await(mark, ProbeLine.STARTED, BundleJars.SINGLE, settings.bound()).micros();

        pause();
        mark = probe.mark();
        long deleted = ProbeLine.now();
        Files.delete(deployed);
        long uninstalled = probe.await(mark, ProbeLine.UNINSTALLED, BundleJars.SINGLE, settings.bound()).micros();
        return new long[] {started - moved, uninstalled - deleted};
    }

    /**
     * Moves the first {@code size} jars of the chain in, one jar after the other in name order (as
     * {@code mv staging/* deploy/}), until the last is STARTED; then deletes them all the same way until the
     * last is UNINSTALLED.
     */
    private void chain(ProbeLog probe, Path deploy, int size, List<Long> toActive, List<Long> removed)
            throws IOException, InterruptedException {
        List<Path> chain = jars.chain().subList(0, size);
        List<String> names = jars.chainNames().subList(0, size);
        List<Path> staged = new ArrayList<>(size);
        for (Path jar : chain) {
            staged.add(Files.copy(jar, target.staging().resolve(jar.getFileName())));
        }

        pause();
        int mark = probe.mark();
        long moved = ProbeLine.now();
        for (Path jar : staged) {
            Files.move(jar, deploy.resolve(jar.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        toActive.add(probe.awaitAll(mark, ProbeLine.STARTED, names, settings.bound()) - moved);

        pause();
        mark = probe.mark();
        long deleted = ProbeLine.now();
        for (Path jar : chain) {
            Files.delete(deploy.resolve(jar.getFileName()));
        }
        removed.add(probe.awaitAll(mark, ProbeLine.UNINSTALLED, names, settings.bound()) - deleted);
    }

    /** Idles for a random time below the maximum pause, untimed. */
    private void pause() throws InterruptedException {
        if (settings.maxPause().toMillis() > 0) {
            Thread.sleep(pauses.nextInt(Math.toIntExact(settings.maxPause().toMillis())));
        }
    }
}
