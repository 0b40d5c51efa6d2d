package com.sintra.account.ui;

import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.login.LoginOverlay;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Sintra")
@AnonymousAllowed
public class LoginView extends LoginOverlay implements BeforeEnterObserver {

    public LoginView() {
        setAction("login");
        setForgotPasswordButtonVisible(false);
        setI18n(i18n());
        setOpened(true);
    }

    private static LoginI18n i18n() {
        LoginI18n i18n = LoginI18n.createDefault();
        LoginI18n.Header header = new LoginI18n.Header();
        header.setTitle("Sintra");
        header.setDescription("Your team's agents, brain and collaborations");
        i18n.setHeader(header);
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("E-mail");
        // One message for every failure: it must not tell whether the e-mail exists or is deactivated.
        i18n.getErrorMessage().setTitle("Incorrect e-mail or password");
        i18n.getErrorMessage().setMessage("Check both and try again. Ask an administrator if your account was deactivated.");
        return i18n;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }
}
