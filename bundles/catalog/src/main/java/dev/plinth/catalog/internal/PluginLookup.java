package dev.plinth.catalog.internal;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginManager;

/** Finds the installed plugin a catalogue verb is asked for: what is not a plugin is protected, not missing. */
final class PluginLookup {

    private PluginLookup() {
    }

    /**
     * @param what what the verb does to a plugin, as the refusal says it ({@code updated}, {@code pinned})
     * @throws PluginException NOT_FOUND when nothing has that id, PROTECTED for a library, system or unmanaged bundle
     */
    static PluginInfo plugin(PluginManager manager, String id, String what) throws PluginException {
        String wanted = id == null ? "" : id.trim();
        PluginInfo info = manager.find(wanted).orElseThrow(() -> new PluginException(Code.NOT_FOUND,
                "no plugin " + wanted + " is installed"));
        if (info.kind() != PluginKind.PLUGIN) {
            throw new PluginException(Code.PROTECTED, info.id() + " is a " + info.kind().label()
                    + ", not a plugin: only plugins are " + what
                    + (info.kind() == PluginKind.LIBRARY ? " (libraries follow the plugins that need them; plugin:install "
                            + info.id() + " makes it a plugin)" : ""));
        }
        return info;
    }
}
