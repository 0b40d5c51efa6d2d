package com.sintra.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium shared by all browser tests (starting one costs about a second), with the few
 * things the tests do: open a route and wait until Vaadin is idle, sign in and out, set the viewport, read
 * the page through small scripts. Tests reach components by id; Vaadin's shadow DOM is crossed in scripts.
 */
final class Browser implements AutoCloseable {

    /** Finds elements in the page and in every shadow root, and walks up through slots and shadow hosts. */
    static final String DOM = """
            const sintraAll = (selector, root = document) => {
              const found = [...root.querySelectorAll(selector)];
              for (const el of root.querySelectorAll('*')) {
                if (el.shadowRoot) found.push(...sintraAll(selector, el.shadowRoot));
              }
              return found;
            };
            const sintraParent = el => el.assignedSlot || el.parentElement
                || (el.parentNode instanceof ShadowRoot ? el.parentNode.host : null);
            """;

    private final ChromeDriver driver;
    private final Path profile;
    private String baseUrl;
    /** Whose session the browser holds, as far as the tests know; null when none. */
    private String signedInAs;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new, empty profile for every run: no cookies, storage or theme choice from an earlier one. */
    static Browser start() {
        try {
            Path profile = Files.createTempDirectory("sintra-chromium-");
            return new Browser(Chromium.start(profile), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Browser at(int port) {
        baseUrl = "http://localhost:" + port;
        return this;
    }

    WebDriver driver() {
        return driver;
    }

    // ------------------------------------------------------------------ navigation ---

    void open(String path) {
        driver.get(baseUrl + path);
        idle();
    }

    void reload() {
        driver.navigate().refresh();
        idle();
    }

    /** The page has loaded, Vaadin has started, and no round trip to the server is under way. */
    void idle() {
        waitUntil(d -> Boolean.TRUE.equals(js("""
                if (document.readyState !== 'complete') return false;
                const flow = window.Vaadin && window.Vaadin.Flow;
                if (!flow || !flow.clients) return !!document.querySelector('body > *');
                return Object.values(flow.clients).every(c => !c.isActive || !c.isActive());
                """)), Duration.ofSeconds(30), "Vaadin to be idle at " + driver.getCurrentUrl());
    }

    String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    void waitForPath(String expected) {
        waitUntil(d -> path().equals(expected), Duration.ofSeconds(15), () -> "the path " + expected + " (at " + path() + ")");
        idle();
    }

    // -------------------------------------------------------------------- accounts ---

    /**
     * Signs in on the sign-in page, starting from no session. The contract of the new sign-in view
     * (#login-email, #login-password, #login-submit) is used when present; until it is merged, the older
     * LoginOverlay's fields (name=username / password) are.
     */
    void signIn(String email, String password) {
        signedInAs = null;
        driver.manage().deleteAllCookies();
        open("/login");
        submitSignIn(email, password);
        waitUntil(d -> !path().equals("/login"), Duration.ofSeconds(15), "signing in as " + email + " to leave /login");
        idle();
        signedInAs = email;
    }

    /** Signs in unless this browser already holds this user's session (saves a second a test). */
    void staySignedIn(String email, String password) {
        if (!email.equals(signedInAs)) {
            signIn(email, password);
        }
    }

    /** Fills and sends the sign-in form once, staying wherever the app lands. */
    void submitSignIn(String email, String password) {
        signedInAs = null;
        WebElement emailInput = await("the sign-in form", d -> first("#login-email input", "input[name=username]"));
        WebElement passwordInput = first("#login-password input", "input[name=password]");
        emailInput.clear();
        emailInput.sendKeys(email);
        passwordInput.clear();
        passwordInput.sendKeys(password);
        WebElement submit = first("#login-submit", "vaadin-button[slot=submit]", "vaadin-login-form vaadin-button");
        submit.click();
    }

    /** Drops the session cookie: the next page is a signed-out visitor's. */
    void signOutByForgetting() {
        signedInAs = null;
        driver.manage().deleteAllCookies();
    }

    void signOut() {
        signedInAs = null;
        userMenu().click();
        menuItem("Sign out").click();
        waitForPath("/login");
    }

    WebElement userMenu() {
        return await("#user-menu", d -> byId("user-menu"));
    }

    /** An item of the open context or menu-bar menu, by its text. */
    WebElement menuItem(String text) {
        return await("the menu item " + text, d -> (WebElement) js("""
                return [...document.querySelectorAll('vaadin-menu-bar-item, vaadin-context-menu-item')]
                    .find(i => i.textContent.trim() === arguments[0] && i.getBoundingClientRect().width > 0) || null;
                """, text));
    }

    // ------------------------------------------------------------------- the page ---

    /** The first of the selectors that matches something in the page (light DOM), or null. */
    WebElement first(String... selectors) {
        for (String selector : selectors) {
            List<WebElement> found = driver.findElements(By.cssSelector(selector));
            if (!found.isEmpty()) {
                return found.get(0);
            }
        }
        return null;
    }

    WebElement byId(String id) {
        return first("#" + id);
    }

    WebElement element(String id) {
        return await("#" + id, d -> byId(id));
    }

    void click(String id) {
        element(id).click();
        idle();
    }

    void type(String id, String text) {
        WebElement input = await("#" + id + " input", d -> first("#" + id + " input", "#" + id + " textarea"));
        input.clear();
        input.sendKeys(text);
    }

    /** The input of the visible text field, text area or password field with this label (in the page or a dialog). */
    WebElement field(String label) {
        return await("a field labelled " + label, d -> (WebElement) js(DOM + """
                const field = sintraAll('vaadin-text-field, vaadin-text-area, vaadin-password-field, vaadin-email-field')
                    .find(f => f.label === arguments[0] && f.getBoundingClientRect().width > 0);
                return field ? field.querySelector('input, textarea') : null;
                """, label));
    }

    /** A visible button, link, tab or menu item whose own text is exactly this. */
    WebElement withText(String text) {
        return await("something showing " + text, d -> (WebElement) js("""
                return [...document.querySelectorAll('vaadin-button, a, vaadin-tab, vaadin-side-nav-item, vaadin-menu-bar-item')]
                    .find(e => e.textContent.trim() === arguments[0] && e.getBoundingClientRect().width > 0) || null;
                """, text));
    }

    /** The text of the notifications on screen now. */
    String notifications() {
        return (String) js("""
                return [...document.querySelectorAll('vaadin-notification-card')].map(c => c.textContent.trim()).join(' | ');
                """);
    }

    /** Lets the page read the clipboard, so a test can check what a copy button put there. */
    void allowClipboard() {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", baseUrl,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    String clipboard() {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                navigator.clipboard.readText().then(done, e => done('(clipboard not readable: ' + e + ')'));
                """);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return waitUntil(condition, Duration.ofSeconds(15), what);
    }

    <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout, String what) {
        return waitUntil(condition, timeout, () -> what);
    }

    /** {@code what} is asked for only when the wait fails, so it can tell the page's state at that moment. */
    <T> T waitUntil(Function<WebDriver, T> condition, Duration timeout, Supplier<String> what) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                .withMessage(() -> "waited " + timeout.toSeconds() + " s for " + what.get())
                .until(condition);
    }

    /** Emulates a screen of this size: the page's viewport (clientWidth × innerHeight) is exactly this. */
    void viewport(int width, int height, boolean phone) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", phone));
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile does no harm.
        }
    }
}
