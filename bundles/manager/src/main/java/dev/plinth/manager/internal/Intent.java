package dev.plinth.manager.internal;

import java.time.Instant;
import java.util.List;

import dev.plinth.api.Verb;

/**
 * The journal's record of an operation under way, written before it acts: if it is still there at the next
 * start, the operation was interrupted. Its commit is the state with {@code sequence}.
 *
 * @param sequence the sequence number the operation's commit has
 * @param verb what was asked
 * @param target the plugin id
 * @param origin who asked
 * @param started when it began
 * @param touched the ids of every bundle the operation changes
 */
record Intent(long sequence, Verb verb, String target, String origin, Instant started, List<String> touched) {

    Intent {
        touched = List.copyOf(touched);
    }
}
