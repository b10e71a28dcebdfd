package dev.plinth.bench;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The floor under a chain moved into {@code deploy/}: what a runtime that keeps its plugins' archives cannot do
 * without for the same jars, done by a program with Felix alone (its default settings) in a JVM of its own. For each
 * size read from standard input it starts a fresh framework, keeps each of the chain's first jars (copied into a
 * folder and forced to the disk, eight at a time, then the folder forced), installs each kept copy into Felix and
 * sets its start level, resolves them all at once, starts them one after the other and stops the framework; then
 * prints one {@link #LINE}: the size and the microseconds from the first copy to the end of each phase. No watcher,
 * journal, plan or history: nothing of Plinth. Each run has a folder of its own, which the program never deletes
 * (its caller does, once it has ended): on an ext4 file system without a journal, a new file's inode is looked for
 * past every inode deleted in the last minute or more, so a run right after deleting the last one's thousands of
 * files would measure that search.
 */
final class ChainFloor {

    static final String LINE = "FLOOR ";
    static final List<String> PHASES = List.of(
            "each jar kept: copied and forced to the disk, 8 at a time",
            "installed into Felix from the kept copies, start level set",
            "resolved at once",
            "started, one after the other");
    private static final int KEEPERS = 8;
    /** As the plugin manager's thread: Felix's resolver recurses along the chain. */
    private static final long STACK_BYTES = 256L * 1024 * 1024;

    private ChainFloor() {
    }

    /** In a JVM of its own: {@code args} are the work folder and the chain's folder (its jars in name order). */
    public static void main(String[] args) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread runs = new Thread(null, () -> {
            try {
                runAll(Path.of(args[0]), Path.of(args[1]));
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "floor", STACK_BYTES);
        runs.start();
        runs.join();
        if (failure[0] != null) {
            failure[0].printStackTrace();
            System.exit(1);
        }
    }

    private static void runAll(Path work, Path chainFolder) throws Exception {
        List<Path> chain;
        try (Stream<Path> jars = Files.list(chainFolder)) {
            chain = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }
        BufferedReader sizes = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        ExecutorService keepers = Executors.newFixedThreadPool(KEEPERS);
        int run = 0;
        try {
            for (String size = sizes.readLine(); size != null; size = sizes.readLine()) {
                Path folder = Files.createDirectories(work.resolve("run-" + ++run));
                long[] ends = oneRun(chain.subList(0, Integer.parseInt(size.strip())), folder, keepers);
                StringBuilder line = new StringBuilder(LINE).append(size.strip());
                for (long end : ends) {
                    line.append(' ').append(end);
                }
                System.out.println(line);
            }
        } finally {
            keepers.shutdownNow();
        }
    }

    private static long[] oneRun(List<Path> jars, Path folder, ExecutorService keepers) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("org.osgi.framework.storage", folder.resolve("cache").toString());
        properties.put("org.osgi.framework.startlevel.beginning", "3");
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(properties);
        framework.start();
        try {
            BundleContext context = framework.getBundleContext();
            long[] ends = new long[PHASES.size()];
            long started = System.nanoTime();
            List<Path> kept = keep(jars, Files.createDirectories(folder.resolve("kept")), keepers);
            ends[0] = micros(started);
            List<Bundle> bundles = new ArrayList<>(kept.size());
            for (Path copy : kept) {
                try (InputStream in = Files.newInputStream(copy)) {
                    Bundle bundle = context.installBundle("floor:" + copy.getFileName(), in);
                    bundle.adapt(BundleStartLevel.class).setStartLevel(2);
                    bundles.add(bundle);
                }
            }
            ends[1] = micros(started);
            if (!framework.adapt(FrameworkWiring.class).resolveBundles(bundles)) {
                throw new IllegalStateException("the chain did not resolve");
            }
            ends[2] = micros(started);
            for (Bundle bundle : bundles) {
                bundle.start(Bundle.START_TRANSIENT);
            }
            ends[3] = micros(started);
            return ends;
        } finally {
            framework.stop();
            framework.waitForStop(60_000);
        }
    }

    private static List<Path> keep(List<Path> jars, Path into, ExecutorService keepers) throws Exception {
        List<Future<Path>> copies = new ArrayList<>(jars.size());
        for (Path jar : jars) {
            copies.add(keepers.submit(() -> {
                Path copy = into.resolve(jar.getFileName());
                try (FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    Files.copy(jar, Channels.newOutputStream(out));
                    out.force(true);
                }
                return copy;
            }));
        }
        List<Path> kept = new ArrayList<>(copies.size());
        for (Future<Path> copy : copies) {
            kept.add(copy.get());
        }
        try (FileChannel folder = FileChannel.open(into, StandardOpenOption.READ)) {
            folder.force(true);
        }
        return kept;
    }

    private static long micros(long since) {
        return (System.nanoTime() - since) / 1000;
    }
}
