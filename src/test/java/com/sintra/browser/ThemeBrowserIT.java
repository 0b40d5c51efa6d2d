package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import com.sintra.Fixtures;

/**
 * Light and dark, as agreed with the shell: the user menu's item #theme-toggle switches; dark means the
 * {@code <html>} element's theme attribute contains "dark"; the choice is kept in localStorage
 * {@code sintra-theme} ("light" or "dark"; absent: follow the system's prefers-color-scheme).
 */
class ThemeBrowserIT extends BrowserTest {

    static final String THEME_KEY = "sintra-theme";

    @AfterEach
    void forgetTheTheme() {
        browser.js("localStorage.removeItem(arguments[0])", THEME_KEY);
        systemPrefers("light");
    }

    @Test
    void the_theme_toggle_in_the_user_menu_turns_the_page_dark_and_is_remembered_after_a_reload() {
        browser.signIn(fixtures.newUser().email(), Fixtures.PASSWORD);
        systemPrefers("light");
        browser.js("localStorage.removeItem(arguments[0])", THEME_KEY);
        browser.reload();
        assertThat(luminance()).as("the page starts light (background luminance)").isGreaterThan(0.6);

        browser.userMenu().click();
        WebElement toggle = browser.await("#theme-toggle in the user menu", d -> (WebElement) browser.js(Browser.DOM
                + "return sintraAll('#theme-toggle').find(e => e.getBoundingClientRect().width > 0) || null;"));
        toggle.click();
        browser.idle();

        assertThat(htmlTheme()).as("<html theme>").contains("dark");
        assertThat(luminance()).as("the page is dark (background luminance)").isLessThan(0.2);
        assertThat(browser.js("return localStorage.getItem(arguments[0])", THEME_KEY)).isEqualTo("dark");

        browser.reload();
        assertThat(luminance()).as("still dark after a reload").isLessThan(0.2);
        browser.open("/settings");
        assertThat(htmlTheme()).as("<html theme> on a new page load").contains("dark");
        assertThat(luminance()).as("still dark on a new page load").isLessThan(0.2);
    }

    @Test
    void without_a_choice_of_its_own_the_page_follows_the_systems_dark_preference() {
        browser.signIn(fixtures.newUser().email(), Fixtures.PASSWORD);
        browser.js("localStorage.removeItem(arguments[0])", THEME_KEY);
        systemPrefers("dark");

        browser.reload();

        assertThat(htmlTheme()).as("<html theme> when the system prefers dark").contains("dark");
        assertThat(luminance()).as("the page is dark (background luminance)").isLessThan(0.2);
    }

    private void systemPrefers(String scheme) {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    private String htmlTheme() {
        return String.valueOf(browser.js("return document.documentElement.getAttribute('theme') || ''"));
    }

    /** Relative luminance (0 black … 1 white) of the body's background, or the page's where the body has none. */
    private double luminance() {
        return ((Number) browser.js("""
                const opaque = c => c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c);
                let color = getComputedStyle(document.body).backgroundColor;
                if (!opaque(color)) color = getComputedStyle(document.documentElement).backgroundColor;
                if (!opaque(color)) color = 'rgb(255, 255, 255)';
                const [r, g, b] = color.match(/[\\d.]+/g).slice(0, 3).map(v => {
                  const c = Number(v) / 255;
                  return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
                });
                return 0.2126 * r + 0.7152 * g + 0.0722 * b;
                """)).doubleValue();
    }
}
