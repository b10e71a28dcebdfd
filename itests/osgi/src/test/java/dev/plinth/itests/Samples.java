package dev.plinth.itests;

import java.net.URI;
import java.nio.file.Path;

/** The sample plugins and libraries the distribution ships. */
public final class Samples {

    public static final String HELLO = "dev.plinth.sample.hello";
    public static final String GREETING = "dev.plinth.sample.greeting";
    public static final String GREETER_EN = "dev.plinth.sample.greeter.en";
    public static final String GREETER_FR = "dev.plinth.sample.greeter.fr";
    public static final String VERSIONED = "dev.plinth.sample.versioned";
    public static final String THROWING = "dev.plinth.sample.throwing";
    public static final String BLOCKING = "dev.plinth.sample.blocking";
    public static final String UNRESOLVABLE = "dev.plinth.sample.unresolvable";

    private Samples() {
    }

    /** A sample jar of {@code samples/}, by file name without {@code .jar}. */
    public static Path jar(String name) {
        return PlinthRuntime.distribution().resolve("samples").resolve(name + ".jar");
    }

    public static URI uri(String name) {
        return jar(name).toUri();
    }
}
