package dev.plinth.storage.internal;

import org.osgi.framework.Bundle;

import dev.plinth.api.storage.PluginStorage;

/** Whether a bundle asks for storage: its {@code Require-Capability} names the extender {@code plinth.storage}. */
final class StorageRequirement {

    private StorageRequirement() {
    }

    static boolean asks(Bundle bundle) {
        return asks(bundle.getHeaders("").get("Require-Capability"));
    }

    /** Reads the header's text: an {@code osgi.extender} requirement whose filter names the extender. */
    static boolean asks(String requireCapability) {
        if (requireCapability == null) {
            return false;
        }
        String text = requireCapability.replace(" ", "");
        return text.contains("osgi.extender") && text.contains("osgi.extender=" + PluginStorage.EXTENDER + ")");
    }
}
