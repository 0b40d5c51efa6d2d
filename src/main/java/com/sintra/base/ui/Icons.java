package com.sintra.base.ui;

import com.vaadin.flow.component.icon.SvgIcon;

/**
 * The few icons Sintra shows, as small SVG files (META-INF/resources/icons). Vaadin's {@code Icon} class
 * brings the whole Vaadin icon set into the bundle of every view that uses one icon, and the shell is in
 * the entry bundle: these keep it out (docs/performance.md, "Entry bundle").
 */
public enum Icons {
    SEARCH("search"), COPY("copy"), CLOSE("close"), BACK("arrow-left"), REFRESH("refresh"), LIST("list"),
    PLUS("plus"), EDIT("pencil"), DELETE("trash");

    private final String file;

    Icons(String file) {
        this.file = file;
    }

    public SvgIcon create() {
        SvgIcon icon = new SvgIcon("icons/" + file + ".svg");
        icon.addClassName("sintra-icon");
        return icon;
    }
}
