package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through the installed chromedriver (never downloaded), as a JUnit extension of a test
 * class: started before its tests, quit after them; when a test fails, the page's console log is printed and a
 * screenshot taken. Register it with {@code @RegisterExtension static final Browser browser = new Browser();}.
 * Waits are on conditions with a bound, never sleeps.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** The longest any one condition of a page is waited for. */
    public static final Duration BOUND = Duration.ofSeconds(30);

    static final Path CHROMIUM = Path.of(System.getProperty("plinth.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("plinth.test.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("plinth.screenshots", "target/screenshots"));

    /** Kept, so that its level holds: Selenium looks for a DevTools binding the tests never use, and would warn. */
    private static final java.util.logging.Logger CDP = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private ChromeDriver driver;
    /** The errors of the page's console log read so far, in order. */
    private final List<LogEntry> severe = new java.util.ArrayList<>();
    private ChromeDriverService service;
    private Path profile;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                throw new AssertionError("the web console's tests need Chromium and its driver, and " + program
                        + " is missing: install Debian's chromium and chromium-driver (.ci/run does), or name them"
                        + " with -Dplinth.test.chromium=<browser> -Dplinth.test.chromedriver=<driver>");
            }
        }
        // The driver is the one installed beside the browser: Selenium Manager never looks for or downloads one.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("plinth-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--window-size=1280,900", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profile);
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(BOUND).scriptTimeout(BOUND);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        System.out.println("--- the page at " + safely(driver::getCurrentUrl) + " when " + name + " failed");
        consoleLog().forEach(System.out::println);
        System.out.println("--- the page's text");
        System.out.println(safely(() -> {
            String text = String.valueOf(script("return document.body.innerText"));
            return text.length() > 4000 ? text.substring(0, 4000) + "..." : text;
        }));
        System.out.println("--- end of the page's console log and text");
        try {
            screenshot("failed-" + name);
        } catch (RuntimeException | IOException e) {
            System.out.println("no screenshot: " + e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens {@code hash} (such as {@code #/plugins}) of the console of {@code rest}, as a fresh page load. */
    public void open(RestRuntime rest, String hash) {
        // From a blank page: a URL differing from the current one in its hash alone would not load the page again.
        driver.get("about:blank");
        driver.get(rest.uri("/console/" + hash).toString());
    }

    /**
     * Signs in to the console of {@code rest} with {@code token} through its sign-in form and waits until the header
     * names who signed in and {@code hash} is shown.
     */
    public void signIn(RestRuntime rest, String token, String hash) {
        open(rest, hash);
        WebElement field = await("input#signin-token");
        field.clear();
        field.sendKeys(token);
        one("button#signin-submit").click();
        await("[data-test=whoami]");
    }

    /** Changes the page's hash without loading the page again (what a click on a link of the console does). */
    public void navigate(String hash) {
        script("location.hash = arguments[0]", hash);
    }

    /** Waits until the view {@code name} says its data is shown ({@code data-ready="true"}); returns its container. */
    public WebElement awaitView(String name) {
        return await("the view " + name + " to be ready", driver -> {
            if (!name.equals(driver.findElement(By.tagName("body")).getAttribute("data-view"))) {
                return null;
            }
            List<WebElement> ready = driver.findElements(By.cssSelector("[data-ready=true]"));
            return ready.isEmpty() ? null : ready.get(0);
        });
    }

    /** Waits until {@code css} matches an element that is displayed; returns it. */
    public WebElement await(String css) {
        return await(css + " to be shown", driver -> driver.findElements(By.cssSelector(css)).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Closes the console's plan dialog after its outcome with the button it then offers, unless it closed itself. */
    public void closePlan() {
        for (String button : List.of("plan-close", "plan-cancel")) {
            String css = "dialog[data-test=plan][open] button[data-test=" + button + "]";
            if (present(css)) {
                one(css).click();
                break;
            }
        }
        awaitGone("dialog[data-test=plan][open]");
    }

    /** Waits until {@code css} matches no element. */
    public void awaitGone(String css) {
        await("no " + css, driver -> driver.findElements(By.cssSelector(css)).isEmpty() ? Boolean.TRUE : null);
    }

    /** Waits until {@code condition} gives neither null nor false; fails naming {@code what} after {@link #BOUND}. */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            // A view may draw its elements again while they are looked at: look again then.
            return new WebDriverWait(driver, BOUND, Duration.ofMillis(25)).withMessage("waiting for " + what)
                    .ignoring(StaleElementReferenceException.class).until(condition::apply);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + BOUND.toSeconds() + " s on "
                    + safely(driver::getCurrentUrl), e);
        }
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public boolean present(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    /** Runs {@code code} in the page (as a function body: {@code return} gives the value). */
    public Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** The page's session cookie, or null. */
    public String sessionCookie() {
        Cookie cookie = driver.manage().getCookieNamed("plinth-session");
        return cookie == null ? null : cookie.getValue();
    }

    /** The CSRF value the console keeps for this tab's session (in its sessionStorage), or null when it keeps none. */
    public String csrf() {
        Object csrf = script("const kept = JSON.parse(sessionStorage.getItem('plinth.console.session') || 'null');"
                + " return kept && kept.csrf;");
        return csrf == null ? null : String.valueOf(csrf);
    }

    /** The text of an open alert, or null when none is open. */
    public String alert() {
        try {
            return driver.switchTo().alert().getText();
        } catch (NoAlertPresentException e) {
            return null;
        }
    }

    /** The page's source as the browser holds it now (the document after the console's scripts built it). */
    public String source() {
        return driver.getPageSource();
    }

    /** Saves a screenshot of the window as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.createDirectories(file.getParent());
        Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
        return Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the page logged to its console (and the browser's own errors for it) since the last call. */
    public List<String> consoleLog() {
        try {
            List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
            entries.stream().filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                    .forEach(severe::add);
            return entries.stream().map(LogEntry::toString).toList();
        } catch (RuntimeException e) {
            return List.of("(the console log could not be read: " + e.getMessage() + ")");
        }
    }

    /**
     * The errors the page logged so far other than answers of the API with an error status (which a test may have
     * asked for): scripts that threw, resources the content security policy refused.
     */
    public List<String> scriptErrors() {
        consoleLog();
        return severe.stream().map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource: the server responded with a status of"))
                .toList();
    }

    private static String safely(java.util.function.Supplier<String> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return "(unknown: " + e.getMessage() + ")";
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }
}
