package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium of the machine driven through its installed chromedriver (never downloaded: Selenium
 * Manager is not asked), in a profile of its own that is deleted when it is closed.
 */
final class Chromium implements AutoCloseable {

    /** Kept, so that its level holds: Selenium looks for a DevTools binding the tests never use, and would warn. */
    private static final java.util.logging.Logger CDP = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Chromium(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Starts {@code browser} through {@code chromedriver}; fails saying what to install when either is missing. */
    static Chromium start(Path browser, Path chromedriver, Duration bound) throws IOException {
        for (Path program : new Path[] { browser, chromedriver }) {
            if (!Files.isExecutable(program)) {
                throw new IOException(program + " is missing: the console section needs Debian's chromium and"
                        + " chromium-driver (or -Dbench.chromium, -Dbench.chromedriver)");
            }
        }
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, chromedriver.toString());
        Path profile = Files.createTempDirectory("bench-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments("--headless=new", "--window-size=1280,900", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profile);
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(bound).scriptTimeout(bound);
        return new Chromium(driver, service, profile);
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }
}
