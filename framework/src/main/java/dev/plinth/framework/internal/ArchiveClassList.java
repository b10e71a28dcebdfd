package dev.plinth.framework.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.plinth.common.AtomicFiles;

/**
 * The list a class data archive is made from ({@code -XX:SharedClassListFile}): the classes the JDK's class loaders
 * loaded, each with an id, then the boot bundles' classes that Felix's class loaders defined, as classes for
 * "unregistered" loaders: name, id, the ids of their super class and interfaces, and the jar in {@code system/}
 * their bytes come from. The JVM hands such a class to any class loader that defines the very same bytes (same name,
 * size and checksum) once its super types resolve to the archived ones; other bytes are defined as usual.
 */
final class ArchiveClassList {

    private static final String SYSTEM_SOURCE = " source: plinth:system/";

    private final Map<String, Integer> ids = new HashMap<>();
    private final StringBuilder text = new StringBuilder();

    private ArchiveClassList() {
    }

    /**
     * Writes the list from files: {@code <the JVM's list> <the class loading log> <system directory> <list>}, then
     * deletes the first two. Run by {@link ClassDataArchive} in a JVM of its own; exits with 1 when it cannot.
     */
    public static void main(String[] args) {
        try {
            Path jvmList = Path.of(args[0]);
            Path classLoads = Path.of(args[1]);
            Path list = Path.of(args[3]);
            List<String> loads = Files.isRegularFile(classLoads)
                    ? Files.readAllLines(classLoads, StandardCharsets.UTF_8) : List.of();
            String text = of(ClassDataArchive.usable(Files.readString(jvmList, StandardCharsets.UTF_8)), loads,
                    Path.of(args[2]));
            AtomicFiles.writeUnforced(list, text.getBytes(StandardCharsets.UTF_8));
            Files.delete(jvmList);
            Files.deleteIfExists(classLoads);
        } catch (IOException | RuntimeException e) {
            System.exit(1);
        }
    }

    /**
     * @param jvmList the JVM's list of the classes its own loaders loaded ({@code -XX:DumpLoadedClassList}),
     *        whole lines only
     * @param classLoads the class loading log of the same start ({@code -Xlog:class+load} without decorations:
     *        {@code name source: location}), may be empty
     * @param systemDirectory where the boot bundles' jars are
     */
    static String of(String jvmList, List<String> classLoads, Path systemDirectory) {
        ArchiveClassList list = new ArchiveClassList();
        list.builtin(jvmList);
        list.bundles(classLoads, systemDirectory);
        return list.text.toString();
    }

    private void builtin(String jvmList) {
        for (String line : jvmList.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '@' || line.charAt(0) == '#') {
                text.append(line).append('\n');
                continue;
            }
            String name = line.split(" ", 2)[0];
            if (!ids.containsKey(name)) {
                ids.put(name, ids.size());
                text.append(name).append(" id: ").append(ids.get(name)).append('\n');
            }
        }
    }

    private void bundles(List<String> classLoads, Path systemDirectory) {
        Map<String, String> jarOf = new LinkedHashMap<>();
        Set<String> twice = new HashSet<>();
        for (String line : classLoads) {
            int source = line.indexOf(SYSTEM_SOURCE);
            if (source > 0) {
                String name = line.substring(0, source).trim().replace('.', '/');
                String jar = line.substring(source + SYSTEM_SOURCE.length()).trim();
                if (jarOf.putIfAbsent(name, jar) != null) {
                    twice.add(name);
                }
            }
        }
        twice.forEach(jarOf::remove);
        Map<String, ClassHeader> headers = new HashMap<>();
        Map<String, ZipFile> jars = new HashMap<>();
        try {
            for (Map.Entry<String, String> entry : jarOf.entrySet()) {
                ClassHeader header = read(jars, systemDirectory.resolve(entry.getValue()), entry.getKey());
                if (header != null && header.name().equals(entry.getKey())) {
                    headers.put(entry.getKey(), header);
                }
            }
        } finally {
            jars.values().forEach(ArchiveClassList::closeQuietly);
        }
        Set<String> unusable = new HashSet<>();
        for (String name : jarOf.keySet()) {
            emit(name, headers, jarOf, systemDirectory, unusable);
        }
    }

    /** Lists {@code name} after its super types; false when one of them cannot be listed. */
    private boolean emit(String name, Map<String, ClassHeader> headers, Map<String, String> jarOf, Path system,
            Set<String> unusable) {
        if (ids.containsKey(name)) {
            return true;
        }
        ClassHeader header = headers.get(name);
        if (header == null || header.superName() == null || unusable.contains(name)) {
            return false;
        }
        unusable.add(name);
        List<String> superTypes = new ArrayList<>();
        superTypes.add(header.superName());
        superTypes.addAll(header.interfaces());
        for (String superType : superTypes) {
            if (!emit(superType, headers, jarOf, system, unusable)) {
                return false;
            }
        }
        unusable.remove(name);
        int id = ids.size();
        ids.put(name, id);
        text.append(name).append(" id: ").append(id).append(" super: ").append(ids.get(header.superName()));
        if (!header.interfaces().isEmpty()) {
            text.append(" interfaces:");
            header.interfaces().forEach(type -> text.append(' ').append(ids.get(type)));
        }
        text.append(" source: ").append(system.resolve(jarOf.get(name)).toAbsolutePath()).append('\n');
        return true;
    }

    private static ClassHeader read(Map<String, ZipFile> jars, Path jar, String name) {
        try {
            ZipFile zip = jars.get(jar.toString());
            if (zip == null) {
                zip = new ZipFile(jar.toFile());
                jars.put(jar.toString(), zip);
            }
            ZipEntry entry = zip.getEntry(name + ".class");
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return ClassHeader.parse(in.readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException e) {
            // only read from
        }
    }

    /** A class file's own name, super class and interfaces (internal names, {@code a/b/C}). */
    record ClassHeader(String name, String superName, List<String> interfaces) {

        static ClassHeader parse(byte[] bytes) throws IOException {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            int[] classes = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classes[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.skipBytes(2);
                    case 15 -> in.skipBytes(3);
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IOException("constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            String name = utf8[classes[in.readUnsignedShort()]];
            int superIndex = in.readUnsignedShort();
            String superName = superIndex == 0 ? null : utf8[classes[superIndex]];
            int interfaceCount = in.readUnsignedShort();
            List<String> interfaces = new ArrayList<>();
            for (int i = 0; i < interfaceCount; i++) {
                interfaces.add(utf8[classes[in.readUnsignedShort()]]);
            }
            return new ClassHeader(name, superName, List.copyOf(interfaces));
        }
    }
}
