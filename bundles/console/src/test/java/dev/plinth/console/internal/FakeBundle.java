package dev.plinth.console.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/** A bundle as the console sees it: id, location, headers and entries; nothing of a framework. */
final class FakeBundle {

    private static long next = 100;

    final long bundleId = next++;
    final Hashtable<String, String> headers = new Hashtable<>();
    final Map<String, byte[]> entries = new TreeMap<>();
    String symbolicName;
    String location;
    String version = "1.0.0";

    FakeBundle(String id) {
        symbolicName = id;
        location = "plinth:managed/" + id;
        headers.put("Bundle-SymbolicName", id);
        headers.put("Plinth-Console", "page;entry=console/page.js;title=\"Greetings\", panel;entry=console/panel.js");
        entry("console/page.js", "export function mount(root) { root.textContent = 'page'; }");
        entry("console/panel.js", "export function mount(root) { root.textContent = 'panel'; }");
    }

    FakeBundle header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    FakeBundle entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    FakeBundle entry(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    FakeBundle version(String value) {
        version = value;
        return this;
    }

    Bundle bundle() {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "getLocation" -> location;
                    case "getBundleId" -> bundleId;
                    case "getVersion" -> Version.parseVersion(version);
                    case "getState" -> Bundle.ACTIVE;
                    case "getHeaders" -> new Hashtable<>(headers);
                    case "findEntries" -> Collections.enumeration(find((String) args[0]));
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake bundle " + symbolicName;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** The entries under a folder, and the folders themselves, as Felix gives them (paths starting with '/'). */
    private List<URL> find(String folder) throws Exception {
        String prefix = folder.replaceFirst("^/", "");
        List<URL> found = new ArrayList<>();
        found.add(url("/" + prefix, new byte[0]));
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                found.add(url("/" + entry.getKey(), entry.getValue()));
            }
        }
        return found;
    }

    private static URL url(String path, byte[] bytes) throws Exception {
        return new URL("bundle", "1.0", -1, path, new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {
                    }

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(bytes);
                    }
                };
            }
        });
    }
}
