package dev.plinth.manager.internal;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/**
 * The manager's hands on the framework: managed bundles live at locations {@code plinth:managed/<id>}, are
 * started transiently and stopped persistently (the store, not the framework cache, remembers what should run: a
 * stop also clears an auto-start that someone set behind the manager's back) and every call that runs plugin code is
 * bounded.
 */
final class FrameworkAccess {

    static final String LOCATION_PREFIX = "plinth:managed/";
    private static final String SYSTEM_LOCATION_PREFIX = "plinth:system/";

    private final BundleContext context;
    private final BoundedCalls calls;
    private final Timeouts timeouts;

    /** The bounds of calls into plugin code. */
    record Timeouts(Duration start, Duration stop, Duration refresh) {
    }

    FrameworkAccess(BundleContext context, BoundedCalls calls, Timeouts timeouts) {
        this.context = context;
        this.calls = calls;
        this.timeouts = timeouts;
    }

    static String location(String id) {
        return LOCATION_PREFIX + id;
    }

    static boolean managed(Bundle bundle) {
        return bundle.getLocation().startsWith(LOCATION_PREFIX);
    }

    static String id(Bundle bundle) {
        return managed(bundle) ? bundle.getLocation().substring(LOCATION_PREFIX.length()) : bundle.getSymbolicName();
    }

    Bundle bundle(String id) {
        return context.getBundle(location(id));
    }

    /** The first installed bundle of that symbolic name, managed or not. */
    java.util.Optional<Bundle> bySymbolicName(String symbolicName) {
        return java.util.Arrays.stream(context.getBundles())
                .filter(bundle -> symbolicName.equals(bundle.getSymbolicName())).findFirst();
    }

    /** Whether {@code bundle} is the plugin manager's own. */
    boolean self(Bundle bundle) {
        return bundle.equals(context.getBundle());
    }

    /** The framework itself or a boot bundle of {@code system/}. */
    static boolean system(Bundle bundle) {
        return bundle.getBundleId() == 0 || bundle.getLocation().startsWith(SYSTEM_LOCATION_PREFIX);
    }

    List<Bundle> managedBundles() {
        List<Bundle> bundles = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (managed(bundle)) {
                bundles.add(bundle);
            }
        }
        return bundles;
    }

    /**
     * Installs the archive at the location of {@code id}; refused when a bundle is there already (one that a plugin
     * installed at a location of the manager's), which the framework would otherwise hand back as if installed.
     */
    Bundle install(String id, Path artifact) throws Exception {
        Bundle squatter = context.getBundle(location(id));
        if (squatter != null) {
            throw new BundleException("the location " + location(id) + " is taken by " + squatter.getSymbolicName()
                    + " " + squatter.getVersion() + ", which the plugin manager did not install");
        }
        Bundle bundle;
        try (InputStream in = Files.newInputStream(artifact)) {
            bundle = context.installBundle(location(id), in);
        }
        bundle.adapt(BundleStartLevel.class).setStartLevel(context.getBundle().adapt(BundleStartLevel.class)
                .getStartLevel());
        return bundle;
    }

    void update(Bundle bundle, Path artifact) throws Exception {
        calls.run("updating " + bundle.getSymbolicName(), timeouts.stop(), () -> {
            try (InputStream in = Files.newInputStream(artifact)) {
                bundle.update(in);
            }
        });
    }

    /** Starts the bundle within the start bound; the failure says why in an operator's words. */
    void start(Bundle bundle) throws PluginException {
        String plugin = id(bundle) + " " + bundle.getVersion();
        try {
            calls.run("starting " + bundle.getSymbolicName(), timeouts.start(),
                    () -> bundle.start(Bundle.START_TRANSIENT));
        } catch (BoundedCalls.Overrun e) {
            throw new PluginException(Code.START_FAILED, plugin + " did not start within " + e.boundMillis()
                    + " ms (start.timeout.ms) and was interrupted", List.of(), e);
        } catch (Exception e) {
            throw new PluginException(Code.START_FAILED, plugin + " failed to start: " + LifecycleHooks.describe(e),
                    List.of(), e);
        }
    }

    void stop(Bundle bundle) throws Exception {
        calls.run("stopping " + bundle.getSymbolicName(), timeouts.stop(), () -> bundle.stop());
    }

    /** Whether the framework starts {@code bundle} by itself (someone started it persistently, as Gogo's start does). */
    static boolean autoStarted(Bundle bundle) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        return level != null && level.isPersistentlyStarted();
    }

    void uninstall(Bundle bundle) throws Exception {
        calls.run("uninstalling " + bundle.getSymbolicName(), timeouts.stop(), bundle::uninstall);
    }

    /**
     * Uninstalls the bundles dependents first; returns those uninstalled, in that order. Each failure is handed to
     * {@code failed}. In that order every bundle is unused when it goes, so the framework drops it at once without
     * touching another bundle; providers first would keep the wiring, but Felix walks the whole dependency graph
     * of every uninstalled bundle still wired at each uninstall, which grows with the cube of a chain's length.
     */
    List<Bundle> uninstallAll(Collection<Bundle> bundles, java.util.function.BiConsumer<Bundle, Exception> failed) {
        List<Bundle> uninstalled = new ArrayList<>();
        for (Bundle bundle : Topology.dependentsFirst(bundles)) {
            try {
                uninstall(bundle);
                uninstalled.add(bundle);
            } catch (Exception e) {
                failed.accept(bundle, e);
            }
        }
        return uninstalled;
    }

    boolean resolve(Collection<Bundle> bundles) {
        return wiring().resolveBundles(bundles);
    }

    static boolean resolved(Bundle bundle) {
        return (bundle.getState() & (Bundle.INSTALLED | Bundle.UNINSTALLED)) == 0;
    }

    static boolean active(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING;
    }

    /** The bundles a refresh of {@code bundles} rebuilds: they and everything wired to them, transitively. */
    Collection<Bundle> closure(Collection<Bundle> bundles) {
        return bundles.isEmpty() ? List.of() : wiring().getDependencyClosure(bundles);
    }

    /**
     * Refreshes {@code bundles} (and their closure) and waits for the framework to finish, within the bound.
     * Uninstalled bundles the framework has already cleaned up are left out; with none left, nothing is done.
     */
    void refresh(Collection<Bundle> bundles) throws Exception {
        Collection<Bundle> pending = wiring().getRemovalPendingBundles();
        List<Bundle> targets = bundles.stream()
                .filter(bundle -> bundle.getState() != Bundle.UNINSTALLED || pending.contains(bundle)).toList();
        if (targets.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        Exception[] failure = new Exception[1];
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.ERROR && failure[0] == null) {
                failure[0] = new BundleException("refresh failed: " + event.getThrowable());
            }
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        };
        wiring().refreshBundles(targets, listener);
        if (!done.await(timeouts.refresh().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new BoundedCalls.Overrun("refreshing " + names(targets), timeouts.refresh().toMillis());
        }
    }

    /** The bundles {@code bundle} is wired to (what it needs), without the framework itself. */
    static Set<Bundle> providers(Bundle bundle) {
        Set<Bundle> providers = new LinkedHashSet<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return providers;
        }
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            Bundle provider = wire.getProviderWiring().getBundle();
            if (provider.getBundleId() != 0 && !provider.equals(bundle)) {
                providers.add(provider);
            }
        }
        return providers;
    }

    /** The bundles wired to {@code bundle} (what needs it). */
    static Set<Bundle> requirers(Bundle bundle) {
        Set<Bundle> requirers = new LinkedHashSet<>();
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return requirers;
        }
        for (BundleWire wire : wiring.getProvidedWires(null)) {
            Bundle requirer = wire.getRequirerWiring().getBundle();
            if (!requirer.equals(bundle)) {
                requirers.add(requirer);
            }
        }
        if (Fragments.is(bundle)) {
            requirers.addAll(hostedRequirers(bundle, wiring));
        }
        return requirers;
    }

    /**
     * The bundles wired, through its hosts, to what a fragment adds to them (a package it exports, say): the
     * fragment's own wiring provides nothing, its hosts provide it.
     */
    private static Set<Bundle> hostedRequirers(Bundle fragment, BundleWiring wiring) {
        Set<Bundle> requirers = new LinkedHashSet<>();
        for (BundleWire hostWire : wiring.getRequiredWires(HostNamespace.HOST_NAMESPACE)) {
            BundleWiring host = hostWire.getProviderWiring();
            for (BundleWire wire : host.getProvidedWires(null)) {
                Bundle requirer = wire.getRequirerWiring().getBundle();
                if (fragment.equals(declaring(wire)) && !requirer.equals(fragment)) {
                    requirers.add(requirer);
                }
            }
        }
        return requirers;
    }

    /**
     * The bundle that declares the capability a wire is wired to: its provider, or the fragment attached to the
     * provider that added it.
     */
    static Bundle declaring(BundleWire wire) {
        BundleWiring provider = wire.getProviderWiring();
        BundleCapability capability = wire.getCapability();
        Bundle declared = capability.getRevision().getBundle();
        if (!declared.equals(provider.getBundle()) || HostNamespace.HOST_NAMESPACE.equals(capability.getNamespace())) {
            return declared;
        }
        for (BundleWire hosted : provider.getProvidedWires(HostNamespace.HOST_NAMESPACE)) {
            BundleRevision fragment = hosted.getRequirer();
            for (BundleCapability own : fragment.getDeclaredCapabilities(capability.getNamespace())) {
                if (own.getAttributes().equals(capability.getAttributes())) {
                    return fragment.getBundle();
                }
            }
        }
        return provider.getBundle();
    }

    Bundle[] all() {
        return context.getBundles();
    }

    static BundleRevision revision(Bundle bundle) {
        return bundle.adapt(BundleRevision.class);
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }

    static String names(Collection<Bundle> bundles) {
        return String.join(", ", bundles.stream().map(Bundle::getSymbolicName).toList());
    }
}
