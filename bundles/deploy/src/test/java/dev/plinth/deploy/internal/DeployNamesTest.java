package dev.plinth.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeployNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"greeter.jar", "X.JAR", "Mixed-1.0.Jar", "a.b.c.jar"})
    void jarsAreDeployable(String name) {
        assertTrue(DeployNames.deployable(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden.jar", "x.jar.tmp", "x.part", "x.jar.part", "x.crdownload", "x.jar.crdownload",
            "x.jar~", "X.JAR.TMP", "notes.txt", "x.zip", "jar", "x.jarx"})
    void hiddenTemporaryAndOtherNamesAreIgnored(String name) {
        assertFalse(DeployNames.deployable(name), name);
    }
}
