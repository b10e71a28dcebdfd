package dev.plinth.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;


import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the deploy directory's ledger ({@code data/deploy/deployed.json}) as read at start: it is either read
 * into entries that each name one file of the deploy directory (never a path that leads elsewhere) and hold an
 * id, a version, a SHA-256 and a time, or refused with an {@link IOException} naming the file (it is then set
 * aside and rebuilt); reading changes no file. Seeds: {@code DeployLedgerFuzzTestInputs/ledger}.
 */
class DeployLedgerFuzzTest {

    private static final Path FOLDER = FuzzChecks.folder("ledger");

    @FuzzTest(maxDuration = "3m")
    void ledger(byte[] bytes) throws Exception {
        FuzzChecks.clear(FOLDER, false);
        Path file = Files.write(FOLDER.resolve("deployed.json"), bytes);
        Path deploy = FOLDER.resolve("deploy");
        DeployLedger ledger = new DeployLedger(file);
        try {
            FuzzChecks.timed("reading " + bytes.length + " bytes", ledger::load);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
            assertEquals(Set.of(), ledger.entries().keySet(), "a refused ledger keeps nothing");
            assertEquals(Set.of("deployed.json"), FuzzChecks.listing(FOLDER));
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading the ledger", e);
        }
        ledger.entries().forEach((name, entry) -> {
            assertEquals(deploy, deploy.resolve(name).normalize().getParent(),
                    "a name that is not a file of the deploy directory: " + name);
            assertNotNull(entry.id());
            assertNotNull(entry.version());
            assertNotNull(entry.sha256());
            assertNotNull(entry.since());
        });
        assertEquals(Set.of("deployed.json"), FuzzChecks.listing(FOLDER));
    }
}
