package com.sintra.base.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import com.sintra.base.InvalidInputException;
import com.vaadin.flow.component.HasValidation;

/** Shows a service's refusal next to the field it concerns, and clears old messages on the next try. */
public final class FieldErrors {

    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    public FieldErrors field(String name, HasValidation field) {
        fields.put(name, field);
        return this;
    }

    /** Runs the action; returns true when it succeeded, false when its input was refused and shown. */
    public boolean attempt(Runnable action) {
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            action.run();
            return true;
        } catch (InvalidInputException e) {
            HasValidation field = fields.get(e.field());
            if (field != null) {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            } else {
                Notifications.error(e.getMessage());
            }
            return false;
        }
    }
}
