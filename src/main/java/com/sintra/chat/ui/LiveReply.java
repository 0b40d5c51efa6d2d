package com.sintra.chat.ui;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.sintra.base.ui.Notifications;
import com.sintra.chat.ChatMessage;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;

import reactor.core.scheduler.Schedulers;

/**
 * An answer streaming into the last bubble of a {@link MessageList}. Its text may arrive on any thread (a
 * model's stream, a feed shared by other people's sessions) and at any pace: it is gathered for a moment and
 * shown a few times a second, the list following it unless the reader scrolled away. The stored answer, once
 * complete, takes the draft's place. After it completes, fails or is stopped, whatever still arrives is dropped.
 */
public final class LiveReply {

    /** Text is gathered this long before the page is updated: a few repaints a second at any pace. */
    static final Duration REPAINT = Duration.ofMillis(200);

    private final MessageList list;
    private final MessageBubble bubble;
    private final UI ui;
    private final Runnable onEnd;

    /** Text that has arrived since the last repaint; guarded by this. */
    private final StringBuilder arrived = new StringBuilder();
    /** Whether a repaint is already on its way for {@link #arrived}; guarded by this. */
    private boolean repaintDue;
    /** Written in the UI (or on finding it gone), read on any thread. */
    private volatile boolean open = true;

    LiveReply(MessageList list, MessageBubble bubble, UI ui, Runnable onEnd) {
        this.list = list;
        this.bubble = bubble;
        this.ui = ui;
        this.onEnd = onEnd;
    }

    /** More of the answer's text; from any thread. */
    public void append(String text) {
        if (!open || text.isEmpty()) {
            return;
        }
        synchronized (this) {
            arrived.append(text);
            if (repaintDue) {
                return;
            }
            repaintDue = true;
        }
        Schedulers.parallel().schedule(this::repaint, REPAINT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The answer as stored, in place of its draft: the reply is over. From any thread. */
    public void complete(ChatMessage answer) {
        inUi(() -> {
            open = false;
            bubble.show(answer);
            list.followReply();
            onEnd.run();
        });
    }

    /** The answer broke off: what had arrived stays, marked as stopped, and the user is told. From any thread. */
    public void fail(Throwable failure) {
        inUi(() -> {
            open = false;
            Notifications.error("The answer failed: " + failure.getMessage());
            bubble.stopped();
            onEnd.run();
        });
    }

    /** False once the reply is over, or when its page has gone: a source may stop sending then. */
    public boolean isOpen() {
        return open;
    }

    /** In the UI, by the list: what had arrived stays, marked as stopped. */
    void stop() {
        if (open) {
            open = false;
            bubble.stopped();
        }
    }

    private void repaint() {
        String text;
        synchronized (this) {
            text = arrived.toString();
            arrived.setLength(0);
            repaintDue = false;
        }
        inUi(() -> {
            bubble.append(text);
            list.followReply();
        });
    }

    /** Runs in the UI while the reply is open: a late repaint after the end, Stop or navigation is dropped. */
    private void inUi(Runnable change) {
        try {
            ui.access(() -> {
                if (open) {
                    change.run();
                }
            });
        } catch (UIDetachedException gone) {
            open = false;
        }
    }
}
