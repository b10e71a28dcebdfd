package dev.plinth.config.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;

import org.apache.felix.cm.file.ConfigurationHandler;
import org.apache.felix.cm.json.io.ConfigurationReader;
import org.apache.felix.cm.json.io.Configurations;

/** Reads one configuration file into the properties it defines, in the format its name says. */
final class ConfigFileReader {

    private ConfigFileReader() {
    }

    /**
     * @throws IOException when the file cannot be read or is not valid in its format; the message
     *         says what is wrong
     */
    static Hashtable<String, Object> read(Path file, ConfigFileName name) throws IOException {
        return read(Files.readAllBytes(file), name);
    }

    /**
     * Reads the bytes of a file named {@code name}. A {@code .cfg} file follows the rules of
     * {@link Properties#load(Reader)} (UTF-8): whitespace before a value is dropped, whitespace after it is
     * part of the value ({@code sep=\ } is a single space).
     *
     * @throws IOException when the content is not valid in its format; the message says what is wrong
     */
    static Hashtable<String, Object> read(byte[] content, ConfigFileName name) throws IOException {
        return switch (name.format()) {
            case PROPERTIES -> readProperties(content);
            case TYPED -> readTyped(content);
            case JSON -> readJson(content, name);
        };
    }

    private static Reader reader(byte[] content) {
        return new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8);
    }

    private static Hashtable<String, Object> readProperties(byte[] content) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = reader(content)) {
            properties.load(reader);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a valid properties file: " + e.getMessage(), e);
        }
        Hashtable<String, Object> result = new Hashtable<>();
        for (String key : properties.stringPropertyNames()) {
            result.put(key, properties.getProperty(key));
        }
        return result;
    }

    private static Hashtable<String, Object> readTyped(byte[] content) throws IOException {
        try (InputStream in = new ByteArrayInputStream(content)) {
            @SuppressWarnings("unchecked")
            Dictionary<String, Object> read = ConfigurationHandler.read(in);
            Hashtable<String, Object> result = new Hashtable<>();
            for (Enumeration<String> keys = read.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                result.put(key, read.get(key));
            }
            return result;
        } catch (RuntimeException e) {
            throw new IOException("not a valid typed configuration file: " + e.getMessage(), e);
        }
    }

    private static Hashtable<String, Object> readJson(byte[] content, ConfigFileName name) throws IOException {
        try (Reader reader = reader(content)) {
            ConfigurationReader configurationReader = Configurations.buildReader()
                    .withIdentifier(name.fileName())
                    .build(reader);
            Hashtable<String, Object> result = configurationReader.readConfiguration();
            List<String> errors = configurationReader.getIgnoredErrors();
            if (!errors.isEmpty()) {
                throw new IOException(String.join("; ", errors));
            }
            return result;
        } catch (RuntimeException e) {
            throw new IOException("not a valid configuration JSON file: " + e.getMessage(), e);
        }
    }
}
