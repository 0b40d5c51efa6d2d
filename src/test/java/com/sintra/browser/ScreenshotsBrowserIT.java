package com.sintra.browser;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Screenshots of the main views at both sizes, light and dark, for docs/images (the README shows two). Not part
 * of every test run: {@code ./mvnw verify -Dsintra.screenshots=true -Dit.test=ScreenshotsBrowserIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "sintra.screenshots", matches = "true")
class ScreenshotsBrowserIT extends BrowserTest {

    private static final Path IMAGES = Path.of("docs", "images");

    @Test
    void every_main_view_is_photographed_at_both_sizes_in_light_and_dark() {
        signInAsAdmin();
        try {
            for (String theme : new String[] {"light", "dark"}) {
                for (Screen screen : Screen.values()) {
                    for (MainViews.MainView view : mainViews().all()) {
                        browser.js("localStorage.setItem(arguments[0], arguments[1])", ThemeBrowserIT.THEME_KEY, theme);
                        openAt(view, screen);
                        // Until the shell's theme switch is merged, Lumo's dark palette is applied directly.
                        browser.js("""
                                const html = document.documentElement, dark = arguments[0] === 'dark';
                                const themes = (html.getAttribute('theme') || '').split(' ').filter(t => t && t !== 'dark');
                                if (dark) themes.push('dark');
                                html.setAttribute('theme', themes.join(' '));
                                """, theme);
                        sleep(java.time.Duration.ofMillis(300));
                        browser.screenshot(IMAGES.resolve(view.slug() + "-" + screen.slug() + "-" + theme + ".png"));
                    }
                }
            }
        } finally {
            browser.js("localStorage.removeItem(arguments[0])", ThemeBrowserIT.THEME_KEY);
        }
    }
}
