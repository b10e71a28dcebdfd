package dev.plinth.api.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.plinth.api.catalog.PluginSet;

/**
 * One published desired state of a group.
 *
 * @param group the group
 * @param number the generation number, from 1, one more for each publish or rollback
 * @param publishedBy who published it
 * @param publishedAt when
 * @param rollbackOf the generation this one rolled back (whose set it does not repeat), or {@code 0} for a publish
 * @param rollout how it is rolled out
 * @param state where its rollout is
 * @param reason why it halted or was rolled back, in words naming the node; {@code null} otherwise
 * @param canaries the canary nodes chosen at publish, sorted; empty when it went to every node at once
 * @param plugins the desired plugin set
 * @param archives the SHA-256 (hex) of each plugin's archive as the publisher's catalogues gave it, by plugin id
 * @param libraries the SHA-256 (hex) of each library the set's plugins were wired to on the first node that applied
 *        this generation, keyed {@code id@version} (libraries are picked by each node's resolver, so the publisher
 *        cannot know them); every other node must run the same bytes for these. Empty until a node recorded them
 *        (see {@link #librariesRecordedBy()}), and when the plugins need no library
 * @param librariesRecordedBy the node that recorded {@link #libraries()}, or {@code null} while no node has
 */
public record Generation(String group, long number, String publishedBy, Instant publishedAt, long rollbackOf,
        Rollout rollout, RolloutState state, String reason, List<String> canaries, PluginSet plugins,
        Map<String, String> archives, Map<String, String> libraries, String librariesRecordedBy) {

    public Generation {
        libraries = libraries == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(libraries));
        canaries = canaries == null ? List.of() : List.copyOf(canaries);
        archives = archives == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(archives));
    }

    /** Where a generation's rollout is. */
    public enum RolloutState {
        /** Only the canary nodes take it. */
        CANARY,
        /** Every node takes it. */
        ROLLING,
        /** Every live node has applied it and is healthy. */
        DONE,
        /** A node failed it (or a canary did not report in time): no other node takes it. */
        HALTED,
        /** A later generation rolled it back: on its own after a halt, or by {@link Fleet#rollback}. */
        ROLLED_BACK,
        /** A later generation was published before it was done. */
        SUPERSEDED;

        /** The lower-case name shown to operators. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
