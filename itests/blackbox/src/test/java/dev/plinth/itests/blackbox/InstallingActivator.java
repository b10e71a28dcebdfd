package dev.plinth.itests.blackbox;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packed into a hostile test plugin by {@link TestBundles#installingABundleOfItsOwn}: when it starts, it installs a
 * bundle of its own, {@value #PAYLOAD}, behind the plugin manager's back (the framework hands back the one
 * installed at an earlier start).
 */
public final class InstallingActivator implements BundleActivator {

    /** The symbolic name of the bundle it installs. */
    public static final String PAYLOAD = "dev.plinth.itests.payload";

    @Override
    public void start(BundleContext context) throws Exception {
        context.installBundle("hostile:" + PAYLOAD, new ByteArrayInputStream(payload()));
    }

    @Override
    public void stop(BundleContext context) {
        // the payload stays: that is the point
    }

    private static byte[] payload() throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", PAYLOAD);
        main.putValue("Bundle-Version", "6.6.6");
        main.putValue("Bundle-Name", "Payload");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return bytes.toByteArray();
    }
}
