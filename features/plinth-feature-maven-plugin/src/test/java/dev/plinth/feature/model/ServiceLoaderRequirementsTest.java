package dev.plinth.feature.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ServiceLoaderRequirementsTest {

    @Test
    void dropsOnlyTheMediatorsClauses() {
        String header = "osgi.extender;filter:=\"(&(osgi.extender=osgi.serviceloader.processor)(version>=1.0.0)"
                + "(!(version>=2.0.0)))\";resolution:=optional,osgi.serviceloader;filter:=\"(osgi.serviceloader="
                + "org.eclipse.jetty.http.HttpFieldPreEncoder)\";resolution:=optional;cardinality:=multiple,"
                + "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\",osgi.extender;filter:=\"(osgi.extender=osgi.component)\"";
        assertEquals("osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\",osgi.extender;filter:=\"(osgi.extender=osgi.component)\"",
                ServiceLoaderRequirements.without(header));
    }

    @Test
    void keepsAHeaderWithoutThem() {
        assertEquals("osgi.ee;filter:=\"(osgi.ee=JavaSE)\"", ServiceLoaderRequirements.without("osgi.ee;filter:=\"(osgi.ee=JavaSE)\""));
        assertEquals("", ServiceLoaderRequirements.without(null));
    }
}
