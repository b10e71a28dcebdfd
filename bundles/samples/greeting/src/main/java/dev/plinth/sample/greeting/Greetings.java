package dev.plinth.sample.greeting;

/** Greets someone by name in a given language. */
public final class Greetings {

    private Greetings() {
    }

    /**
     * The greeting for {@code name} in {@code language}: {@code "en"} gives {@code Hello, NAME!},
     * {@code "fr"} gives {@code Bonjour, NAME !}, any other language just the name.
     */
    public static String greet(String language, String name) {
        if ("en".equals(language)) {
            return "Hello, " + name + "!";
        }
        if ("fr".equals(language)) {
            return "Bonjour, " + name + " !";
        }
        return name;
    }
}
