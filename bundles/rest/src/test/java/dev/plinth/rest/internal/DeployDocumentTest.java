package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.DeployedFile;
import dev.plinth.common.json.JsonDocuments;

class DeployDocumentTest {

    private static DeployDirectory at(Path directory, List<DeployedFile> files) {
        return new DeployDirectory() {
            @Override
            public Path directory() {
                return directory;
            }

            @Override
            public List<DeployedFile> files() {
                return files;
            }
        };
    }

    @Test
    void withoutTheDeployBundleNothingIsWatched() {
        assertEquals("{\"directory\":\"deploy\",\"watched\":false,\"files\":[]}",
                JsonDocuments.compact(DeployDocument.of(null, Path.of("/opt/plinth"))));
    }

    @Test
    void aWatchedDirectoryIsNamedInTheHomeAndListsItsFilesInTheOperatorsWords() {
        Path home = Path.of("/opt/plinth");
        DeployedFile file = new DeployedFile("hello.jar", DeployedFile.Status.DEPLOYED, "dev.plinth.sample.hello",
                "1.0.0", null, "", Instant.parse("2026-12-06T10:00:00Z"));
        assertEquals("{\"directory\":\"deploy\",\"watched\":true,\"files\":[{\"file\":\"hello.jar\",\"status\":"
                + "\"deployed\",\"id\":\"dev.plinth.sample.hello\",\"version\":\"1.0.0\",\"code\":null,\"message\":\"\","
                + "\"since\":\"2026-12-06T10:00:00Z\"}]}",
                JsonDocuments.compact(DeployDocument.of(at(home.resolve("deploy"), List.of(file)), home)));
        assertEquals("/srv/drop", DeployDocument.of(at(Path.of("/srv/drop"), List.of()), home).directory());
        assertEquals("/opt/plinth/deploy", DeployDocument.of(at(home.resolve("deploy"), List.of()), null).directory(),
                "no home: absolute");
    }
}
