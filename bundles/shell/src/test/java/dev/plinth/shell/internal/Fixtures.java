package dev.plinth.shell.internal;

import java.time.Instant;
import java.util.List;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;

/** Test data shared by the shell's tests. */
final class Fixtures {

    static final Instant INSTALLED_AT = Instant.parse("2026-11-23T10:54:03.250Z");

    private Fixtures() {
    }

    static PluginInfo plugin(String id, String version, PluginKind kind, PluginState state, String name) {
        return new PluginInfo(id, version, name, "", "", "", "", kind, state, 7, List.of(), List.of(), null, null,
                null, null, null);
    }

    /** An unmanaged bundle 1.0.0 that the bundle {@code installer} installed. */
    static PluginInfo installedBy(String id, String installer) {
        return new PluginInfo(id, "1.0.0", "Payload", "", "", "", "", PluginKind.UNMANAGED, PluginState.INSTALLED, 9,
                List.of(), List.of(), null, null, null, null, null, installer);
    }

    /** A fragment 1.0.0 of {@code host}, attached. */
    static PluginInfo fragment(String id, String host) {
        return new PluginInfo(id, "1.0.0", "Extras", "", "", "", "", PluginKind.PLUGIN, PluginState.ENABLED, 11,
                List.of(host), List.of(), null, null, "cd34", "file:/tmp/extras.jar", INSTALLED_AT, null, host);
    }

    static PluginInfo greeter() {
        return new PluginInfo("greeter-en", "1.2.0", "English Greeter", "Says hello", "Plinth", "Apache-2.0",
                "https://plinth.dev", PluginKind.PLUGIN, PluginState.ENABLED, 42, List.of("greeting"),
                List.of(), null, "1.1.0", "ab12", "file:/tmp/greeter-en-1.2.0.jar", INSTALLED_AT);
    }
}
