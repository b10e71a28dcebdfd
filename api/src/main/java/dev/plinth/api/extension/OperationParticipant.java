package dev.plinth.api.extension;

import org.osgi.annotation.versioning.ConsumerType;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;

/**
 * Takes part in the plugin manager's operations, registered as an OSGi service. The manager shows it the plan of
 * every operation before anything changes, in a dry run too, so that a refusal is part of the plan's answer, and
 * tells it when an operation's changes are committed. Events ({@link dev.plinth.api.PluginEvents}) report the same
 * to everyone else, later.
 *
 * <p>Called on the manager's operation thread, one operation at a time: be quick, and do not call the manager's
 * verbs from here (reads such as {@code find} are fine).
 */
@ConsumerType
public interface OperationParticipant {

    /**
     * Refuses an operation by throwing; the refusal is the operation's failure and nothing is changed.
     *
     * @param plan what the operation will do ({@link Plan#simulated()} for a dry run)
     * @throws PluginException the refusal, with a code and a message saying how to lift it
     */
    void check(Plan plan) throws PluginException;

    /**
     * Like {@link #check(Plan)}, with the operation's options and archives: what the manager calls. The default
     * calls {@link #check(Plan)}.
     *
     * @param plan what the operation will do
     * @param context the operator's options and the archives the plan installs
     * @throws PluginException the refusal
     */
    default void check(Plan plan, OperationContext context) throws PluginException {
        check(plan);
    }

    /**
     * Does the participant's own part of a real operation (never of a dry run), after the plan's bundle changes are
     * made and resolved and before any of its bundles starts: a plugin's bundle is stopped, or installed or updated
     * to the version the plan brings, and not started yet. Storage migrates a plugin's data here. Called once per
     * operation, after {@link #check(Plan, OperationContext)} accepted it.
     *
     * @param plan what the operation does
     * @param context the operator's options and the archives the plan installs
     * @return how to take the work back when a later step of the operation fails ({@link Work#NONE} when nothing was
     *     done); the manager calls it at most once, before it undoes its own steps
     * @throws PluginException the work failed: the participant has taken back what it did, and the operation is
     *     undone and fails with this
     */
    default Work apply(Plan plan, OperationContext context) throws PluginException {
        return Work.NONE;
    }

    /** What a participant did in {@link #apply}, to take back when the operation fails after it. */
    @FunctionalInterface
    interface Work {

        /** Nothing was done. */
        Work NONE = () -> {
        };

        /**
         * Takes the work back. A failure is logged by the manager; the participant finds what it left at the next
         * start.
         */
        void undo() throws Exception;
    }

    /**
     * The operation's changes are committed (not called after a dry run or a failure): follow them, for example
     * forget what belonged to a plugin that was uninstalled. A failure here is logged and changes nothing.
     *
     * @param plan what the operation did
     */
    default void committed(Plan plan) {
    }

    /**
     * Like {@link #committed(Plan)}, with the operation's options (a removal's {@code keepData}, for one): what the
     * manager calls. The default calls {@link #committed(Plan)}.
     *
     * @param plan what the operation did
     * @param context the operator's options; its archives may be gone
     */
    default void committed(Plan plan, OperationContext context) {
        committed(plan);
    }
}
