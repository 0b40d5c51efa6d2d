package com.sintra.base.ui;

import com.vaadin.flow.component.Component;

/** Copies a text to the user's clipboard through the browser, and says whether it worked. */
public final class Clipboard {

    private static final String REFUSED = "The browser refused the clipboard: select the text and copy it by hand";

    private Clipboard() {
    }

    /** {@code what} names the text in the confirmation ("Agent id" gives "Agent id copied"). */
    public static void copy(Component from, String text, String what) {
        // The clipboard API exists only on HTTPS and localhost, and a browser may refuse it: then say so.
        from.getElement().executeJs("return navigator.clipboard.writeText($0).then(() => true, () => false)", text)
                .then(Boolean.class, copied -> {
                    if (Boolean.TRUE.equals(copied)) {
                        Notifications.success(what + " copied");
                    } else {
                        Notifications.error(REFUSED);
                    }
                }, failure -> Notifications.error(REFUSED));
    }
}
