package dev.plinth.framework.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * The launcher's settings for one home: framework properties (embedded defaults, then
 * {@code conf/plinth.properties}, then JVM system properties, then those given by an embedding
 * program) and JVM system properties to set ({@code conf/system.properties}), all interpolated.
 */
public final class LauncherConfiguration {

    public static final String FRAMEWORK_FILE = "plinth.properties";
    public static final String SYSTEM_FILE = "system.properties";

    /** Framework properties naming directories: a relative one is made absolute against the home. */
    private static final Set<String> DIRECTORIES = Set.of(LauncherProperties.CONF, LauncherProperties.ETC,
            LauncherProperties.SYSTEM, LauncherProperties.DEPLOY, LauncherProperties.DATA, LauncherProperties.LOG,
            LauncherProperties.STORAGE);
    /** System properties naming files or directories, made absolute against the home likewise. */
    private static final Set<String> SYSTEM_PATHS = Set.of("logback.configurationFile", "plinth.log.dir",
            "java.util.logging.config.file");

    private final Path home;
    private final Map<String, String> framework;
    private final Map<String, String> system;

    private LauncherConfiguration(Path home, Map<String, String> framework, Map<String, String> system) {
        this.home = home;
        this.framework = Collections.unmodifiableMap(framework);
        this.system = Collections.unmodifiableMap(system);
    }

    /** Reads the configuration of {@code home} as the running JVM sees it. */
    public static LauncherConfiguration load(Path home, Map<String, String> overrides) {
        return load(home, overrides, System::getProperty, System::getenv);
    }

    static LauncherConfiguration load(Path home, Map<String, String> overrides,
            Function<String, String> systemProperties, Function<String, String> environment) {
        Path absoluteHome = home.toAbsolutePath().normalize();
        if (!Files.isDirectory(absoluteHome)) {
            throw new ConfigurationException("Plinth home " + absoluteHome + " is not a directory");
        }
        Map<String, String> raw = readResource("framework-defaults.properties");
        Path conf = absoluteHome.resolve("conf");
        raw.putAll(readFile(conf.resolve(FRAMEWORK_FILE)));
        for (String key : raw.keySet()) {
            String fromJvm = systemProperties.apply(key);
            if (fromJvm != null) {
                raw.put(key, fromJvm);
            }
        }
        raw.putAll(overrides);
        raw.put(LauncherProperties.HOME, absoluteHome.toString());

        Interpolator interpolator = new Interpolator(systemProperties, environment);
        Map<String, String> framework = HomePaths.absolute(absoluteHome, interpolator.resolveAll(raw),
                DIRECTORIES);

        Map<String, String> rawSystem = readResource("system-defaults.properties");
        rawSystem.putAll(readFile(conf.resolve(SYSTEM_FILE)));
        Map<String, String> system = HomePaths.absolute(absoluteHome,
                interpolator.resolveAgainst(rawSystem, framework), SYSTEM_PATHS);

        LauncherConfiguration configuration = new LauncherConfiguration(absoluteHome, framework, system);
        configuration.validate();
        return configuration;
    }

    private void validate() {
        positiveInt(LauncherProperties.BEGINNING_START_LEVEL);
        positiveInt(LauncherProperties.BOOT_START_LEVEL);
        positiveInt(LauncherProperties.CONSOLE_START_LEVEL);
        positiveInt(LauncherProperties.PLUGINS_START_LEVEL);
        seconds(LauncherProperties.READY_TIMEOUT);
        seconds(LauncherProperties.SHUTDOWN_TIMEOUT);
        startLevels();
    }

    /**
     * Refuses a logback configuration file ({@code logback.configurationFile}) that is not
     * well-formed XML, with a {@link ConfigurationException} naming the file, line and column.
     */
    public void checkLoggingConfiguration() {
        LogbackFileCheck.check(system.get(LogbackFileCheck.PROPERTY));
    }

    public Path home() {
        return home;
    }

    /** The properties handed to the framework; bundles see them through {@code BundleContext.getProperty}. */
    public Map<String, String> frameworkProperties() {
        return framework;
    }

    /** The JVM system properties the launcher sets before it creates the framework. */
    public Map<String, String> systemProperties() {
        return system;
    }

    public String get(String key) {
        return framework.get(key);
    }

    public Path path(String key) {
        String value = framework.get(key);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("property " + key + " must name a directory");
        }
        return home.resolve(value).normalize();
    }

    public Path dataDirectory() {
        return path(LauncherProperties.DATA);
    }

    public Path logDirectory() {
        return path(LauncherProperties.LOG);
    }

    public Path systemDirectory() {
        return path(LauncherProperties.SYSTEM);
    }

    public Path cacheDirectory() {
        return path(LauncherProperties.STORAGE);
    }

    public int beginningStartLevel() {
        return positiveInt(LauncherProperties.BEGINNING_START_LEVEL);
    }

    public int consoleStartLevel() {
        return positiveInt(LauncherProperties.CONSOLE_START_LEVEL);
    }

    /** The start level held back until the bundles below it have finished their start (see LauncherProperties). */
    public int pluginsStartLevel() {
        return positiveInt(LauncherProperties.PLUGINS_START_LEVEL);
    }

    public Duration readyTimeout() {
        return seconds(LauncherProperties.READY_TIMEOUT);
    }

    public Duration shutdownTimeout() {
        return seconds(LauncherProperties.SHUTDOWN_TIMEOUT);
    }

    public StartLevelPolicy startLevels() {
        return StartLevelPolicy.parse(framework.get(LauncherProperties.START_LEVELS),
                positiveInt(LauncherProperties.BOOT_START_LEVEL));
    }

    private int positiveInt(String key) {
        String value = framework.get(key);
        try {
            int parsed = Integer.parseInt(value == null ? "" : value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("property " + key + " must be a positive whole number, not '" + value + "'");
    }

    private Duration seconds(String key) {
        return Duration.ofSeconds(positiveInt(key));
    }

    private static Map<String, String> readResource(String name) {
        try (InputStream in = LauncherConfiguration.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("launcher resource missing: " + name);
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("launcher resource unreadable: " + name, e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.exists(file)) {
            return new LinkedHashMap<>();
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> map = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            map.put(key, properties.getProperty(key).trim());
        }
        return map;
    }
}
