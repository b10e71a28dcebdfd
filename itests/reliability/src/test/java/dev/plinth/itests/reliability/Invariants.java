package dev.plinth.itests.reliability;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What must hold of a home whenever no operation runs, checked from outside: the store's records and the
 * framework's bundles are the same set (no ghost record, no stray bundle), each at its recorded version and in its
 * desired state, no library without a plugin that needs it, the artifact store holding exactly the recorded
 * archives, and no journal or temporary file left behind.
 */
final class Invariants {

    private Invariants() {
    }

    /** The violations; empty when all hold. */
    static List<String> violations(Listing listing, StoreFiles store) throws IOException {
        List<String> violations = new ArrayList<>();
        Map<String, StoreFiles.Record> records = store.records();
        if (!records.keySet().equals(listing.rows().keySet())) {
            violations.add("the store records " + records.keySet() + " but the framework has "
                    + listing.rows().keySet());
        }
        if (!listing.unmanaged().isEmpty()) {
            violations.add("bundles nobody manages: " + listing.unmanaged());
        }
        Set<String> expectedArtifacts = new TreeSet<>();
        for (StoreFiles.Record record : records.values()) {
            expectedArtifacts.add(record.sha256() + ".jar");
            if (record.previousSha256() != null) {
                expectedArtifacts.add(record.previousSha256() + ".jar");
            }
            Listing.Row row = listing.rows().get(record.id());
            if (row == null) {
                continue;
            }
            if (!row.version().equals(record.version()) || !record.sha256().equals(row.sha256())) {
                violations.add(record.id() + " is " + row.version() + " in the framework but " + record.version()
                        + " in the store");
            }
            boolean running = row.state().equals("enabled");
            if (record.enabled() != running && !row.state().equals("failed")) {
                violations.add(record.id() + " should be " + (record.enabled() ? "enabled" : "not running")
                        + " but is " + row.state());
            }
        }
        violations.addAll(listing.halfApplied());
        Set<String> artifacts = store.artifacts();
        if (!artifacts.equals(expectedArtifacts)) {
            violations.add("the artifact store holds " + artifacts + " but the records name " + expectedArtifacts);
        }
        Set<String> leftovers = store.leftovers();
        if (!leftovers.isEmpty()) {
            violations.add("left behind in the store: " + leftovers);
        }
        return violations;
    }
}
