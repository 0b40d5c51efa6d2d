package com.sintra.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/**
 * Asks before anything that cannot be undone or that others notice (archiving, deactivating, deleting).
 * Cancel is focused, never the dangerous button: Enter pressed out of habit must not delete anything.
 */
public final class Confirmations {

    private Confirmations() {
    }

    /** A dialog asking to confirm {@code action}; {@code confirmLabel} names it ("Delete", "Archive"). */
    public static ConfirmDialog dangerous(String title, String text, String confirmLabel, Runnable action) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setHeader(title);
        dialog.setText(text);
        Button cancel = new Button("Cancel", e -> dialog.close());
        cancel.setId("confirm-cancel");
        dialog.setCancelable(true);
        dialog.setCancelButton(cancel);
        Button confirm = new Button(confirmLabel, e -> {
            dialog.close();
            action.run();
        });
        confirm.setId("confirm-action");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.setConfirmButton(confirm);
        // Autofocus alone loses to the overlay's own focus handling; focusing once attached does not.
        cancel.setAutofocus(true);
        cancel.addAttachListener(attached -> cancel.focus());
        return dialog;
    }

    /** Opens {@link #dangerous} at once. */
    public static void confirmDangerous(String title, String text, String confirmLabel, Runnable action) {
        dangerous(title, text, confirmLabel, action).open();
    }
}
