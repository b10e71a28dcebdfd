package dev.plinth.itests.blackbox;

import java.util.List;
import java.util.function.Supplier;

import org.openqa.selenium.WebElement;

/**
 * The slots plugins' console pages are shown in (docs/console-plugins.md), as a test finds them in the console of a
 * {@link Browser}: the navigation link of a page, the section of a slot once its module is mounted, the frame of a
 * sandboxed one (whose document the test enters to read what the plugin shows), and the resources the page asked for.
 */
final class ConsolePluginSlots {

    private final Browser browser;

    ConsolePluginSlots(Browser browser) {
        this.browser = browser;
    }

    /** The link of {@code plugin}'s page in the console's navigation. */
    static String nav(String plugin) {
        return "a[data-test=ext-nav][data-plugin='" + plugin + "']";
    }

    /** The section of {@code plugin}'s {@code slot} ({@code page}, {@code panel}, {@code settings}). */
    static String section(String slot, String plugin) {
        return "section[data-test=ext-" + slot + "][data-plugin='" + plugin + "']";
    }

    /** The section of {@code plugin}'s {@code slot} once its module's {@code mount} returned. */
    static String mounted(String slot, String plugin) {
        return section(slot, plugin) + "[data-mounted=true]";
    }

    /** Waits until {@code plugin}'s {@code slot} is mounted; returns its section. */
    WebElement awaitMounted(String slot, String plugin) {
        return browser.await(mounted(slot, plugin));
    }

    /**
     * Runs {@code body} inside the frame of {@code plugin}'s sandboxed {@code slot} (its elements are then what the
     * browser's look-ups find), and returns to the console's document after it.
     */
    <T> T inFrame(String slot, String plugin, Supplier<T> body) {
        WebElement frame = browser.await(mounted(slot, plugin) + " iframe[data-test=ext-frame]");
        browser.driver().switchTo().frame(frame);
        try {
            return body.get();
        } finally {
            browser.driver().switchTo().defaultContent();
        }
    }

    /** Lets the console's document keep the timing of every resource it asks for (not only of the first 250). */
    void keepEveryResourceTiming() {
        browser.script("performance.setResourceTimingBufferSize(100000)");
    }

    /** The URLs the console's document asked for under {@code /console/plugins/} or {@code /console/frames/}. */
    @SuppressWarnings("unchecked")
    List<String> pluginResources() {
        return (List<String>) browser.script("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => n.includes('/console/plugins/') || n.includes('/console/frames/'))");
    }

    /** How many times the console's document asked for {@code path} (a path of the API, such as the module list). */
    long requestsOf(String path) {
        return ((Number) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === arguments[0]).length", path)).longValue();
    }
}
