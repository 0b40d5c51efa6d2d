package com.sintra.account.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.sintra.KaribuTest;
import com.sintra.account.FailedSignIn;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;

class LoginViewTest extends KaribuTest {

    @Test
    void the_form_has_the_fields_and_button_browser_tests_rely_on_and_posts_to_spring_security() {
        openAnonymously();
        UI.getCurrent().navigate("login");

        EmailField email = _get(EmailField.class, spec -> spec.withId("login-email"));
        PasswordField password = _get(PasswordField.class, spec -> spec.withId("login-password"));
        _get(Button.class, spec -> spec.withId("login-submit"));
        assertThat(email.getElement().getAttribute("name")).isEqualTo("username");
        assertThat(password.getElement().getAttribute("name")).isEqualTo("password");
        assertThat(email.getElement().getParent().getTag()).isEqualTo("form");
        assertThat(email.getElement().getParent().getAttribute("action")).isEqualTo("login");
        _assertNone(Paragraph.class, spec -> spec.withId("login-error"));
    }

    @Test
    void after_a_wrong_password_the_email_stays_and_the_message_does_not_say_whether_the_account_exists() {
        openAnonymously();
        VaadinSession.getCurrent().getSession().setAttribute(FailedSignIn.SESSION_ATTRIBUTE,
                new FailedSignIn("Someone@Test.Sintra", null));
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        assertThat(_get(EmailField.class, spec -> spec.withId("login-email")).getValue()).isEqualTo("Someone@Test.Sintra");
        assertThat(_get(PasswordField.class, spec -> spec.withId("login-password")).getValue()).isEmpty();
        assertThat(_get(Paragraph.class, spec -> spec.withId("login-error")).getText())
                .isEqualTo("Incorrect e-mail or password. Check both and try again. "
                        + "Ask an administrator if your account was deactivated.");
        assertThat(VaadinSession.getCurrent().getSession().getAttribute(FailedSignIn.SESSION_ATTRIBUTE))
                .as("shown once").isNull();
    }

    @Test
    void a_locked_sign_in_says_there_were_too_many_attempts_and_when_to_try_again() {
        openAnonymously();
        VaadinSession.getCurrent().getSession().setAttribute(FailedSignIn.SESSION_ATTRIBUTE,
                new FailedSignIn("someone@test.sintra", Instant.now().plusSeconds(30)));
        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        Paragraph error = _get(Paragraph.class, spec -> spec.withId("login-error"));
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).isEqualTo(
                "Too many sign-in attempts. For your safety, signing in is paused: try again in 30 seconds.");
    }

    @Test
    void long_waits_are_told_in_minutes() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        assertThat(LoginView.message(new FailedSignIn("a@b.c", now.plusSeconds(900)), now)).endsWith("try again in 15 minutes.");
        assertThat(LoginView.message(new FailedSignIn("a@b.c", now.plusSeconds(1)), now)).endsWith("try again in 1 second.");
        assertThat(LoginView.message(new FailedSignIn("a@b.c", now.minusSeconds(1)), now)).startsWith("Incorrect e-mail or password");
    }
}
