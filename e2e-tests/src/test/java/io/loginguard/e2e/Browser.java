package io.loginguard.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code chromium} driven by its {@code chromium-driver}) with a profile of its own,
 * as a separate device would be: its own cookies, so its own {@code lg_device}. Every page it comes to is checked by
 * {@link A11y}. The driver is a {@link ChromeDriver}, so a later passkey test can add a virtual authenticator to it
 * ({@code driver().addVirtualAuthenticator(new VirtualAuthenticatorOptions()...)}) without anything else here.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("loginguard.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("loginguard.chromedriver", "/usr/bin/chromedriver"));
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;

    private final ChromeDriver driver;
    private final Path profile;
    private final A11y a11y;

    private Browser(ChromeDriver driver, Path profile, A11y a11y) {
        this.driver = driver;
        this.profile = profile;
        this.a11y = a11y;
    }

    /** Why no browser can be started here, or null when Chromium and its driver are installed. */
    static String missing() {
        if (!Files.isExecutable(CHROMIUM)) {
            return CHROMIUM + " is missing (apt-get install chromium; .ci/run installs it)";
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            return CHROMEDRIVER + " is missing (apt-get install chromium-driver; .ci/run installs it)";
        }
        return null;
    }

    /** A fresh browser: a new, empty profile directory, English, at desktop size. */
    static Browser open(A11y a11y) {
        try {
            Path profile = Files.createTempDirectory("e2e-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // as the issue names them: root in a container with its network closed
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--user-data-dir=" + profile,
                    "--window-size=" + DESKTOP_WIDTH + "," + DESKTOP_HEIGHT, "--lang=en-US", "--disable-dev-shm-usage");
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
            desktop(driver);
            return new Browser(driver, profile, a11y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Loads the address and checks the page. */
    Browser go(String url) {
        driver.get(url);
        a11y.check(driver);
        return this;
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    Browser type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
        return this;
    }

    /** Presses the button (or anything clickable) and waits for the page it leads to, then checks that page. */
    Browser press(String css) {
        return press(find(css));
    }

    Browser press(WebElement button) {
        WebElement before = driver.findElement(By.tagName("html"));
        button.click();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> gone(before));
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        a11y.check(driver);
        return this;
    }

    /**
     * Whether the page the element belonged to has been replaced. Chromium answers a question about a node of a
     * document being torn down either "stale element" or, in the race, "Node with given id does not belong to the
     * document" (an unknown error): both mean the old page is gone.
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    /** The form the element is in, submitted by its submit button. */
    Browser submit(String fieldCss) {
        return press(find(fieldCss).findElement(By.xpath("ancestor::form//button[@type='submit']")));
    }

    /** Saves this page at desktop (1280x800) and phone (390x844) width as {@code NAME-desktop.png}, {@code NAME-phone.png}. */
    void screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + "-desktop.png"), capture());
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", PHONE_WIDTH,
                    "height", PHONE_HEIGHT, "deviceScaleFactor", 1, "mobile", true));
            Files.write(dir.resolve(name + "-phone.png"), capture());
            desktop(driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] capture() {
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png"));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    private static void desktop(ChromeDriver driver) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", DESKTOP_WIDTH,
                "height", DESKTOP_HEIGHT, "deviceScaleFactor", 1, "mobile", false));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary directory left behind
            }
        }
    }
}
