package dev.plinth.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a real Plinth runtime ({@link PlinthRuntime}): started before its first test on a temporary
 * home, with the plugin under test installed (and enabled) through the plugin manager; stopped, and its home deleted,
 * after its last test. See docs/testing.md.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(PlinthExtension.class)
public @interface PlinthTest {

    /** Symbolic names of bundle jars on the test class path, installed and enabled before the plugin under test. */
    String[] bundles() default {};

    /** Framework and launcher properties, as {@code key=value}. */
    String[] properties() default {};

    /**
     * Boot bundles of the default distribution that a test runtime leaves out by default, to boot as well (the
     * console, the deploy directory, the catalogues).
     */
    Extra[] with() default {};

    /** Whether the plugin under test is enabled after it is installed. */
    boolean enable() default true;

    /**
     * The plugin under test by the symbolic name of a bundle jar on the test class path, instead of the project's
     * own {@code target/classes}.
     */
    String plugin() default "";
}
