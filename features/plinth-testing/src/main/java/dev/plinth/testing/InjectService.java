package dev.plinth.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field or parameter of a {@link PlinthTest} class that receives a service of the test runtime, by its type. The
 * service is waited for, at most {@link #timeoutSeconds()}. A service whose interface the test loaded itself (the
 * plugin's own classes) is bridged through a proxy (docs/testing.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.FIELD, ElementType.PARAMETER })
public @interface InjectService {

    /** How long to wait for the service. */
    int timeoutSeconds() default 10;
}
