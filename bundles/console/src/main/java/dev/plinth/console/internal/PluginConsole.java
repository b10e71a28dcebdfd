package dev.plinth.console.internal;

import java.util.List;
import java.util.Map;

import dev.plinth.common.ConsoleContributions;
import dev.plinth.common.ConsoleContributions.Contribution;

/**
 * What an enabled plugin brings to the console: its slots and the files of its {@code console/} folder, held in
 * memory as they are served, at one revision (its version and the hash of those files).
 *
 * @param bundleId the plugin's bundle
 * @param id the plugin's id (its symbolic name)
 * @param name the plugin's name as operators read it
 * @param version the plugin's version
 * @param hash the first 12 hex digits of the SHA-256 over its {@code console/} files ({@link RevisionHash})
 * @param contributions its slots, in the order of {@code ConsoleContributions.SLOTS}
 * @param files the files served, by their name below {@code console/}
 */
record PluginConsole(long bundleId, String id, String name, String version, String hash,
        List<Contribution> contributions, Map<String, StaticFile> files) {

    PluginConsole {
        contributions = List.copyOf(contributions);
        files = Map.copyOf(files);
    }

    /** {@code <version>/<hash>}: what changes when the plugin's UI does. */
    String revision() {
        return version + "/" + hash;
    }

    /** The URL of its files' folder: {@code /console/plugins/<id>/<version>/<hash>/}. */
    String filesUrl() {
        return "/console/plugins/" + id + "/" + revision() + "/";
    }

    /** The URL of the frame document of a slot. */
    String frameUrl(String slot) {
        return "/console/frames/" + id + "/" + revision() + "/" + slot + ".html";
    }

    /** The URL of a contribution's entry module. */
    String entryUrl(Contribution contribution) {
        return filesUrl() + contribution.entry().substring(ConsoleContributions.FOLDER.length());
    }

    /** The contribution of a slot, or {@code null}. */
    Contribution slot(String slot) {
        return contributions.stream().filter(c -> c.slot().equals(slot)).findFirst().orElse(null);
    }

    /** Whether a request's id, version and hash name this revision. */
    boolean is(String version, String hash) {
        return this.version.equals(version) && this.hash.equals(hash);
    }
}
