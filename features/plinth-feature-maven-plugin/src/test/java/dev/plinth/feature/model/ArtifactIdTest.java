package dev.plinth.feature.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArtifactIdTest {

    @Test
    void readsEveryFormTheSpecificationAllows() {
        ArtifactId jar = ArtifactId.parse("org.apache.felix:org.apache.felix.scr:2.2.14");
        assertEquals("jar", jar.type());
        assertEquals("org.apache.felix.scr-2.2.14.jar", jar.fileName());
        assertEquals("mvn:org.apache.felix/org.apache.felix.scr/2.2.14", jar.mavenUrl());
        assertEquals("org.apache.felix:org.apache.felix.scr:2.2.14", jar.toString());

        ArtifactId feature = ArtifactId.parse("dev.plinth:plinth-core:osgifeature:0.1.0");
        assertEquals("plinth-core-0.1.0.osgifeature", feature.fileName());
        assertEquals("mvn:dev.plinth/plinth-core/0.1.0/osgifeature", feature.mavenUrl());

        ArtifactId classified = ArtifactId.parse("dev.plinth:plinth-karaf:xml:features:0.1.0");
        assertEquals("plinth-karaf-0.1.0-features.xml", classified.fileName());
        assertEquals("mvn:dev.plinth/plinth-karaf/0.1.0/xml/features", classified.mavenUrl());
        assertEquals("dev.plinth:plinth-karaf:xml:features:0.1.0", classified.toString());
    }

    @Test
    void refusesWhatIsNotAMavenId() {
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("org.apache.felix.scr"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("g:a:"));
        assertThrows(IllegalArgumentException.class, () -> ArtifactId.parse("g:a:b:c:d:1.0"));
    }
}
