package dev.plinth.framework.internal;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.plinth.common.AtomicFiles;

/**
 * The runtime's class data sharing archive: the classes of the JDK, the launcher, Felix and the boot bundles that a
 * start loads, which the JVM then maps from one file instead of loading, parsing and verifying them one by one.
 *
 * <p>{@code bin/plinth} names the archive with {@value #ARCHIVE_PROPERTY} and hands it to the JVM when it has one
 * newer than the launcher and this Java; without one it has the JVM list the classes it loads into
 * {@value #LOADED} beside it, and log the classes the bundles' class loaders define into {@value #LOADED_CLASSES}
 * ({@link ArchiveClassList}). Once the runtime is ready, {@link #refresh()} makes the archive from that list, in a
 * process of its own at low priority, when this JVM did not map it (the JDK's own archive does not count): there
 * was none, or the JVM refused it (made by another JDK, for other jars or options, damaged). An archive as its make
 * left it, refused twice for the same Java, options and jars, is not made again, so that options which rule sharing
 * out do not cost a dump at every start; an archive damaged or replaced after its make is made again at each
 * refusal, until a make completes.
 */
public final class ClassDataArchive {

    /** The system property naming the archive, set by {@code bin/plinth}. */
    public static final String ARCHIVE_PROPERTY = "plinth.cds.archive";
    /** The classes the JVM loaded on a start without an archive ({@code -XX:DumpLoadedClassList}). */
    static final String LOADED = "loaded.classlist";
    /** The class loading log of that start ({@code -Xlog:class+load}), for the classes the bundles defined. */
    static final String LOADED_CLASSES = "loaded.classes";
    /** The list the archive is made from, kept to make it again when the JVM refuses it. */
    static final String CLASS_LIST = "plinth.classlist";
    /** The Java and options for which a fresh archive was refused. */
    static final String REFUSED = "plinth.jsa.refused";

    private static final Pattern RELEVANT_OPTION = Pattern.compile(
            "-Xmx.*|-XX:[+-]UseCompressed(Oops|ClassPointers)|-XX:ObjectAlignmentInBytes=.*|-XX:[+-]Use\\w+GC");
    /**
     * Writes the class list from what the JVM listed (in a JVM of its own: reading the bundles' class files costs
     * memory the runtime need not keep), dumps the archive into a temporary file outside the data directory, then
     * copies it beside the archive, forces it to the disk, records its size ({@code plinth.jsa.size}, which
     * {@code bin/plinth} checks: Java 17 crashes on a cut archive) and renames it into place: the data directory
     * never holds a half-made archive, and is not written to when it was deleted meanwhile; the temporary files go
     * when it ends, also on a signal. All of it at the lowest priority.
     */
    private static final String MAKE = "made=$1 archive=$2 mode=$3 java=$4 classpath=$5 loaded=$6 classes=$7 "
            + "system=$8 list=$9; shift 9; trap 'rm -f \"$made\" \"$archive.$$\" \"$archive.size.$$\"' EXIT; "
            + "trap 'exit 1' HUP INT TERM; "
            + "low=; if command -v nice > /dev/null 2>&1; then low='nice -n 19'; fi; "
            + "{ [ \"$mode\" != list ] || $low \"$java\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp \"$classpath\" "
            + ArchiveClassList.class.getName() + " \"$loaded\" \"$classes\" \"$system\" \"$list\"; } > /dev/null 2>&1 "
            + "&& $low \"$java\" \"$@\" -Xshare:dump -XX:SharedClassListFile=\"$list\" -cp \"$classpath\" "
            + "-XX:SharedArchiveFile=\"$made\" > /dev/null 2>&1 && cp \"$made\" \"$archive.$$\" 2> /dev/null "
            + "&& { sync \"$archive.$$\" 2> /dev/null; true; } "
            + "&& wc -c < \"$archive.$$\" | tr -d ' ' > \"$archive.size.$$\" 2> /dev/null "
            + "&& mv -f \"$archive.size.$$\" \"$archive.size\" 2> /dev/null "
            + "&& mv -f \"$archive.$$\" \"$archive\" 2> /dev/null; "
            + "rm -f \"$made\" \"$archive.$$\" \"$archive.size.$$\"";

    private final Path archive;
    private final boolean mapped;
    private final Path java;
    private final String classPath;
    private final List<String> jvmOptions;
    private final Path systemDirectory;

    ClassDataArchive(Path archive, boolean mapped, Path java, String classPath, List<String> jvmOptions,
            Path systemDirectory) {
        this.systemDirectory = systemDirectory;
        this.archive = archive;
        this.mapped = mapped;
        this.java = java;
        this.classPath = classPath;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The archive {@code bin/plinth} named for this JVM, if it named one.
     *
     * @param systemDirectory where the boot bundles' jars are, whose classes the archive holds too
     */
    public static Optional<ClassDataArchive> ofThisJvm(Path systemDirectory) {
        String named = System.getProperty(ARCHIVE_PROPERTY);
        if (named == null || named.isBlank()) {
            return Optional.empty();
        }
        List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean mapped = arguments.contains("-XX:SharedArchiveFile=" + named)
                && System.getProperty("java.vm.info", "").contains("sharing");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> options = arguments.stream().filter(option -> RELEVANT_OPTION.matcher(option).matches())
                .toList();
        return Optional.of(new ClassDataArchive(Path.of(named), mapped, java, System.getProperty("java.class.path"),
                options, systemDirectory));
    }

    /**
     * Makes the archive in the background when this JVM did not map it. Never prints, never fails: without an
     * archive the runtime only starts as it did before.
     *
     * @return the process making it, if one was started
     */
    public Optional<Process> refresh() {
        try {
            Path directory = archive.toAbsolutePath().getParent();
            Path refused = directory.resolve(REFUSED);
            if (notAFile(refused) || notAFile(sizeFile())) {
                return Optional.empty(); // not ours to replace
            }
            if (mapped) {
                Files.deleteIfExists(refused);
                return Optional.empty();
            }
            Path loaded = directory.resolve(LOADED);
            Path classList = directory.resolve(CLASS_LIST);
            boolean listed = Files.isRegularFile(loaded);
            if (!listed) {
                if (asMade()) {
                    String key = key();
                    if (Files.isRegularFile(refused)
                            && key.equals(Files.readString(refused, StandardCharsets.UTF_8))) {
                        return Optional.empty();
                    }
                    AtomicFiles.writeUnforced(refused, key.getBytes(StandardCharsets.UTF_8));
                }
                if (!Files.isRegularFile(classList)) {
                    Files.deleteIfExists(archive);
                    return Optional.empty();
                }
            }
            return Optional.of(make(listed, loaded, directory.resolve(LOADED_CLASSES), classList));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Process make(boolean listed, Path loaded, Path loadedClasses, Path classList) throws IOException {
        Path made = Files.createTempFile("plinth-cds-", ".jsa");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", MAKE, "sh", made.toString(),
                archive.toAbsolutePath().toString(), listed ? "list" : "keep", java.toString(), classPath,
                loaded.toString(), loadedClasses.toString(), systemDirectory.toAbsolutePath().toString(),
                classList.toString()));
        command.addAll(jvmOptions);
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /**
     * What the refusal of an archive as its make left it is recorded for: the Java, the options and the class path's
     * jars as they are now. A second refusal for the same means that these rule sharing out.
     */
    private String key() throws IOException {
        StringBuilder key = new StringBuilder(java + " " + System.getProperty("java.vm.version") + " "
                + String.join(" ", jvmOptions) + " " + classPath);
        for (String entry : classPath.split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            if (Files.isRegularFile(jar)) {
                key.append(' ').append(stamp(jar));
            }
        }
        return key.append('\n').toString();
    }

    private Path sizeFile() {
        return archive.resolveSibling(archive.getFileName() + ".size");
    }

    private static boolean notAFile(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether the archive is as its make left it: of the size it recorded, and not modified after it. */
    private boolean asMade() throws IOException {
        Path size = sizeFile();
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(size)) {
            return false;
        }
        return Files.readString(size, StandardCharsets.UTF_8).strip().equals(String.valueOf(Files.size(archive)))
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(size)) <= 0;
    }

    private static String stamp(Path file) throws IOException {
        return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
    }

    /**
     * The lines of a list the JVM wrote that an archive can be made from: every class it names, and the lambdas
     * of those classes only (the others are the bundles', which the framework loads and an archive cannot hold);
     * a last line still being written is left out.
     */
    static String usable(String loaded) {
        int end = loaded.lastIndexOf('\n');
        String[] lines = loaded.substring(0, end + 1).split("\n");
        Set<String> classes = new HashSet<>();
        for (String line : lines) {
            if (!line.isEmpty() && line.charAt(0) != '@' && line.charAt(0) != '#') {
                classes.add(line.split(" ", 2)[0]);
            }
        }
        StringBuilder usable = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("@lambda-proxy ")) {
                String[] words = line.split(" ", 3);
                if (words.length < 2 || !classes.contains(words[1])) {
                    continue;
                }
            }
            if (!line.isEmpty()) {
                usable.append(line).append('\n');
            }
        }
        return usable.toString();
    }
}
