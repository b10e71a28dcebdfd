package dev.plinth.feature.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureReader;

class KarafFeaturesTest {

    @Test
    void whatKarafHasComesFromItsFeaturesTheRestFromMavenUrls() throws Exception {
        Feature feature = FeatureReader.read("""
                { "id": "dev.plinth:plinth-core:osgifeature:0.1.0-SNAPSHOT", "description": "core & more",
                  "bundles": [
                    { "id": "org.apache.felix:org.apache.felix.scr:2.2.14", "karaf-feature": "scr" },
                    { "id": "org.osgi:org.osgi.util.promise:1.3.0", "karaf-feature": "scr" },
                    { "id": "org.eclipse.parsson:parsson:1.1.7" },
                    { "id": "dev.plinth:dev.plinth.manager:0.1.0-SNAPSHOT" } ] }
                """, "core");
        String xml = KarafFeatures.xml("plinth-0.1.0-SNAPSHOT", List.of(feature));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = document.getDocumentElement();
        assertEquals(KarafFeatures.NAMESPACE, root.getNamespaceURI());
        Element core = (Element) root.getElementsByTagNameNS(KarafFeatures.NAMESPACE, "feature").item(0);
        assertEquals("plinth-core", core.getAttribute("name"));
        assertEquals("0.1.0.SNAPSHOT", core.getAttribute("version"));
        assertEquals("core & more", core.getAttribute("description"));
        assertTrue(xml.contains("<feature>scr</feature>"), xml);
        assertEquals(1, xml.split("<feature>scr</feature>", -1).length - 1, "each Karaf feature once: " + xml);
        assertTrue(xml.contains("<bundle>mvn:org.eclipse.parsson/parsson/1.1.7</bundle>"), xml);
        assertTrue(xml.contains("<bundle>mvn:dev.plinth/dev.plinth.manager/0.1.0-SNAPSHOT</bundle>"), xml);
        assertFalse(xml.contains("org.apache.felix.scr/"), "Karaf's scr brings it: " + xml);
    }

    @Test
    void mavenVersionsBecomeOsgiVersions() {
        assertEquals("0.1.0.SNAPSHOT", KarafFeatures.osgiVersion("0.1.0-SNAPSHOT"));
        assertEquals("1.2.0", KarafFeatures.osgiVersion("1.2"));
        assertEquals("2.0.0.beta-1", KarafFeatures.osgiVersion("2.0.0.beta-1"));
        assertEquals("3.0.0.RC1", KarafFeatures.osgiVersion("3-RC1"));
    }
}
