package dev.plinth.storage.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/**
 * A plugin for the tests without a framework: its entries in memory, as a {@link Bundle} (a proxy that answers what
 * storage asks: name, version, headers, entries, classes) and as an archive on disk.
 */
final class FakePlugin {

    static final String REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"";

    private final String id;
    private final String version;
    private final Map<String, byte[]> entries = new TreeMap<>();

    FakePlugin(String id, String version) {
        this.id = id;
        this.version = version;
    }

    FakePlugin sql(String name, String text) {
        entries.put("db/migration/" + name, text.getBytes());
        return this;
    }

    FakePlugin javaMigration(Class<?> type) {
        String name = type.getName().replace('.', '/') + ".class";
        try (var in = type.getClassLoader().getResourceAsStream(name)) {
            entries.put(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Bundle bundle() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> id;
                    case "getVersion" -> Version.parseVersion(version);
                    case "getState" -> Bundle.RESOLVED;
                    case "getHeaders" -> headers();
                    case "findEntries" -> enumeration(find((String) args[0], (String) args[1]));
                    case "getEntry" -> url(((String) args[0]).replaceFirst("^/", ""));
                    case "loadClass" -> getClass().getClassLoader().loadClass((String) args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> id + " " + version;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static java.util.Enumeration<URL> enumeration(List<URL> urls) {
        return urls == null ? null : Collections.enumeration(urls);
    }

    private Dictionary<String, String> headers() {
        Dictionary<String, String> headers = new Hashtable<>();
        headers.put("Bundle-SymbolicName", id);
        headers.put("Require-Capability", REQUIREMENT);
        return headers;
    }

    private List<URL> find(String folder, String pattern) {
        String prefix = pattern.replace("*", "");
        List<URL> found = new ArrayList<>();
        for (String name : entries.keySet()) {
            String file = name.substring(name.lastIndexOf('/') + 1);
            if (name.startsWith(folder + "/") && file.startsWith(prefix)) {
                found.add(url(name));
            }
        }
        return found.isEmpty() ? null : found;
    }

    private URL url(String name) {
        byte[] content = entries.get(name);
        if (content == null) {
            return null;
        }
        try {
            return new URL("bundle", "fake", -1, "/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL url) {
                    return new URLConnection(url) {
                        @Override
                        public void connect() {
                        }

                        @Override
                        public java.io.InputStream getInputStream() {
                            return new java.io.ByteArrayInputStream(content);
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The plugin as an archive in {@code directory}. */
    Path archive(Path directory) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-SymbolicName", id);
        main.putValue("Bundle-Version", version);
        main.putValue("Require-Capability", REQUIREMENT);
        Path archive = directory.resolve(id + "-" + version + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(archive), manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return archive;
    }
}
