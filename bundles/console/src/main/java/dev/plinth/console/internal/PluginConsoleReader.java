package dev.plinth.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

import dev.plinth.common.ConsoleContributions;
import dev.plinth.common.ConsoleContributions.Contribution;

/**
 * Reads what an enabled plugin brings to the console from its bundle: the {@code Plinth-Console} header and every
 * file of its {@code console/} folder (nothing else of the bundle), within bounds: at most {@value #MAX_FILES} files
 * and {@value #MAX_BYTES} bytes in all. Files whose type is not served to plugins (HTML among them) count for the
 * bounds and the hash but are never served.
 */
final class PluginConsoleReader {

    static final int MAX_FILES = 500;
    static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final String ROOT = "/" + ConsoleContributions.FOLDER;

    private PluginConsoleReader() {
    }

    /** Why a plugin's console is not served; the message names what is wrong, for operators. */
    static final class Unusable extends Exception {

        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** The console of a plugin's bundle, which must have the header. */
    static PluginConsole read(Bundle bundle) throws Unusable {
        List<Contribution> contributions;
        try {
            contributions = ConsoleContributions.parse(bundle.getHeaders("").get(ConsoleContributions.HEADER));
        } catch (IllegalArgumentException e) {
            throw new Unusable("its " + ConsoleContributions.HEADER + " header is invalid: " + e.getMessage());
        }
        String id = bundle.getSymbolicName();
        String name = bundle.getHeaders().get(Constants.BUNDLE_NAME);
        return of(bundle.getBundleId(), id, name == null || name.isBlank() ? id : name,
                bundle.getVersion().toString(), contributions, files(bundle));
    }

    /** The console of these files; refused when an entry module is not among them. */
    static PluginConsole of(long bundleId, String id, String name, String version, List<Contribution> contributions,
            SortedMap<String, byte[]> files) throws Unusable {
        Map<String, StaticFile> served = new HashMap<>();
        files.forEach((file, bytes) -> {
            String type = MediaTypes.ofPluginFile(file);
            if (type != null) {
                served.put(file, StaticFile.of(type, bytes));
            }
        });
        for (Contribution contribution : contributions) {
            if (!served.containsKey(contribution.entry().substring(ConsoleContributions.FOLDER.length()))) {
                throw new Unusable("the entry " + contribution.entry() + " of its " + contribution.slot()
                        + " is not in its bundle");
            }
        }
        return new PluginConsole(bundleId, id, name, version, RevisionHash.of(files), contributions, served);
    }

    private static SortedMap<String, byte[]> files(Bundle bundle) throws Unusable {
        SortedMap<String, byte[]> files = new TreeMap<>();
        Enumeration<URL> entries = bundle.findEntries(ROOT, "*", true);
        long total = 0;
        while (entries != null && entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            String path = entry.getPath();
            if (path.endsWith("/") || !path.startsWith(ROOT)) {
                continue;
            }
            if (files.size() == MAX_FILES) {
                throw new Unusable("its console/ folder has more than " + MAX_FILES + " files");
            }
            byte[] bytes;
            try (InputStream in = entry.openStream()) {
                bytes = in.readNBytes((int) (MAX_BYTES - total + 1));
            } catch (IOException e) {
                throw new Unusable("its console/ files cannot be read: " + e.getMessage());
            }
            total += bytes.length;
            if (total > MAX_BYTES) {
                throw new Unusable("its console/ folder holds more than 8 MiB");
            }
            files.put(path.substring(ROOT.length()), bytes);
        }
        return files;
    }
}
