package dev.plinth.storage.internal;

import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Bundle;

/**
 * Who calls, by the stack: the first frame whose class belongs to a bundle other than the framework and the storage
 * bundle. Lets the plugins' DataSource refuse a bundle that reaches another plugin's database through that plugin's
 * {@code BundleContext} or DataSource object. Against mistakes and casual attempts: plugins share the JVM
 * (docs/storage.md).
 */
final class CallerCheck {

    /** Declarative Services, which gets a component's references through the component bundle's context. */
    static final String SCR = "org.apache.felix.scr";

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private final long self;
    private final Function<Class<?>, Bundle> bundleOf;

    /**
     * @param self the storage bundle's id
     * @param bundleOf the bundle of a class, or {@code null} (the JDK, the launcher): {@code FrameworkUtil::getBundle}
     */
    CallerCheck(long self, Function<Class<?>, Bundle> bundleOf) {
        this.self = self;
        this.bundleOf = bundleOf;
    }

    /**
     * The bundle that calls on behalf of {@code served} without being it (nor SCR, when {@code scr}), or empty when
     * the call is {@code served}'s own. A stack with no bundle of its own is refused too (it is nobody's call).
     *
     * @return the refused caller, or empty
     */
    Optional<String> refused(Bundle served, boolean scr) {
        Optional<Bundle> caller = WALKER.walk(frames -> frames.map(frame -> bundleOf.apply(frame.getDeclaringClass()))
                .filter(bundle -> bundle != null && bundle.getBundleId() != 0 && bundle.getBundleId() != self)
                .findFirst());
        if (caller.isEmpty()) {
            return Optional.of("code of no bundle");
        }
        Bundle bundle = caller.get();
        if (bundle.getBundleId() == served.getBundleId() || (scr && SCR.equals(bundle.getSymbolicName()))) {
            return Optional.empty();
        }
        return Optional.of(bundle.getSymbolicName() + " " + bundle.getVersion());
    }
}
