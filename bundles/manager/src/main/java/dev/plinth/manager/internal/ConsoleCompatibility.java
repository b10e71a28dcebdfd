package dev.plinth.manager.internal;

import java.io.IOException;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.function.Supplier;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.plugin.Namespaces;
import dev.plinth.common.ConsoleContributions;

/**
 * Refuses an archive whose console pages this runtime cannot show: a {@code Plinth-Console} header that is invalid
 * or that comes without a requirement of the console SDK ({@code INVALID_ARCHIVE}), or an SDK requirement no installed bundle
 * satisfies ({@code INCOMPATIBLE}, naming the range the plugin needs and the SDK this runtime has).
 */
final class ConsoleCompatibility {

    /** The requirement a plugin with console pages for SDK 1 adds to its manifest. */
    static final String REQUIREMENT_LINE = "Require-Capability: " + Namespaces.CONSOLE_SDK
            + ";filter:=\"(&(version>=1.0)(!(version>=2)))\"";

    private ConsoleCompatibility() {
    }

    /** @param installed the capabilities on offer, built only when the archive asks for a console SDK */
    static void check(Archive archive, Supplier<CapabilityIndex> installed) throws PluginException {
        String header = archive.manifest().getValue(ConsoleContributions.HEADER);
        List<ConsoleContributions.Contribution> contributions;
        try {
            contributions = ConsoleContributions.parse(header);
        } catch (IllegalArgumentException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, archive.id() + " " + archive.version() + ": its "
                    + ConsoleContributions.HEADER + " header is invalid: " + e.getMessage());
        }
        if (!contributions.isEmpty()) {
            entriesPresent(archive, contributions);
        }
        List<Capabilities.Req> sdk = archive.requirements().stream()
                .filter(requirement -> Namespaces.CONSOLE_SDK.equals(requirement.namespace())).toList();
        if (header != null && sdk.isEmpty()) {
            throw new PluginException(Code.INVALID_ARCHIVE, archive.id() + " " + archive.version() + ": its "
                    + ConsoleContributions.HEADER + " header needs a requirement of the console SDK; add this line to "
                    + "its manifest: " + REQUIREMENT_LINE);
        }
        CapabilityIndex index = sdk.isEmpty() ? null : installed.get();
        for (Capabilities.Req requirement : sdk) {
            if (index.matching(requirement).isEmpty()) {
                throw new PluginException(Code.INCOMPATIBLE, archive.id() + " " + archive.version() + " needs "
                        + RequirementText.describe(requirement) + "; " + runtime(index));
            }
        }
    }

    /** Refuses an archive whose header names an entry module the jar does not hold (names compared as written). */
    private static void entriesPresent(Archive archive, List<ConsoleContributions.Contribution> contributions)
            throws PluginException {
        try (JarFile jar = new JarFile(archive.file().toFile(), false)) {
            for (ConsoleContributions.Contribution contribution : contributions) {
                ZipEntry entry = jar.getEntry(contribution.entry());
                if (entry == null || entry.isDirectory()) {
                    throw new PluginException(Code.INVALID_ARCHIVE, archive.id() + " " + archive.version() + ": its "
                            + ConsoleContributions.HEADER + " header names the " + contribution.slot() + " module "
                            + contribution.entry() + ", which is not in the jar");
                }
            }
        } catch (IOException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, archive.id() + " " + archive.version()
                    + ": its console modules cannot be read: " + e.getMessage());
        }
    }

    private static String runtime(CapabilityIndex index) {
        return index.matching(new Capabilities.Req(Namespaces.CONSOLE_SDK, null)).stream()
                .map(offer -> "this runtime's console SDK is " + offer.cap().attributes().get("version"))
                .findFirst().orElse("this runtime has no console");
    }
}
