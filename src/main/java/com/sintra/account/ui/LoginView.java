package com.sintra.account.ui;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.security.web.csrf.CsrfToken;

import com.sintra.account.FailedSignIn;
import com.sintra.base.ui.Plural;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasComponents;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * The sign-in page: a real HTML form posted to Spring Security's form login ({@code POST /login}) with Spring's
 * CSRF token in it, so a sign-in cannot be forged from another site. Being a plain form post, password managers
 * recognise it, and Spring's own pipeline does the rest (session fixation, saved-request redirect).
 * Failures come back here as {@code /login?error}, with the e-mail kept (see {@link FailedSignIn}).
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Sintra")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    static final String WRONG_CREDENTIALS = "Incorrect e-mail or password. Check both and try again. "
            + "Ask an administrator if your account was deactivated.";

    private final EmailField email = new EmailField("E-mail");
    private final PasswordField password = new PasswordField("Password");
    private final Paragraph error = new Paragraph();
    private final Clock clock;

    public LoginView() {
        this(Clock.systemUTC());
    }

    LoginView(Clock clock) {
        this.clock = clock;
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);

        email.setId("login-email");
        email.getElement().setAttribute("name", "username");
        email.setAutocomplete(Autocomplete.USERNAME);
        email.setAutofocus(true);
        email.setWidthFull();
        password.setId("login-password");
        password.getElement().setAttribute("name", "password");
        password.setAutocomplete(Autocomplete.CURRENT_PASSWORD);
        password.setWidthFull();
        error.setId("login-error");
        error.setVisible(false);
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("margin", "0");
        error.getElement().setAttribute("role", "alert");
        Button submit = new Button("Sign in");
        submit.setId("login-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setWidthFull();

        Element csrf = new Element("input").setAttribute("type", "hidden");
        CsrfToken token = csrfToken();
        if (token != null) {
            csrf.setAttribute("name", token.getParameterName()).setAttribute("value", token.getToken());
        }

        H1 title = new H1("Sintra");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xxl)");
        Paragraph tagline = new Paragraph("Your team's agents, brain and collaborations");
        tagline.addClassName("sintra-muted");
        tagline.getStyle().set("margin-top", "0");

        NativeForm form = new NativeForm();
        form.getElement().setAttribute("method", "post").setAttribute("action", "login");
        form.getElement().appendChild(csrf);
        form.add(title, tagline, error, email, password, submit);
        form.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)")
                .set("width", "100%").set("max-width", "22rem").set("box-sizing", "border-box")
                .set("padding", "var(--lumo-space-l)");
        // The button and Enter in either field submit the form natively, without a round trip to the server:
        // a web component button is not a submit button, and a form with two fields has no implicit submission.
        form.getElement().executeJs("""
                const form = this;
                const submit = () => form.requestSubmit();
                form.querySelector('#login-submit').addEventListener('click', submit);
                for (const id of ['login-email', 'login-password']) {
                    form.querySelector('#' + id).addEventListener('keydown', e => { if (e.key === 'Enter') submit(); });
                }""");
        add(form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        FailedSignIn failed = takeFailedSignIn();
        if (failed != null) {
            // Only the password is gone: the e-mail was probably right, and retyping it is a chore on a phone.
            email.setValue(failed.email());
            password.focus();
        }
        error.setText(message(failed, clock.instant()));
        error.setVisible(true);
    }

    /** Whether the page shows a failed attempt's message (as LoginOverlay's isError did). */
    public boolean isError() {
        return error.isVisible();
    }

    /** Never says whether the account exists: a lock applies to unknown e-mails alike. */
    static String message(FailedSignIn failed, Instant now) {
        if (failed == null || failed.retryAt() == null || !failed.retryAt().isAfter(now)) {
            return WRONG_CREDENTIALS;
        }
        // Rounded up: "try again in 30 seconds" must not be a second early.
        long seconds = (Duration.between(now, failed.retryAt()).toMillis() + 999) / 1000;
        String wait = seconds < 90 ? Plural.of(seconds, "second") : Plural.of((seconds + 59) / 60, "minute");
        return "Too many sign-in attempts. For your safety, signing in is paused: try again in " + wait + ".";
    }

    private static FailedSignIn takeFailedSignIn() {
        VaadinSession session = VaadinSession.getCurrent();
        WrappedSession wrapped = session == null ? null : session.getSession();
        if (wrapped == null || !(wrapped.getAttribute(FailedSignIn.SESSION_ATTRIBUTE) instanceof FailedSignIn failed)) {
            return null;
        }
        wrapped.removeAttribute(FailedSignIn.SESSION_ATTRIBUTE);
        return failed;
    }

    private static CsrfToken csrfToken() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request != null && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token : null;
    }

    @Tag("form")
    private static final class NativeForm extends Component implements HasComponents, HasStyle {
    }
}
