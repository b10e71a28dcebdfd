package dev.plinth.api;

/**
 * How a verb is carried out. Immutable: the {@code with...} methods return a changed copy.
 *
 * @param simulate only compute and return the plan; change nothing
 * @param cascade disable or remove the plugins that depend on the target too, instead of refusing
 * @param enable enable the plugin after installing it
 * @param origin who asks: a channel, or {@code channel:who} ({@code shell:ada}, {@code deploy}, {@code rest:admin}, ...), recorded in the history
 * @param source how the archive an install or upgrade reads is recorded as the plugin's source, when its location is
 *        temporary (an upload: {@code upload:x.jar}); {@code null} to record the location itself
 * @param force carry out an upgrade that extensions would refuse only with consent (settings that the new version's
 *        metatype no longer accepts, for one); a refusal names what forcing gives up
 * @param keepData keep what a removed plugin stored (its settings, its data) for a later install of the same plugin
 * @param purge delete a removed plugin's database too, which a removal otherwise keeps for its return
 */
public record Options(boolean simulate, boolean cascade, boolean enable, String origin, String source, boolean force,
        boolean keepData, boolean purge) {

    /** No dry run, no cascade, no enable, origin {@code api}. */
    public static final Options DEFAULT = new Options(false, false, false, "api", null);

    public Options {
        origin = origin == null || origin.isBlank() ? "api" : origin;
        source = source == null || source.isBlank() ? null : source;
    }

    /** Options that record the archive's location as its source. */
    public Options(boolean simulate, boolean cascade, boolean enable, String origin) {
        this(simulate, cascade, enable, origin, null);
    }

    /** Options that force nothing and keep no data. */
    public Options(boolean simulate, boolean cascade, boolean enable, String origin, String source) {
        this(simulate, cascade, enable, origin, source, false, false);
    }

    /** Options that purge nothing. */
    public Options(boolean simulate, boolean cascade, boolean enable, String origin, String source, boolean force,
            boolean keepData) {
        this(simulate, cascade, enable, origin, source, force, keepData, false);
    }

    /** How the archive is recorded as the plugin's source instead of its location, or {@code null}. */
    public Options withSource(String value) {
        return new Options(simulate, cascade, enable, origin, value, force, keepData, purge);
    }

    public Options withSimulate(boolean value) {
        return new Options(value, cascade, enable, origin, source, force, keepData, purge);
    }

    public Options withCascade(boolean value) {
        return new Options(simulate, value, enable, origin, source, force, keepData, purge);
    }

    public Options withEnable(boolean value) {
        return new Options(simulate, cascade, value, origin, source, force, keepData, purge);
    }

    public Options withOrigin(String value) {
        return new Options(simulate, cascade, enable, value, source, force, keepData, purge);
    }

    /** Whether an upgrade extensions would refuse is carried out anyway. */
    public Options withForce(boolean value) {
        return new Options(simulate, cascade, enable, origin, source, value, keepData, purge);
    }

    /** Whether a removed plugin's settings and data are kept. */
    public Options withKeepData(boolean value) {
        return new Options(simulate, cascade, enable, origin, source, force, value, purge);
    }

    /** Whether a removed plugin's database is deleted too. */
    public Options withPurge(boolean value) {
        return new Options(simulate, cascade, enable, origin, source, force, keepData, value);
    }
}
