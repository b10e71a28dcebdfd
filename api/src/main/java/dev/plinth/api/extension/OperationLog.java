package dev.plinth.api.extension;

import org.osgi.annotation.versioning.ProviderType;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;
import dev.plinth.api.Verb;

/**
 * The plugin manager's history, for what an extension changes of a plugin outside the manager's verbs (a change of
 * its settings): recorded beside the verbs' entries, shown by {@code plugin:history} and the REST API, and published
 * as an event on {@link Verb#topic()}. Registered as an OSGi service by the plugin manager.
 */
@ProviderType
public interface OperationLog {

    /**
     * Records one change. A failure to write is logged by the manager, never thrown.
     *
     * @param verb what was done ({@link Verb#SETTINGS} for settings)
     * @param target the plugin's id
     * @param version the plugin's version, or {@code null}
     * @param outcome how it ended
     * @param message what changed, in words: keys, never a secret's value
     * @param origin who asked ({@code shell}, {@code rest}, ...)
     */
    void record(Verb verb, String target, String version, Operation.Outcome outcome, String message, String origin);

    /**
     * Records one change that was refused or failed, with why: its history entry says failed, and its event says
     * {@code succeeded=false} with {@code failure}'s code and message. A failure to write is logged, never thrown.
     *
     * @param verb what was done ({@link Verb#SETTINGS} for settings)
     * @param target the plugin's id
     * @param version the plugin's version, or {@code null}
     * @param failure why it was refused; its message never holds a secret's value
     * @param message what was tried, in words: keys, never a secret's value
     * @param origin who asked ({@code shell}, {@code rest}, ...)
     */
    default void recordFailure(Verb verb, String target, String version, PluginException failure, String message,
            String origin) {
        record(verb, target, version, Operation.Outcome.FAILED, message, origin);
    }
}
