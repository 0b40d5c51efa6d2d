package com.sintra.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What an unknown address, a view the user may not open, or a thing that is not theirs shows: one
 * "not found" page inside the shell, with a way back, instead of Vaadin's bare "Could not navigate".
 * The three cases look the same on purpose: what exists but is not yours must not be told apart.
 */
abstract class NotFoundPage<T extends Exception> extends VerticalLayout implements HasErrorParameter<T> {

    NotFoundPage() {
        setId("not-found");
        H2 title = new H2("Page not found");
        Paragraph text = new Paragraph("There is nothing here, or it is not yours to see. "
                + "The address may be mistyped, or what it pointed to was deleted or archived.");
        // The start page is the workspaces list; "." is it, relative to the base address Vaadin sets.
        Anchor back = new Anchor(".", "Back to your workspaces");
        back.setId("not-found-back");
        add(title, text, back);
    }

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<T> parameter) {
        return HttpServletResponse.SC_NOT_FOUND;
    }
}
