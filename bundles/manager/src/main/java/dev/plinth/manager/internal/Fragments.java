package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * What the manager knows of fragments (bundles with a {@code Fragment-Host} header): they are never started, they
 * are attached to their host when the host resolves, so a host resolved before its fragment came must be refreshed
 * for the fragment to attach.
 */
final class Fragments {

    private Fragments() {
    }

    /** Whether the bundle is a fragment. */
    static boolean is(Bundle bundle) {
        BundleRevision revision = FrameworkAccess.revision(bundle);
        if (revision != null) {
            return (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
        }
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    /** Whether the archive is a fragment. */
    static boolean is(Archive archive) {
        return archive.manifest().getValue(Constants.FRAGMENT_HOST) != null;
    }

    /** The symbolic name of the host a fragment names, or null for a bundle that is not a fragment. */
    static String hostName(Bundle bundle) {
        return hostName(bundle.getHeaders("").get(Constants.FRAGMENT_HOST));
    }

    /** The symbolic name of the host the archive names, or null for an archive that is not a fragment. */
    static String hostName(Archive archive) {
        return hostName(archive.manifest().getValue(Constants.FRAGMENT_HOST));
    }

    /** A fragment is attached when it is resolved: wired to a host. */
    static boolean attached(Bundle bundle) {
        return is(bundle) && FrameworkAccess.resolved(bundle);
    }

    /** The hosts the fragment is attached to now. */
    static Set<Bundle> attachedHosts(Bundle fragment) {
        Set<Bundle> hosts = new LinkedHashSet<>();
        BundleWiring wiring = fragment.adapt(BundleWiring.class);
        if (wiring != null) {
            for (BundleWire wire : wiring.getRequiredWires(HostNamespace.HOST_NAMESPACE)) {
                hosts.add(wire.getProviderWiring().getBundle());
            }
        }
        return hosts;
    }

    /** The installed bundles (not fragments themselves) whose name and version fit the archive's host clause. */
    static List<Bundle> hosts(Archive archive, Bundle[] installed) {
        return hosts(archive.manifest().getValue(Constants.FRAGMENT_HOST), installed);
    }

    /** The installed bundles whose name and version fit the fragment's host clause. */
    static List<Bundle> hosts(Bundle fragment, Bundle[] installed) {
        return hosts(fragment.getHeaders("").get(Constants.FRAGMENT_HOST), installed);
    }

    /**
     * The hosts of these fragments that are resolved without them, so that the fragments attach only when those
     * hosts are refreshed; bundles of {@code installed} that are not fragments are ignored.
     */
    static Set<Bundle> hostsToRefresh(Collection<Bundle> fragments, Bundle[] installed) {
        Set<Bundle> refresh = new LinkedHashSet<>();
        for (Bundle fragment : fragments) {
            if (!is(fragment) || attached(fragment)) {
                continue;
            }
            for (Bundle host : hosts(fragment, installed)) {
                if (FrameworkAccess.resolved(host)) {
                    refresh.add(host);
                }
            }
        }
        return refresh;
    }

    /**
     * Why no installed bundle takes the archive as a fragment, in words: the host is missing, is there in another
     * version, or is itself a fragment.
     */
    static String noHost(Archive archive, Bundle[] installed) {
        return noHost(archive, installed, false);
    }

    /** As {@link #noHost(Archive, Bundle[])}; within a batch, without the hint to install both in one batch. */
    static String noHost(Archive archive, Bundle[] installed, boolean inBatch) {
        String header = archive.manifest().getValue(Constants.FRAGMENT_HOST);
        String name = hostName(header);
        String range = HeaderParser.parse(header).get(0).attributes().get(Constants.BUNDLE_VERSION_ATTRIBUTE);
        String wanted = name + (range == null ? "" : " " + new VersionRange(range));
        List<String> others = new ArrayList<>();
        for (Bundle bundle : installed) {
            if (name.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                if (is(bundle)) {
                    return "fragment " + archive.id() + " " + archive.version() + " attaches to " + name
                            + ", which is a fragment itself: a fragment attaches to a bundle that is not one";
                }
                others.add(name + " " + bundle.getVersion());
            }
        }
        if (!others.isEmpty()) {
            return "fragment " + archive.id() + " " + archive.version() + " attaches to " + wanted + ", but "
                    + String.join(", ", others) + " is installed";
        }
        return "fragment " + archive.id() + " " + archive.version() + " attaches to " + name + ", which is not installed"
                + (inBatch ? "" : ": install " + name + " first, or both in one batch");
    }

    private static List<Bundle> hosts(String header, Bundle[] installed) {
        List<Bundle> hosts = new ArrayList<>();
        String name = hostName(header);
        if (name == null) {
            return hosts;
        }
        HeaderParser.Clause clause = HeaderParser.parse(header).get(0);
        VersionRange range = new VersionRange(clause.attributes().getOrDefault(
                Constants.BUNDLE_VERSION_ATTRIBUTE, Version.emptyVersion.toString()));
        for (Bundle bundle : installed) {
            boolean named = name.equals(bundle.getSymbolicName())
                    || Constants.SYSTEM_BUNDLE_SYMBOLICNAME.equals(name) && bundle.getBundleId() == 0;
            if (named && bundle.getState() != Bundle.UNINSTALLED && !is(bundle)
                    && range.includes(bundle.getVersion())) {
                hosts.add(bundle);
            }
        }
        return hosts;
    }

    private static String hostName(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        List<HeaderParser.Clause> clauses = HeaderParser.parse(header);
        return clauses.isEmpty() || clauses.get(0).names().isEmpty() ? null : clauses.get(0).names().get(0);
    }
}
