package dev.plinth.framework.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Refuses a start whose logback configuration file ({@code logback.configurationFile}, by default
 * {@code etc/logback.xml}) is not well-formed XML: logback would drop every log line without a
 * word in the log, so the operator hears of it before anything starts.
 */
final class LogbackFileCheck {

    static final String PROPERTY = "logback.configurationFile";

    private LogbackFileCheck() {
    }

    /** Checks the file named by {@code value}; a URL or a missing file is left to logback. */
    static void check(String value) {
        if (value == null || value.isBlank() || value.contains(":") && !value.startsWith("/")) {
            return;
        }
        Path file;
        try {
            file = Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigurationException(PROPERTY + " is not a valid path: " + value, e);
        }
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.newSAXParser().parse(file.toFile(), new DefaultHandler());
        } catch (SAXParseException e) {
            throw new ConfigurationException("the logging configuration " + file + " is not well-formed XML (line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + withoutFullStop(e.getMessage())
                    + "; nothing would be logged: fix it and start again", e);
        } catch (SAXException | IOException e) {
            throw new ConfigurationException("cannot read the logging configuration " + file + ": " + e.getMessage(),
                    e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser cannot be configured", e);
        }
    }

    private static String withoutFullStop(String message) {
        String text = message == null ? "" : message.strip();
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
