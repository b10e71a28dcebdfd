package dev.plinth.rest.internal;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/**
 * Who made the registration (or the change of properties) whose service event is being delivered. The framework
 * attributes a service to the bundle whose context registered it, and any code can use any bundle's context (the
 * system bundle's, say); but it delivers service events on the registering thread, so the caller of
 * {@code registerService} or {@code setProperties} is on that thread's stack.
 *
 * @param kind what the caller is
 * @param bundle the caller's bundle when it is in one
 */
record Registrant(Kind kind, Optional<Bundle> bundle) {

    /** What made the registration. */
    enum Kind {
        /** Code of a bundle. */
        BUNDLE,
        /** Code outside any bundle, loaded with the framework: the launcher or the program that embeds it. */
        HOST,
        /** Not known: no registration on the stack, or code of a class loader of its own. */
        UNKNOWN,
        /** Not asked: the service is looked at outside its registration. */
        NOT_ASKED
    }

    static final Registrant NOT_ASKED = new Registrant(Kind.NOT_ASKED, Optional.empty());
    private static final Registrant UNKNOWN = new Registrant(Kind.UNKNOWN, Optional.empty());
    private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** The registrant of the registration this thread is making, seen from inside a service event hook. */
    static Registrant ofCurrentRegistration() {
        return STACK.walk(frames -> {
            Iterator<StackFrame> stack = frames.iterator();
            Class<?> framework = null;
            while (stack.hasNext()) {
                StackFrame frame = stack.next();
                Class<?> type = frame.getDeclaringClass();
                if (framework == null) {
                    framework = isRegistration(frame) ? type : null;
                } else if (!isPlumbing(type, framework)) {
                    return of(type, framework);
                }
            }
            return UNKNOWN;
        });
    }

    private static Registrant of(Class<?> caller, Class<?> framework) {
        Bundle bundle = FrameworkUtil.getBundle(caller);
        if (bundle != null) {
            return new Registrant(Kind.BUNDLE, Optional.of(bundle));
        }
        return isHostCode(caller, framework) ? new Registrant(Kind.HOST, Optional.empty()) : UNKNOWN;
    }

    /**
     * Code of the launcher or of the program embedding the framework: loaded by the framework's class loader from a
     * jar or folder of its class path. Classes made at run time in that loader (a method-handle proxy made on a
     * thread without a context class loader, say) have no code source and are not the host's.
     */
    private static boolean isHostCode(Class<?> caller, Class<?> framework) {
        if (caller.getClassLoader() != framework.getClassLoader() || caller.isHidden()
                || java.lang.reflect.Proxy.isProxyClass(caller)) {
            return false;
        }
        java.security.CodeSource source = caller.getProtectionDomain().getCodeSource();
        return source != null && source.getLocation() != null;
    }

    private static boolean isRegistration(StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        return frame.getMethodName().equals("registerService") && BundleContext.class.isAssignableFrom(type)
                || frame.getMethodName().equals("setProperties") && ServiceRegistration.class.isAssignableFrom(type);
    }

    /**
     * The framework's own classes between the caller and the registration (its package, from its class loader), and
     * the Java platform's (the modules of the boot layer).
     */
    private static boolean isPlumbing(Class<?> type, Class<?> framework) {
        return type.getClassLoader() == framework.getClassLoader()
                && type.getPackageName().equals(framework.getPackageName())
                || type.getModule().isNamed() && type.getModule().getLayer() == ModuleLayer.boot();
    }
}
