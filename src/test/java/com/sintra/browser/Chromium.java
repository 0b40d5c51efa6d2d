package com.sintra.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver, headless. Both paths are given, so Selenium never asks Selenium
 * Manager for a driver or a browser (which would try to download them: impossible on these machines and
 * unwanted in CI); the build also runs with SE_OFFLINE=true. scripts/provision-browser installs them.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("SINTRA_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("SINTRA_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("The browser tests need " + BROWSER + " and " + DRIVER
                    + ": run scripts/provision-browser (apt-get install chromium chromium-driver)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // /dev/shm is small in containers; Chromium then crashes on big pages.
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=1366,850", "--lang=en-US");
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }
}
