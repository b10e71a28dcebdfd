package dev.plinth.manager.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.Version;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.plinth.api.extension.LibrarySource;
import dev.plinth.api.plugin.PlinthProperties;

/**
 * Plinth's own library source: the bundle jars in the {@code libraries/} folder of the home (or the folders
 * configured), offered newest version first. Manifests are read once per file version.
 */
@Component(configurationPid = LibraryDirectory.PID)
@Designate(ocd = LibraryDirectory.Config.class)
public final class LibraryDirectory implements LibrarySource {

    static final String PID = "dev.plinth.manager.libraries";

    @ObjectClassDefinition(name = "Plinth library folders",
            description = "Folders of bundle jars the plugin manager may install as libraries.")
    public @interface Config {

        @AttributeDefinition(name = "Folders",
                description = "Folders to search. Empty: the libraries/ folder of the Plinth home.")
        String[] directories() default {};
    }

    private record Indexed(long modified, long size, String id, Version version, List<Capabilities.Cap> caps) {
    }

    private final List<Path> directories;
    private final Map<Path, Indexed> cache = new ConcurrentHashMap<>();

    @Activate
    public LibraryDirectory(BundleContext context, Config config) {
        List<Path> configured = new ArrayList<>();
        for (String directory : config.directories()) {
            if (!directory.isBlank()) {
                configured.add(Path.of(directory.strip()));
            }
        }
        String home = context.getProperty(PlinthProperties.HOME);
        if (configured.isEmpty() && home != null) {
            configured.add(Path.of(home, "libraries"));
        }
        this.directories = List.copyOf(configured);
    }

    @Override
    public List<URI> providers(Requirement requirement) {
        String filterText = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        Filter filter = CapabilityIndex.filter(new Capabilities.Req(requirement.getNamespace(), filterText));
        List<Map.Entry<Path, Indexed>> found = new ArrayList<>();
        for (Path directory : directories) {
            for (Path jar : jars(directory)) {
                Indexed indexed = index(jar);
                if (indexed != null
                        && indexed.caps().stream().anyMatch(cap -> cap.matches(requirement.getNamespace(), filter))) {
                    found.add(Map.entry(jar, indexed));
                }
            }
        }
        found.sort(Comparator.comparing((Map.Entry<Path, Indexed> entry) -> entry.getValue().version()).reversed());
        return found.stream().map(entry -> entry.getKey().toUri()).toList();
    }

    private static List<Path> jars(Path directory) {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return jars;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.jar")) {
            files.forEach(jars::add);
        } catch (IOException e) {
            // an unreadable folder offers nothing
        }
        return jars;
    }

    private Indexed index(Path jar) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
            long modified = attributes.lastModifiedTime().toMillis();
            Indexed known = cache.get(jar);
            if (known != null && known.modified() == modified && known.size() == attributes.size()) {
                return known;
            }
            try (JarFile file = new JarFile(jar.toFile(), false)) {
                Attributes manifest = file.getManifest() == null ? null : file.getManifest().getMainAttributes();
                String id = manifest == null ? null : Capabilities.symbolicName(manifest);
                if (id == null) {
                    return null;
                }
                Indexed indexed = new Indexed(modified, attributes.size(), id,
                        Version.parseVersion(manifest.getValue("Bundle-Version")), Capabilities.of(manifest));
                cache.put(jar, indexed);
                return indexed;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
