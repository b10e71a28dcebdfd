package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jars every runtime of the deploy benchmark gets, generated once per run: the probe, the single
 * bundle, and the chain with its bundles' symbolic names in order.
 */
record DeployJars(Path probe, Path single, List<Path> chain, List<String> chainNames) {

    /** @param chainSize the longest chain measured: shorter ones are its first bundles */
    static DeployJars generate(Path directory, int chainSize) throws IOException {
        List<String> names = new ArrayList<>(chainSize);
        for (int i = 0; i < chainSize; i++) {
            names.add(BundleJars.chainName(i));
        }
        return new DeployJars(BundleJars.probe(directory), BundleJars.single(directory),
                BundleJars.chain(directory.resolve("chain"), chainSize), List.copyOf(names));
    }
}
