package com.sintra.base.ui;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/**
 * An id the REST API takes (workspace, knowledge base, agent, conversation), shown where that thing is
 * shown, with a button that copies it: without it a program cannot find what to call.
 */
public class CopyableId extends Composite<HorizontalLayout> {

    private final Span value = new Span();
    private final Button copy = new Button(Icons.COPY.create());

    /** {@code kind} names the id for screen readers and the tooltip ("Agent id"). */
    public CopyableId(String kind, Object id) {
        HorizontalLayout row = getContent();
        row.addClassName("sintra-id");
        row.setSpacing(false);
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        Span label = new Span(kind + ":");
        label.addClassName("sintra-id-label");
        value.addClassName("sintra-id-value");
        copy.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ICON);
        copy.setAriaLabel("Copy " + kind.toLowerCase());
        copy.setTooltipText("Copy " + kind.toLowerCase());
        copy.addClassName("sintra-id-copy");
        copy.addClickListener(e -> Clipboard.copy(value, value.getText(), kind));
        row.add(label, value, copy);
        setId(id);
    }

    public final void setId(Object id) {
        value.setText(id == null ? "" : id.toString());
        setVisible(id != null);
    }

    /** The id as shown, for tests and for whoever shows it elsewhere. */
    public String id() {
        return value.getText();
    }
}
