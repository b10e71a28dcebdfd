package dev.plinth.api;

/**
 * How a verb is carried out. Immutable: the {@code with...} methods return a changed copy.
 *
 * @param simulate only compute and return the plan; change nothing
 * @param cascade disable or remove the plugins that depend on the target too, instead of refusing
 * @param enable enable the plugin after installing it
 * @param origin who asks ({@code shell}, {@code deploy}, {@code rest}, ...), recorded in the history
 */
public record Options(boolean simulate, boolean cascade, boolean enable, String origin) {

    /** No dry run, no cascade, no enable, origin {@code api}. */
    public static final Options DEFAULT = new Options(false, false, false, "api");

    public Options {
        origin = origin == null || origin.isBlank() ? "api" : origin;
    }

    public Options withSimulate(boolean value) {
        return new Options(value, cascade, enable, origin);
    }

    public Options withCascade(boolean value) {
        return new Options(simulate, value, enable, origin);
    }

    public Options withEnable(boolean value) {
        return new Options(simulate, cascade, value, origin);
    }

    public Options withOrigin(String value) {
        return new Options(simulate, cascade, enable, value);
    }
}
