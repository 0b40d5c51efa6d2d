package com.sintra.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Every main view at a laptop's 1366×850 and a phone's 390×844: nothing sticks out sideways, every primary button
 * (and the chat composer, without scrolling) is on screen, and the user menu can be opened. One failure per view
 * and size, listing every finding.
 */
class LayoutBrowserIT extends BrowserTest {

    static Stream<Arguments> viewsAndSizes() {
        return Stream.of("Workspaces", "A workspace", "Brain", "A document", "Agents", "An agent", "Chat with two answers",
                "Collaborations", "A collaboration", "Settings", "Users", "Dashboard", "AI providers", "Audit log", "API keys").flatMap(view -> Stream.of(Screen.values()).map(size -> Arguments.of(view, size)));
    }

    @ParameterizedTest(name = "{0} at {1} fits the screen")
    @MethodSource("viewsAndSizes")
    void every_main_view_fits_the_screen_with_its_buttons_composer_and_user_menu_in_reach(String name, Screen screen) {
        MainViews.MainView view = mainViews().named(name);
        signInAsAdmin();
        openAt(view, screen);

        List<String> problems = new ArrayList<>(Layout.overflow(browser));
        view.docked().forEach(id -> problems.addAll(Layout.onScreen(browser, id, false)));
        Set<String> primary = new LinkedHashSet<>(view.primary());
        primary.addAll(Layout.primaryButtons(browser));
        primary.removeAll(view.docked());
        primary.forEach(id -> problems.addAll(Layout.onScreen(browser, id, true)));
        problems.addAll(userMenuReachable());

        failOn(view.name() + " at " + screen, problems);
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Screen.class)
    void the_brains_add_documents_tab_fits_the_screen(Screen screen) {
        signInAsAdmin();
        openAt(mainViews().named("Brain"), screen);
        browser.withText("Add documents").click();
        browser.idle();

        List<String> problems = new ArrayList<>(Layout.overflow(browser));
        problems.addAll(Layout.onScreen(browser, "brain-upload", true));
        problems.addAll(Layout.onScreen(browser, "brain-url", true));
        failOn("Brain, Add documents at " + screen, problems);
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Screen.class)
    void the_new_api_key_dialog_fits_the_screen(Screen screen) {
        signInAsAdmin();
        openAt(mainViews().named("Settings"), screen);
        browser.field("Name").sendKeys("layout check");
        browser.click("create-api-key");
        browser.element("api-key-copied");

        List<String> problems = new ArrayList<>(Layout.overflow(browser));
        problems.addAll(Layout.onScreen(browser, "new-api-key", false));
        problems.addAll(Layout.onScreen(browser, "api-key-copied", false));
        browser.click("api-key-copied");
        failOn("Settings, new API key dialog at " + screen, problems);
    }

    /** Opens the navigation drawer through its toggle when the drawer is closed and the toggle on screen. */
    private boolean openDrawer() {
        Object opened = browser.js("""
                const layout = document.querySelector('vaadin-app-layout');
                const toggle = document.querySelector('vaadin-drawer-toggle');
                if (!layout || !toggle || layout.drawerOpened) return false;
                const r = toggle.getBoundingClientRect();
                if (r.width === 0 || r.right > document.documentElement.clientWidth) return false;
                toggle.click();
                return true;
                """);
        if (Boolean.TRUE.equals(opened)) {
            sleep(java.time.Duration.ofMillis(400));
            return true;
        }
        return false;
    }

    private static void failOn(String where, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(where + ": " + problems.size() + " layout problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    /** The user menu is on screen and opens with "Sign out" on screen too. */
    private List<String> userMenuReachable() {
        List<String> problems = Layout.onScreen(browser, "user-menu", false);
        if (!problems.isEmpty() && openDrawer()) {
            // A phone layout may keep the user menu in the navigation drawer: reachable through its toggle.
            problems = Layout.onScreen(browser, "user-menu", false);
        }
        if (!problems.isEmpty()) {
            return problems.stream().map(p -> "user menu: " + p).toList();
        }
        browser.userMenu().click();
        WebElement signOut = browser.menuItem("Sign out");
        // On a phone the menu slides up from the bottom: judge where it comes to rest, not where it starts.
        boolean inView;
        try {
            browser.waitUntil(d -> Boolean.TRUE.equals(browser.js("""
                    const r = arguments[0].getBoundingClientRect();
                    return r.left >= 0 && r.top >= 0 && r.right <= document.documentElement.clientWidth && r.bottom <= innerHeight;
                    """, signOut)), Duration.ofSeconds(3), "Sign out on screen");
            inView = true;
        } catch (TimeoutException offScreen) {
            inView = false;
        }
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        return inView ? List.of() : List.of("user menu: \"Sign out\" opens off screen");
    }
}
