package dev.plinth.itests.embedding;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ops4j.pax.exam.Option;

import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.itests.PlinthRuntime;
import dev.plinth.itests.Samples;

/**
 * Pax Exam options for Plinth's manager, shell and deploy bundles embedded in an OSGi framework that the launcher
 * does not own: only the bundles they need (taken from the distribution's {@code system/}), only Plinth's own
 * framework properties, nothing specific to one framework beyond what {@link EmbeddingFramework} names.
 */
public final class EmbeddedRuntime {

    /** ServiceLoader inside OSGi: SPI Fly and the ASM it weaves with. */
    private static final List<String> SERVICE_LOADER = List.of("org.apache.aries.spifly.dynamic.bundle",
            "org.objectweb.asm", "org.objectweb.asm.commons", "org.objectweb.asm.tree",
            "org.objectweb.asm.tree.analysis", "org.objectweb.asm.util");
    /** SLF4J with its provider, and Declarative Services. */
    private static final List<String> LOGGING_AND_DS = List.of("slf4j.api", "ch.qos.logback.core",
            "ch.qos.logback.classic", "jul.to.slf4j", "org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.scr");
    /** Plinth's bundles and the rest of what they need. */
    private static final List<String> PLINTH = List.of("jakarta.json-api", "org.eclipse.parsson",
            "com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-databind",
            "org.apache.felix.configadmin", "org.apache.felix.eventadmin", "org.apache.felix.gogo.runtime",
            "dev.plinth.api", "dev.plinth.manager", "dev.plinth.shell", "dev.plinth.deploy");
    /** After the logging and Pax Exam's own bundles (level 4). */
    private static final int PLINTH_START_LEVEL = 5;
    private static final int FRAMEWORK_START_LEVEL = 10;

    private EmbeddedRuntime() {
    }

    /**
     * The bundles an embedder adds to {@code framework} for Plinth, by symbolic name, in start order, with the start
     * level each gets here.
     */
    public static Map<String, Integer> bundles(EmbeddingFramework framework) {
        Map<String, Integer> levels = new LinkedHashMap<>();
        SERVICE_LOADER.forEach(name -> levels.put(name, 1));
        LOGGING_AND_DS.forEach(name -> levels.put(name, 2));
        framework.logService().forEach(name -> levels.put(name, 3));
        levels.put("dev.plinth.log", 3);
        PLINTH.forEach(name -> levels.put(name, PLINTH_START_LEVEL));
        return levels;
    }

    /**
     * A home of the test's own under {@code target/exam/}: {@code libraries/} (the sample library), and the
     * {@code data/} and {@code deploy/} the bundles are pointed at.
     */
    public static Path home(Class<?> test) {
        Path home = PlinthRuntime.testHome(test);
        try {
            Path libraries = Files.createDirectories(home.resolve("libraries"));
            Files.copy(PlinthRuntime.distribution().resolve("libraries").resolve(Samples.GREETING + ".jar"),
                    libraries.resolve(Samples.GREETING + ".jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(home.resolve("deploy"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /**
     * The bundles of {@link #bundles}, Pax Exam's and the framework properties Plinth's bundles read: where the
     * plugin store ({@code plinth.data}), the deploy directory and the library folder ({@code plinth.home}) are.
     */
    public static Option[] options(Path home, EmbeddingFramework framework) {
        List<Option> options = new ArrayList<>();
        options.add(frameworkProperty(PlinthProperties.HOME).value(home.toString()));
        options.add(frameworkProperty(PlinthProperties.DATA).value(home.resolve("data").toString()));
        options.add(frameworkProperty(PlinthProperties.DEPLOY).value(home.resolve("deploy").toString()));
        options.add(frameworkProperty("org.osgi.service.log.admin.loglevel").value("INFO"));
        options.add(systemProperty("logback.configurationFile").value(home.resolve("etc/logback.xml").toString()));
        options.add(systemProperty("plinth.log.dir").value(home.resolve("data/log").toString()));
        options.add(frameworkStartLevel(FRAMEWORK_START_LEVEL));
        bundles(framework).forEach((name, level) -> options.add(bundle(jar(name)).startLevel(level).start()));
        options.addAll(PlinthRuntime.paxExamBundles());
        return options.toArray(new Option[0]);
    }

    private static String jar(String symbolicName) {
        return PlinthRuntime.systemJar(symbolicName).toUri().toString();
    }
}
