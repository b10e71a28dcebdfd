package dev.plinth.testing.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The Declarative Services components of a bundle as SCR's {@code ServiceComponentRuntime} reports them. Its DTO
 * classes are the SCR bundle's, not the test's: they are read reflectively, by their public fields.
 */
public final class Components {

    private static final String RUNTIME = "org.osgi.service.component.runtime.ServiceComponentRuntime";
    private static final int UNSATISFIED_CONFIGURATION = 1;
    private static final int UNSATISFIED_REFERENCE = 2;
    private static final int SATISFIED = 4;
    private static final int FAILED_ACTIVATION = 16;

    private Components() {
    }

    /**
     * Activates the bundle's satisfied components that provide a service and are not active yet, as a first user
     * would (gets and ungets their service), then returns why each of its components is not working, one a line:
     * empty when all are (or when there is no SCR).
     */
    public static List<String> failures(BundleContext context, Bundle bundle) {
        Object runtime = runtime(context);
        if (runtime == null || bundle == null) {
            return List.of();
        }
        for (Description each : descriptions(runtime, bundle)) {
            activate(context, each.configurations());
        }
        List<String> failures = new ArrayList<>();
        for (Description each : descriptions(runtime, bundle)) {
            for (Object configuration : each.configurations()) {
                String failure = failure(configuration);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        return failures;
    }

    private static void activate(BundleContext context, List<Object> configurations) {
        for (Object configuration : configurations) {
            if (((Number) field(configuration, "state")).intValue() != SATISFIED) {
                continue;
            }
            ServiceReference<?>[] references;
            try {
                references = context.getAllServiceReferences(null,
                        "(component.id=" + field(configuration, "id") + ")");
            } catch (InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                try {
                    if (context.getService(reference) != null) {
                        context.ungetService(reference);
                    }
                } catch (RuntimeException e) {
                    // SCR records the failure in the configuration's state
                }
            }
        }
    }

    private static String failure(Object configuration) {
        Object description = field(configuration, "description");
        String name = String.valueOf(field(description, "name"));
        int state = ((Number) field(configuration, "state")).intValue();
        if (state == FAILED_ACTIVATION) {
            return name + " failed to activate: " + firstLine(field(configuration, "failure"));
        }
        if (state == UNSATISFIED_REFERENCE) {
            List<String> missing = new ArrayList<>();
            for (Object reference : array(field(configuration, "unsatisfiedReferences"))) {
                Object target = field(reference, "target");
                missing.add(field(reference, "name") + interfaceOf(description, reference)
                        + (target == null ? "" : " " + target));
            }
            return name + " is unsatisfied: no service for its reference " + String.join(", ", missing);
        }
        if (state == UNSATISFIED_CONFIGURATION) {
            return unconfigured(description);
        }
        return null;
    }

    /**
     * A component that requires a configuration no one gave yet has no configuration DTO at all: it waits for the
     * operator's settings, which is no failure. SCR reports this state for a configuration it has, and lacks another.
     */
    private static String unconfigured(Object description) {
        List<String> pids = new ArrayList<>();
        for (Object pid : array(field(description, "configurationPid"))) {
            pids.add(String.valueOf(pid));
        }
        return field(description, "name") + " is unsatisfied: it requires the configuration "
                + String.join(", ", pids) + ", which does not exist";
    }

    private static String interfaceOf(Object description, Object reference) {
        for (Object declared : array(field(description, "references"))) {
            if (String.valueOf(field(declared, "name")).equals(String.valueOf(field(reference, "name")))) {
                return " (" + field(declared, "interfaceName") + ")";
            }
        }
        return "";
    }

    private static String firstLine(Object text) {
        String value = String.valueOf(text).strip();
        int end = value.indexOf('\n');
        return (end < 0 ? value : value.substring(0, end)).strip();
    }

    private static Object runtime(BundleContext context) {
        ServiceReference<?> reference = context.getServiceReference(RUNTIME);
        return reference == null ? null : context.getService(reference);
    }

    private record Description(Object dto, List<Object> configurations) {
    }

    private static List<Description> descriptions(Object runtime, Bundle bundle) {
        List<Description> descriptions = new ArrayList<>();
        Object dtos = invoke(runtime, "getComponentDescriptionDTOs", new Class<?>[] {Bundle[].class},
                (Object) new Bundle[] {bundle});
        for (Object description : (Collection<?>) dtos) {
            Object each = invoke(runtime, "getComponentConfigurationDTOs", new Class<?>[] {description.getClass()},
                    description);
            descriptions.add(new Description(description, List.copyOf((Collection<?>) each)));
        }
        return descriptions;
    }

    private static Object invoke(Object runtime, String name, Class<?>[] types, Object... arguments) {
        try {
            Method method = api(runtime.getClass()).getMethod(name, types);
            return method.invoke(runtime, arguments);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read SCR's " + name + ": " + e, e);
        }
    }

    private static Class<?> api(Class<?> type) {
        for (Class<?> each = type; each != null; each = each.getSuperclass()) {
            for (Class<?> face : each.getInterfaces()) {
                if (face.getName().equals(RUNTIME)) {
                    return face;
                }
            }
        }
        throw new IllegalStateException(type + " is no " + RUNTIME);
    }

    private static Object field(Object dto, String name) {
        try {
            Field field = dto.getClass().getField(name);
            return field.get(dto);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + name + " of " + dto.getClass().getName() + ": " + e, e);
        }
    }

    private static List<Object> array(Object array) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; array != null && i < Array.getLength(array); i++) {
            values.add(Array.get(array, i));
        }
        return values;
    }
}
