package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;

import com.sintra.Fixtures;
import com.sintra.account.AccountService;
import com.sintra.account.User;

/**
 * Security as a person meets it in the browser. The sign-in page's contract (agreed with the account work):
 * route "login", fields #login-email and #login-password, button #login-submit, errors in #login-error.
 */
class SecurityBrowserIT extends BrowserTest {

    @Autowired
    private AccountService accounts;

    @Test
    void deactivating_a_user_ends_his_open_session_at_his_next_click() {
        User bob = fixtures.newUser();
        fixtures.newWorkspace(bob);
        browser.signIn(bob.email(), Fixtures.PASSWORD);
        browser.open("/settings");

        fixtures.as(fixtures.admin(), () -> accounts.setActive(bob.id(), false));
        browser.withText("Brain").click();

        browser.waitUntil(d -> browser.path().equals("/login"), Duration.ofSeconds(15),
                () -> "Bob's next round trip after his deactivation to land on the sign-in page (he is at "
                        + browser.path() + ")");
    }

    @Test
    void after_five_wrong_passwords_for_one_e_mail_even_the_right_one_is_refused_for_a_while() {
        User victim = fixtures.newUser();
        browser.signOutByForgetting();
        browser.open("/login");

        for (int attempt = 1; attempt <= 5; attempt++) {
            attempt(victim.email(), "wrong password " + attempt);
        }
        attempt(victim.email(), Fixtures.PASSWORD);

        assertThat(browser.path()).as("still on the sign-in page after the sixth attempt").isEqualTo("/login");
        WebElement error = browser.byId("login-error");
        assertThat(error).as("#login-error on the sign-in page").isNotNull();
        assertThat(error.getText()).contains("Too many sign-in attempts");
    }

    /** One sign-in attempt, waiting for its answer: a new page (a form post) or the end of Vaadin's round trip. */
    private void attempt(String email, String password) {
        browser.js("window.sintraAttempt = true");
        browser.submitSignIn(email, password);
        sleep(Duration.ofMillis(300));
        browser.waitUntil(d -> browser.js("return window.sintraAttempt") == null || !browser.path().equals("/login")
                || Boolean.TRUE.equals(browser.js("return !!document.getElementById('login-error')")),
                Duration.ofSeconds(30), "the answer to a sign-in attempt");
        browser.idle();
    }
}
