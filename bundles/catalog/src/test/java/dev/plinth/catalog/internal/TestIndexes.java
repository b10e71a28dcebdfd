package dev.plinth.catalog.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** R5 repository indexes written the way bnd's indexer writes them. */
final class TestIndexes {

    static final String GREETER_SHA = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    static final String TEXT_SHA = "60303AE22B998861BCE3B28F33EEC1BE758A213C86C93C076DBE9F558C11C752";

    private TestIndexes() {
    }

    /** A repository element around the resources. */
    static String repository(String... resources) {
        return """
                <?xml version='1.0' encoding='UTF-8'?>
                <repository increment="1715000000000" name="Plinth test catalogue" \
                xmlns="http://www.osgi.org/xmlns/repository/v1.0.0">
                %s</repository>
                """.formatted(String.join("", resources));
    }

    /** A plugin that imports a library's package, needs a runtime range and declares two shell commands. */
    static String greeter() {
        return """
                  <resource>
                    <capability namespace="osgi.identity">
                      <attribute name="osgi.identity" value="org.example.greeter"/>
                      <attribute name="type" value="osgi.bundle"/>
                      <attribute name="version" type="Version" value="1.2.0"/>
                      <attribute name="description" value="Says hello, and goodbye"/>
                    </capability>
                    <capability namespace="osgi.content">
                      <attribute name="osgi.content" value="%s"/>
                      <attribute name="url" value="plugins/org.example.greeter-1.2.0.jar"/>
                      <attribute name="size" type="Long" value="2048"/>
                      <attribute name="mime" value="application/vnd.osgi.bundle"/>
                    </capability>
                    <capability namespace="osgi.wiring.bundle">
                      <attribute name="osgi.wiring.bundle" value="org.example.greeter"/>
                      <attribute name="bundle-version" type="Version" value="1.2.0"/>
                    </capability>
                    <capability namespace="osgi.wiring.package">
                      <attribute name="osgi.wiring.package" value="org.example.greeter.api"/>
                      <attribute name="version" type="Version" value="1.1.0"/>
                      <attribute name="bundle-symbolic-name" value="org.example.greeter"/>
                      <attribute name="bundle-version" type="Version" value="1.2.0"/>
                      <directive name="uses" value="org.example.text"/>
                    </capability>
                    <capability namespace="dev.plinth.command">
                      <attribute name="osgi.command.scope" value="greet"/>
                      <attribute name="osgi.command.function" type="List&lt;String&gt;" value="hello,bye"/>
                    </capability>
                    <requirement namespace="osgi.wiring.package">
                      <directive name="filter" \
                value="(&amp;(osgi.wiring.package=org.example.text)(version&gt;=1.0.0)(!(version&gt;=2.0.0)))"/>
                    </requirement>
                    <requirement namespace="osgi.wiring.package">
                      <directive name="filter" value="(osgi.wiring.package=org.example.colour)"/>
                      <directive name="resolution" value="optional"/>
                    </requirement>
                    <requirement namespace="dev.plinth.runtime">
                      <directive name="filter" value="(&amp;(version&gt;=0.1.0)(!(version&gt;=1.0.0)))"/>
                    </requirement>
                    <requirement namespace="osgi.ee">
                      <directive name="filter" value="(&amp;(osgi.ee=JavaSE)(version=17))"/>
                    </requirement>
                  </resource>
                """.formatted(GREETER_SHA);
    }

    /** A library exporting {@code org.example.text}. */
    static String text() {
        return library("org.example.text", "1.4.0", TEXT_SHA, "libs/org.example.text-1.4.0.jar");
    }

    static String library(String id, String version, String sha, String url) {
        return """
                  <resource>
                    <capability namespace="osgi.identity">
                      <attribute name="osgi.identity" value="%1$s"/>
                      <attribute name="type" value="osgi.bundle"/>
                      <attribute name="version" type="Version" value="%2$s"/>
                    </capability>
                    <capability namespace="osgi.content">
                      <attribute name="osgi.content" value="%3$s"/>
                      <attribute name="url" value="%4$s"/>
                      <attribute name="size" type="Long" value="512"/>
                    </capability>
                    <capability namespace="osgi.wiring.package">
                      <attribute name="osgi.wiring.package" value="%1$s"/>
                      <attribute name="version" type="Version" value="%2$s"/>
                    </capability>
                  </resource>
                """.formatted(id, version, sha, url);
    }

    /** A resource with an identity and no content capability. */
    static String withoutContent(String id) {
        return """
                  <resource>
                    <capability namespace="osgi.identity">
                      <attribute name="osgi.identity" value="%s"/>
                      <attribute name="type" value="osgi.bundle"/>
                      <attribute name="version" type="Version" value="1.0.0"/>
                    </capability>
                  </resource>
                """.formatted(id);
    }

    /** A resource with content and no identity capability. */
    static String withoutIdentity(String sha) {
        return """
                  <resource>
                    <capability namespace="osgi.content">
                      <attribute name="osgi.content" value="%s"/>
                      <attribute name="url" value="anonymous.jar"/>
                    </capability>
                  </resource>
                """.formatted(sha);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }
}
