package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The runtime archive the build made, unpacked with {@code tar} as an operator would. */
public final class Distribution {

    private Distribution() {
    }

    public static Path archive() {
        return Path.of(System.getProperty("plinth.archive", "target/archive/plinth.tar.gz"));
    }

    public static String version() {
        return System.getProperty("plinth.version", "0.1.0-SNAPSHOT");
    }

    /** Unpacks the archive into {@code directory} and returns the runtime's home. */
    public static Path unpack(Path directory) throws IOException, InterruptedException {
        return unpack(archive(), "plinth-" + version(), directory);
    }

    /**
     * Unpacks the archive of a smaller variant ({@code core}: the feature plinth-core, {@code rest}: plinth-rest)
     * into {@code directory} and returns its home.
     */
    public static Path unpackVariant(String variant, Path directory) throws IOException, InterruptedException {
        return unpack(archive().resolveSibling("plinth-" + variant + ".tar.gz"), "plinth-" + variant + "-" + version(),
                directory);
    }

    private static Path unpack(Path archive, String folder, Path directory) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (!tar.waitFor(Duration.ofSeconds(60).toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                || tar.exitValue() != 0) {
            throw new IOException("tar failed: " + output);
        }
        Path home = directory.resolve(folder);
        if (!Files.isDirectory(home)) {
            throw new IOException("the archive has no " + folder + "/ folder; it has " + List.of(directory.toFile().list()));
        }
        return home;
    }
}
