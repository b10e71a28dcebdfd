package dev.plinth.itests;

import java.util.Map;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/** Copied into test bundles: registers a whiteboard servlet registration claiming the management API's path. */
public final class RouteClaimActivator implements BundleActivator {

    static final String NAME = "claims-api-plugins";

    @Override
    public void start(BundleContext context) {
        context.registerService(Object.class, new Object(), FrameworkUtil.asDictionary(Map.of(
                "osgi.http.whiteboard.servlet.name", NAME,
                "osgi.http.whiteboard.servlet.pattern", "/api/plugins")));
    }

    @Override
    public void stop(BundleContext context) {
    }
}
