package dev.plinth.shell.internal;

import dev.plinth.api.PluginException;

/** Runs a call to the manager or the catalogue, turning its refusal into the command's failure. */
final class Refusals {

    /** A call that may be refused. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws PluginException;
    }

    private Refusals() {
    }

    static <T> T run(Call<T> call) {
        try {
            return call.run();
        } catch (PluginException e) {
            throw CommandFailedException.of(e);
        }
    }
}
