package dev.plinth.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.osgi.framework.BundleContext;

import dev.plinth.api.PluginManager;
import dev.plinth.testing.internal.Archives;

/**
 * The JUnit 5 extension behind {@link PlinthTest}: one {@link PlinthRuntime} per test class, started before its first
 * test and closed after its last; {@link InjectService} fields and parameters, and parameters of type
 * {@link PlinthRuntime}, {@link PluginManager} and {@link BundleContext}.
 */
public final class PlinthExtension implements BeforeAllCallback, AfterAllCallback, TestInstancePostProcessor,
        ParameterResolver, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    /** The system property naming the plugin jar to test instead of target/classes. */
    public static final String PLUGIN_PROPERTY = "plinth.test.plugin";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlinthExtension.class);
    private static final String RUNTIME = "runtime";

    @Override
    public void beforeAll(ExtensionContext context) {
        if (context.getStore(NAMESPACE).get(RUNTIME) != null) {
            return;
        }
        Class<?> testClass = context.getRequiredTestClass();
        PlinthTest settings = AnnotationSupport.findAnnotation(testClass, PlinthTest.class)
                .orElseThrow(() -> new AssertionFailedError(testClass.getName() + " is not annotated @PlinthTest"));
        PlinthRuntime.Options options = new PlinthRuntime.Options().enable(settings.enable())
                .plugin(pluginUnderTest(testClass, settings)).with(settings.with()).keepLogAs(testClass.getName());
        for (String bundle : settings.bundles()) {
            options.bundle(Archives.find(bundle, null).location());
        }
        for (String property : settings.properties()) {
            int equals = property.indexOf('=');
            if (equals <= 0) {
                throw new AssertionFailedError("@PlinthTest(properties) takes key=value, not: " + property);
            }
            options.property(property.substring(0, equals).trim(), property.substring(equals + 1).trim());
        }
        context.getStore(NAMESPACE).put(RUNTIME, new Owned(PlinthRuntime.start(options), testClass,
                new AtomicBoolean()));
    }

    private static Path pluginUnderTest(Class<?> testClass, PlinthTest settings) {
        if (!settings.plugin().isEmpty()) {
            return Archives.find(settings.plugin(), null).location();
        }
        String named = System.getProperty(PLUGIN_PROPERTY);
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        return Archives.projectClasses(testClass);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Object owned = context.getStore(NAMESPACE).get(RUNTIME);
        if (owned instanceof Owned runtime && runtime.testClass() == context.getRequiredTestClass()) {
            context.getStore(NAMESPACE).remove(RUNTIME);
            if (runtime.failed().get()) {
                runtime.runtime().keepLogOnClose(runtime.testClass().getName());
            }
            runtime.runtime().close();
        }
    }

    @Override
    public void postProcessTestInstance(Object instance, ExtensionContext context) throws IllegalAccessException {
        for (Class<?> type = instance.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.isAnnotationPresent(InjectService.class) && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(instance, resolve(field.getType(), field.getAnnotation(InjectService.class), context));
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return parameter.isAnnotated(InjectService.class) || type == PlinthRuntime.class
                || type == PluginManager.class || type == BundleContext.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        try {
            return resolve(type, parameter.findAnnotation(InjectService.class).orElse(null), context);
        } catch (AssertionFailedError e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    private static Object resolve(Class<?> type, InjectService inject, ExtensionContext context) {
        PlinthRuntime runtime = runtime(context);
        if (type == PlinthRuntime.class) {
            return runtime;
        }
        if (type == BundleContext.class) {
            return runtime.bundleContext();
        }
        Duration bound = Duration.ofSeconds(inject == null ? 10 : inject.timeoutSeconds());
        return runtime.service(type, bound);
    }

    private static PlinthRuntime runtime(ExtensionContext context) {
        Object owned = context.getStore(NAMESPACE).get(RUNTIME);
        if (!(owned instanceof Owned runtime)) {
            throw new AssertionFailedError("no Plinth runtime: the test class is not annotated @PlinthTest");
        }
        return runtime.runtime();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw keepLog(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw keepLog(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw keepLog(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw keepLog(context, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw keepLog(context, failure);
    }

    /** A test of the class failed: its runtime's log is kept (copied again at the class's end); the failure says where. */
    private static Throwable keepLog(ExtensionContext context, Throwable failure) {
        if (!(context.getStore(NAMESPACE).get(RUNTIME) instanceof Owned owned)) {
            return failure;
        }
        owned.failed().set(true);
        owned.runtime().keepLog(owned.testClass().getName());
        String note = owned.runtime().keptLogNote();
        return note.isEmpty() ? failure : Failures.withNote(failure, note);
    }

    private record Owned(PlinthRuntime runtime, Class<?> testClass, AtomicBoolean failed) {
    }
}
