package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployCopyTest {

    @TempDir
    Path dir;

    @Test
    void theJarReplacesTheDeployedOneAndNothingElseIsLeft() throws IOException {
        Path deploy = dir.resolve("deploy");
        Path first = Jars.bundle(dir.resolve("first.jar"), "p", "1.0.0.1");
        Path second = Jars.bundle(dir.resolve("second.jar"), "p", "1.0.0.2");
        DeployCopy.copy(first, deploy, "p.jar");
        DeployCopy.Deployed deployed = DeployCopy.copy(second, deploy, "p.jar");

        assertEquals(new JarCheck.Bundle("p", "1.0.0.2"), deployed.bundle());
        assertArrayEquals(Files.readAllBytes(second), Files.readAllBytes(deploy.resolve("p.jar")));
        assertEquals(DeployCopy.sha256(second), deployed.sha256());
        assertEquals(List.of("p.jar"), names(deploy));
    }

    @Test
    void anIncompleteJarIsNotDeployedAndTheOldOneStays() throws IOException {
        Path deploy = dir.resolve("deploy");
        Path good = Jars.bundle(dir.resolve("good.jar"), "p", "1.0.0.1");
        DeployCopy.copy(good, deploy, "p.jar");
        byte[] whole = Files.readAllBytes(Jars.bundle(dir.resolve("next.jar"), "p", "1.0.0.2"));
        Path half = dir.resolve("half.jar");
        Files.write(half, Arrays.copyOf(whole, whole.length / 2));

        assertThrows(IOException.class, () -> DeployCopy.copy(half, deploy, "p.jar"));
        assertArrayEquals(Files.readAllBytes(good), Files.readAllBytes(deploy.resolve("p.jar")));
        assertEquals(List.of("p.jar"), names(deploy));
    }

    @Test
    void theTemporaryNameIsOneTheDeployDirectoryIgnores() throws IOException {
        // docs/deploy.md: hidden names and *.part are ignored; the copy is made under such a name, then renamed
        Path deploy = Files.createDirectories(dir.resolve("deploy"));
        Path partOfAnother = deploy.resolve(".p.jar.part");
        Files.writeString(partOfAnother, "left over by a copy that was killed");
        DeployCopy.copy(Jars.bundle(dir.resolve("p.jar"), "p", "1"), deploy, "p.jar");
        assertEquals(List.of("p.jar"), names(deploy));
    }

    @Test
    void aJarOfAnotherPluginIsNotDeployedAndTheDeployedOneStays() throws IOException {
        Path deploy = dir.resolve("deploy");
        Path good = Jars.bundle(dir.resolve("good.jar"), "p", "1.0.0.1");
        Path renamed = Jars.bundle(dir.resolve("renamed.jar"), "q", "1.0.0.2");
        DeployCopy.copy(good, deploy, "p.jar", "p");

        DeployCopy.OtherPlugin refused = assertThrows(DeployCopy.OtherPlugin.class,
                () -> DeployCopy.copy(renamed, deploy, "p.jar", "p"));

        assertEquals("q", refused.symbolicName());
        assertArrayEquals(Files.readAllBytes(good), Files.readAllBytes(deploy.resolve("p.jar")));
        assertEquals(List.of("p.jar"), names(deploy));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
