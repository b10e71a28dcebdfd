package dev.plinth.api;

/**
 * What became of one item of a batch ({@link PluginManager#installAll}, {@link PluginManager#removeAll}).
 *
 * @param request the item as it was asked for: the archive's source, or the plugin id
 * @param id the plugin id, or {@code null} when the archive could not be read
 * @param version the version installed or removed, or {@code null} when unknown
 * @param failure why the item failed (it then changed nothing), or {@code null} when it succeeded
 */
public record BatchResult(String request, String id, String version, PluginException failure) {

    /** True when the item was carried out. */
    public boolean succeeded() {
        return failure == null;
    }
}
