package dev.plinth.catalog.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.osgi.framework.Version;

import dev.plinth.common.BoundedInputStream;

/**
 * Reads an OSGi repository index (the R5 {@code index.xml} format, plain or gzipped). Only bundles with an
 * {@code osgi.identity} and an {@code osgi.content} capability (location and SHA-256) are kept; referrals are not
 * followed. DTDs and external entities are refused.
 */
final class IndexParser {

    private static final String IDENTITY = "osgi.identity";
    private static final String CONTENT = "osgi.content";
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-fA-F]{64}");

    private IndexParser() {
    }

    /**
     * @param catalog the index's location, against which relative archive locations are resolved
     * @throws IOException when the index cannot be read or is not an index
     */
    static List<IndexResource> parse(InputStream input, URI catalog) throws IOException {
        return parse(input, catalog, Long.MAX_VALUE);
    }

    /**
     * @param maxBytes the most the index may hold once uncompressed
     * @throws IOException when the index cannot be read, is not an index, or is larger than {@code maxBytes}
     */
    static List<IndexResource> parse(InputStream input, URI catalog, long maxBytes) throws IOException {
        InputStream in = new BufferedInputStream(input);
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        if (first == 0x1f && second == 0x8b) {
            in = new BoundedInputStream(gunzip(in), maxBytes, "the uncompressed index of " + catalog);
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            try {
                return resources(xml, catalog);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            // RuntimeException: the JDK's parser fails so on some broken input (a MissingResourceException, say)
            IOException reading = readingFailure(e);
            if (reading != null && reading.getMessage() == null) {
                reading = new IOException("the index cannot be read to its end (" + reading.getClass().getSimpleName()
                        + ")", reading);
            }
            throw reading != null ? reading : new IOException("not a repository index: " + firstLine(e.getMessage()), e);
        }
    }

    /** The gzipped stream's content; a header that cannot be read is refused with a message. */
    private static InputStream gunzip(InputStream in) throws IOException {
        try {
            return new GZIPInputStream(in);
        } catch (IOException e) {
            throw new IOException("not a gzipped repository index: " + (e.getMessage() != null ? e.getMessage()
                    : "its gzip header cannot be read (" + e.getClass().getSimpleName() + ")"), e);
        }
    }

    private static List<IndexResource> resources(XMLStreamReader xml, URI catalog) throws XMLStreamException,
            IOException {
        List<IndexResource> resources = new ArrayList<>();
        boolean repository = false;
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (xml.getLocalName()) {
                case "repository" -> repository = true;
                case "resource" -> {
                    if (!repository) {
                        throw new IOException("not a repository index: <resource> outside <repository>");
                    }
                    IndexResource resource = resource(xml, catalog);
                    if (resource != null) {
                        resources.add(resource);
                    }
                }
                default -> {
                    if (!repository) {
                        throw new IOException("not a repository index: it starts with <" + xml.getLocalName() + ">");
                    }
                }
            }
        }
        if (!repository) {
            throw new IOException("not a repository index: no <repository>");
        }
        return resources;
    }

    private static IndexResource resource(XMLStreamReader xml, URI catalog) throws XMLStreamException {
        List<IndexResource.Capability> capabilities = new ArrayList<>();
        List<IndexResource.Requirement> requirements = new ArrayList<>();
        boolean malformed = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("resource")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT || malformed) {
                continue;
            }
            String element = xml.getLocalName();
            if (element.equals("capability") || element.equals("requirement")) {
                String namespace = xml.getAttributeValue(null, "namespace");
                Map<String, Object> attributes = new LinkedHashMap<>();
                Map<String, String> directives = new LinkedHashMap<>();
                try {
                    entries(xml, element, attributes, directives);
                } catch (IllegalArgumentException e) {
                    malformed = true;
                    continue;
                }
                if (element.equals("capability")) {
                    capabilities.add(new IndexResource.Capability(namespace, attributes));
                } else {
                    requirements.add(new IndexResource.Requirement(namespace, directives.get("filter"), directives));
                }
            }
        }
        return malformed ? null : build(capabilities, requirements, catalog);
    }

    private static void entries(XMLStreamReader xml, String element, Map<String, Object> attributes,
            Map<String, String> directives) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals(element)) {
                return;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = xml.getAttributeValue(null, "name");
            String value = xml.getAttributeValue(null, "value");
            if (name == null || value == null) {
                continue;
            }
            if (xml.getLocalName().equals("attribute")) {
                attributes.put(name, typed(value, xml.getAttributeValue(null, "type")));
            } else if (xml.getLocalName().equals("directive")) {
                directives.put(name, value);
            }
        }
    }

    private static IndexResource build(List<IndexResource.Capability> capabilities,
            List<IndexResource.Requirement> requirements, URI catalog) {
        Map<String, Object> identity = first(capabilities, IDENTITY);
        Map<String, Object> content = first(capabilities, CONTENT);
        if (identity == null || content == null || !"osgi.bundle".equals(identity.getOrDefault("type", "osgi.bundle"))
                || !(content.get(CONTENT) instanceof String sha) || !SHA_256.matcher(sha).matches()
                || !(content.get("url") instanceof String url)) {
            return null;
        }
        Object version = identity.get("version");
        Object size = content.get("size");
        URI location;
        Version parsed;
        try {
            location = catalog.resolve(url);
            parsed = version instanceof Version v ? v : Version.parseVersion(String.valueOf(version));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (remote(catalog) && !remote(location)) {
            return null;
        }
        return new IndexResource(String.valueOf(identity.get(IDENTITY)), parsed,
                String.valueOf(identity.getOrDefault("description", "")), catalog.toString(), location,
                sha.toLowerCase(Locale.ROOT), size instanceof Long l ? l : -1, List.copyOf(capabilities),
                List.copyOf(requirements));
    }

    /** An index served over HTTP may only point at archives served over HTTP, never at this machine's files. */
    private static boolean remote(URI location) {
        String scheme = location.getScheme();
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    private static Map<String, Object> first(List<IndexResource.Capability> capabilities, String namespace) {
        return capabilities.stream().filter(c -> namespace.equals(c.namespace())).map(IndexResource.Capability::attributes)
                .findFirst().orElse(null);
    }

    private static Object typed(String value, String type) {
        if (type == null || type.equals("String")) {
            return value;
        }
        return switch (type) {
            case "Version" -> Version.parseVersion(value.trim());
            case "Long" -> Long.parseLong(value.trim());
            case "Double" -> Double.parseDouble(value.trim());
            case "List<String>" -> list(value).stream().toList();
            case "List<Version>" -> list(value).stream().map(v -> Version.parseVersion(v.trim())).toList();
            case "List<Long>" -> list(value).stream().map(v -> Long.parseLong(v.trim())).toList();
            case "List<Double>" -> list(value).stream().map(v -> Double.parseDouble(v.trim())).toList();
            default -> value;
        };
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split("(?<!\\\\),")).map(s -> s.replace("\\,", ",").trim()).toList();
    }

    /** The failure to read the stream (a limit passed, a broken connection) that the XML parser wrapped, if any. */
    private static IOException readingFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = next(cause)) {
            if (cause instanceof IOException reading) {
                return reading;
            }
        }
        return null;
    }

    private static Throwable next(Throwable failure) {
        if (failure.getCause() != null) {
            return failure.getCause();
        }
        return failure instanceof XMLStreamException xml ? xml.getNestedException() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
