package dev.plinth.settings.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.service.metatype.AttributeDefinition;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import dev.plinth.common.BoundedInputStream;

/**
 * The configurations a bundle archive describes in its {@code OSGI-INF/metatype/*.xml}, read before the archive is
 * installed: each Designate's PID or factory PID with its object class definition's attributes (type, cardinality,
 * required, defaults, options). Localized names ({@code %key}) are left as they are.
 */
final class ArchiveMetatype {

    private static final String FOLDER = "OSGI-INF/metatype/";
    private static final long MAX_BYTES = 1024 * 1024;

    private ArchiveMetatype() {
    }

    /** The configurations {@code archive} describes, sorted by PID. */
    static List<ConfigurationSchema> read(Path archive) throws IOException {
        List<ConfigurationSchema> schemas = new ArrayList<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements();) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !entry.getName().startsWith(FOLDER)
                        || !entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                    continue;
                }
                try (InputStream in = new BoundedInputStream(zip.getInputStream(entry), MAX_BYTES, entry.getName())) {
                    schemas.addAll(parse(in, entry.getName()));
                }
            }
        }
        schemas.sort(Comparator.comparing(ConfigurationSchema::pid));
        return schemas;
    }

    static List<ConfigurationSchema> parse(InputStream in, String name) throws IOException {
        Document document;
        try {
            document = builder().parse(in);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException(name + " is not a metatype document: " + e.getMessage(), e);
        }
        Map<String, Element> definitions = new HashMap<>();
        for (Element ocd : children(document.getDocumentElement(), "OCD")) {
            definitions.put(ocd.getAttribute("id"), ocd);
        }
        List<ConfigurationSchema> schemas = new ArrayList<>();
        for (Element designate : children(document.getDocumentElement(), "Designate")) {
            String factoryPid = designate.getAttribute("factoryPid");
            String pid = designate.getAttribute("pid");
            boolean factory = !factoryPid.isEmpty();
            String designated = factory ? factoryPid : pid;
            for (Element object : children(designate, "Object")) {
                Element ocd = definitions.get(object.getAttribute("ocdref"));
                if (ocd != null && !designated.isEmpty()) {
                    schemas.add(schema(designated, factory, ocd));
                }
            }
        }
        return schemas;
    }

    private static ConfigurationSchema schema(String pid, boolean factory, Element ocd) {
        List<ConfigurationSchema.Attribute> attributes = new ArrayList<>();
        for (Element ad : children(ocd, "AD")) {
            List<String> optionValues = new ArrayList<>();
            List<String> optionLabels = new ArrayList<>();
            for (Element option : children(ad, "Option")) {
                optionValues.add(option.getAttribute("value"));
                optionLabels.add(option.getAttribute("label"));
            }
            int cardinality = 0;
            try {
                cardinality = ad.hasAttribute("cardinality") ? Integer.parseInt(ad.getAttribute("cardinality").trim())
                        : 0;
            } catch (NumberFormatException e) {
                cardinality = 0;
            }
            String[] defaults = ad.hasAttribute("default")
                    ? splitDefault(ad.getAttribute("default"), cardinality) : null;
            Definition definition = new Definition(ad.getAttribute("id"), ad.getAttribute("name"),
                    ad.getAttribute("description"), type(ad.getAttribute("type")), cardinality, defaults,
                    optionValues.isEmpty() ? null : optionValues.toArray(String[]::new),
                    optionLabels.isEmpty() ? null : optionLabels.toArray(String[]::new),
                    bound(ad, "min"), bound(ad, "max"));
            boolean required = !ad.hasAttribute("required") || Boolean.parseBoolean(ad.getAttribute("required"));
            attributes.add(new ConfigurationSchema.Attribute(definition, required));
        }
        return new ConfigurationSchema(pid, factory, ocd.getAttribute("name"), ocd.getAttribute("description"),
                attributes);
    }

    /** A {@code min} or {@code max} as a number, or {@code null} when there is none or it is not a number. */
    private static BigDecimal bound(Element ad, String name) {
        String text = ad.getAttribute(name).trim();
        if (text.isEmpty() || text.length() > 64) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String[] splitDefault(String text, int cardinality) {
        if (cardinality == 0) {
            return new String[] {text};
        }
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(text.charAt(++i));
            } else if (c == ',') {
                values.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().trim());
        return values.toArray(String[]::new);
    }

    private static int type(String name) {
        return switch (name.trim()) {
            case "Long" -> AttributeDefinition.LONG;
            case "Integer" -> AttributeDefinition.INTEGER;
            case "Short" -> AttributeDefinition.SHORT;
            case "Char", "Character" -> AttributeDefinition.CHARACTER;
            case "Byte" -> AttributeDefinition.BYTE;
            case "Double" -> AttributeDefinition.DOUBLE;
            case "Float" -> AttributeDefinition.FLOAT;
            case "Boolean" -> AttributeDefinition.BOOLEAN;
            case "Password" -> AttributeDefinition.PASSWORD;
            default -> AttributeDefinition.STRING;
        };
    }

    private static List<Element> children(Node parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                String name = element.getLocalName() != null ? element.getLocalName() : element.getTagName();
                int colon = name.indexOf(':');
                if ((colon < 0 ? name : name.substring(colon + 1)).equals(localName)) {
                    found.add(element);
                }
            }
        }
        return found;
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder();
    }

    /**
     * An attribute definition read from XML. Its own validation is its {@code min} and {@code max}, as Felix's
     * metatype checks them: the value of a number, the length of a string or password; the type and options are
     * checked by the caller.
     */
    private record Definition(String id, String name, String description, int type, int cardinality,
            String[] defaults, String[] optionValues, String[] optionLabels, BigDecimal min, BigDecimal max)
            implements AttributeDefinition {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return optionValues;
        }

        @Override
        public String[] getOptionLabels() {
            return optionLabels;
        }

        @Override
        public String validate(String value) {
            if (min == null && max == null) {
                return null;
            }
            if (value == null) {
                return "";
            }
            BigDecimal measure;
            if (type == STRING || type == PASSWORD) {
                measure = BigDecimal.valueOf(value.length());
            } else if (type == BOOLEAN || type == CHARACTER) {
                return "";
            } else {
                try {
                    measure = new BigDecimal(value.trim());
                } catch (NumberFormatException e) {
                    return "";
                }
            }
            if (min != null && measure.compareTo(min) < 0) {
                return "less than minimum";
            }
            if (max != null && measure.compareTo(max) > 0) {
                return "greater than maximum";
            }
            return "";
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }
}
