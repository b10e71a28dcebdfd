package dev.plinth.fleet.internal;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;

/** The check before an apply: each archive the catalogues here give is the one the generation was published with. */
final class ArchiveCheck {

    private ArchiveCheck() {
    }

    /** Refuses a generation whose archives the catalogues here give with another SHA-256 than published. */
    static void verify(LocalRuntime runtime, Generation wanted) throws PluginException {
        for (PluginSet.Member member : wanted.plugins().plugins()) {
            String published = wanted.archives().get(member.id());
            String here = runtime.sha256(member.id(), member.version()).orElse(null);
            if (here == null) {
                throw new PluginException(PluginException.Code.NOT_FOUND, "no catalogue of this node offers "
                        + member.id() + " " + member.version());
            }
            if (published == null || !published.equalsIgnoreCase(here)) {
                throw new PluginException(PluginException.Code.CHECKSUM_MISMATCH, member.id() + " "
                        + member.version() + ": the catalogues of this node give SHA-256 " + here + ", generation "
                        + wanted.number() + " was published with " + published);
            }
        }
    }
}
