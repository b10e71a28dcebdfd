package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradesTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private final SystemStreamLog log = new SystemStreamLog() {
        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    };

    @Test
    void aBuildOfAnotherPluginIsOnlyWarnedAboutOnceAndTheRunningOneStaysDeployed() throws IOException {
        Path deploy = dir.resolve("home/deploy");
        Path jar = dir.resolve("p-1.0.jar");
        Jars.bundle(jar, "p", "1.0.0.1");
        DeployCopy.Deployed first = DeployCopy.copy(jar, deploy, "p.jar");
        byte[] deployed = Files.readAllBytes(deploy.resolve("p.jar"));
        Upgrades upgrades = new Upgrades(new JarCheck.Bundle("p", "1.0.0.1"), deploy, "p.jar", log,
                dir.resolve("home"));
        upgrades.seen(first.sha256());

        Jars.bundle(jar, "renamed", "1.0.0.2");
        upgrades.jarReady(jar);
        upgrades.jarReady(jar);

        assertEquals(List.of("Plinth: p-1.0.jar now holds renamed, not p: not deployed (the running p stays); "
                + "restart the goal to follow it"), warnings);
        assertArrayEquals(deployed, Files.readAllBytes(deploy.resolve("p.jar")));
        try (var files = Files.list(deploy)) {
            assertEquals(List.of(deploy.resolve("p.jar")), files.toList());
        }
    }
}
