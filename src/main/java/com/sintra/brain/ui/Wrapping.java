package com.sintra.brain.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** Rows of fields and buttons that wrap on a phone instead of pushing their buttons off the screen. */
final class Wrapping {

    private Wrapping() {
    }

    static HorizontalLayout row(Component... components) {
        HorizontalLayout row = new HorizontalLayout(components);
        row.setWrap(true);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        return row;
    }

    /** Grows from {@code basis} up to {@code max}, and shrinks with the screen: never a fixed width wider than it. */
    static <T extends HasStyle> T growing(T component, String basis, String max) {
        component.getStyle().set("flex", "1 1 " + basis).set("max-width", max).set("min-width", "0");
        return component;
    }
}
