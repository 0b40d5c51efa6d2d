package com.sintra.brain.ui;

import com.sintra.brain.IngestionProgress;
import com.sintra.brain.IngestionProgress.Stage;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;

/** One ingestion's name, progress bar, message and cancel button. */
class IngestionRow extends HorizontalLayout {

    private final ProgressBar bar = new ProgressBar(0, 1);
    private final Span message = new Span();
    private final Button cancel;

    IngestionRow(IngestionProgress progress, Runnable onCancel) {
        setWidthFull();
        setWrap(true);
        setAlignItems(FlexComponent.Alignment.CENTER);
        addClassName("sintra-ingestion");
        Span name = new Span(progress.name());
        Wrapping.growing(name, "10rem", "16rem");
        Wrapping.growing(bar, "8rem", "14rem");
        cancel = new Button("Cancel", e -> onCancel.run());
        cancel.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        add(name, bar, message, cancel);
        expand(message);
    }

    void update(IngestionProgress progress) {
        bar.setValue(Math.max(0, Math.min(1, progress.progress())));
        message.setText(progress.message());
        bar.removeThemeVariants(ProgressBarVariant.LUMO_SUCCESS, ProgressBarVariant.LUMO_ERROR);
        if (progress.stage() == Stage.DONE) {
            bar.addThemeVariants(ProgressBarVariant.LUMO_SUCCESS);
        } else if (progress.stage() == Stage.FAILED || progress.stage() == Stage.CANCELLED) {
            bar.addThemeVariants(ProgressBarVariant.LUMO_ERROR);
        }
        cancel.setVisible(!progress.stage().finished());
    }

}
