package com.sintra.chat.ui;

import java.util.Locale;
import java.util.Optional;

import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Icons;
import com.sintra.base.ui.Notifications;
import com.sintra.chat.BusyException;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatService;
import com.sintra.chat.Conversation;
import com.sintra.chat.ConversationId;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.PermitAll;

/**
 * Chat with the selected workspace's agents: pick an agent and one of your conversations with it (or start
 * one), read it page by page from the newest, and watch answers stream in; copy or regenerate an answer,
 * follow its [n] markers to their passages, rename and search conversations. {@code chat/<id>} opens a
 * conversation; anyone else's is "not found". The agent's and the conversation's ids are shown for the API.
 * The side ({@link ConversationList}) and the messages ({@link MessageList}) are components of their own;
 * this view joins them to the composer and to the route.
 */
@Route("chat/:conversationId?")
@PageTitle("Chat · Sintra")
@Menu(title = "Chat", order = 25)
@PermitAll
class ChatView extends VerticalLayout implements BeforeEnterObserver {

    static final String CONVERSATION = "conversationId";
    /** From this share of the limit on, the composer counts the characters left. */
    private static final double COUNT_FROM = 0.9;

    private final ChatService chat;
    private final SelectedWorkspace selectedWorkspace;

    private final ConversationList conversations;
    private final H3 title = new H3();
    private final CopyableId conversationId = new CopyableId("Conversation id", null);
    private final MessageList messages = new MessageList();
    private final TextArea composer = new TextArea();
    private final Button send = new Button("Send");
    private final Button stop = new Button("Stop");
    private final FieldErrors errors;
    private final Button sideToggle = new Button("Conversations", Icons.LIST.create());

    /** Null until the first question of a new conversation is asked. */
    private Conversation conversation;
    private AnswerStream answering;

    ChatView(ChatService chat, AgentService agents, SelectedWorkspace selectedWorkspace) {
        this.chat = chat;
        this.selectedWorkspace = selectedWorkspace;
        setSizeFull();
        addClassName("chat-view");

        conversations = new ConversationList(chat, agents, () -> startNew(true), this::showConversation);
        errors = new FieldErrors().field("message", composer).field("agent", conversations.agentField());
        messages.onRegenerate(this::regenerate);

        composer.setId("chat-message");
        composer.setPlaceholder("Ask a question (Enter sends, Shift+Enter starts a new line)");
        composer.setWidthFull();
        composer.setMaxHeight("12rem");
        // The limit is told while typing (the browser stops input there; the service still checks it).
        composer.setMaxLength(chat.settings().maxMessageLength());
        composer.setValueChangeMode(ValueChangeMode.LAZY);
        composer.addValueChangeListener(e -> composerChanged());
        // The shortcut fires before the text area reports its value: refocusing first makes it report.
        Shortcuts.addShortcutListener(composer, this::send, Key.ENTER).listenOn(composer).resetFocusOnActiveElement();
        send.setId("send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> send());
        stop.setId("stop");
        stop.addThemeVariants(ButtonVariant.LUMO_ERROR);
        stop.addClickListener(e -> stop());
        stop.setVisible(false);
        send.setEnabled(false);

        sideToggle.addClassName("chat-side-toggle");
        sideToggle.setId("chat-side-toggle");
        sideToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        sideToggle.getElement().setAttribute("aria-expanded", "false");
        sideToggle.addClickListener(e -> showSide(!conversations.isOpen()));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        // The same view serves every conversation: leaving one stops its answer, as leaving the page would.
        stop();
        removeAll();
        Optional<String> requested = event.getRouteParameters().get(CONVERSATION);
        Conversation opened = null;
        if (requested.isPresent()) {
            try {
                opened = chat.conversation(ConversationId.parse(requested.get())
                        .orElseThrow(() -> new NotFoundException("Conversation not found")));
                selectedWorkspace.select(opened.workspaceId());
            } catch (NotFoundException e) {
                opened = null;
            }
        }
        Optional<Workspace> workspace = selectedWorkspace.current();
        if (workspace.isEmpty()) {
            add(new H2("Chat"), new Paragraph("Create or choose a workspace first: chat with its agents here."));
            return;
        }
        layOut(workspace.get(), opened);
        if (opened != null) {
            open(opened);
        } else {
            startNew(false);
            if (requested.isPresent()) {
                Paragraph notFound = new Paragraph("Conversation not found: it may have been deleted, or it is not yours.");
                notFound.setId("conversation-not-found");
                messages.addNotice(notFound);
            }
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stop();
    }

    private void layOut(Workspace workspace, Conversation opened) {
        conversations.offer(workspace.id(), opened);
        showSide(false);

        HorizontalLayout composerRow = new HorizontalLayout(composer, send, stop);
        composerRow.addClassName("chat-composer");
        composerRow.setAlignItems(FlexComponent.Alignment.END);
        title.addClassNames(LumoUtility.Margin.NONE, "chat-title");
        Div heading = new Div(sideToggle, title, conversationId);
        heading.addClassName("chat-pane-heading");
        VerticalLayout pane = new VerticalLayout(heading, messages, composerRow);
        pane.addClassName("chat-pane");
        pane.setPadding(false);

        // Sizes come from the theme's Chat section, not inline: on a phone the two stack instead.
        HorizontalLayout body = new HorizontalLayout(conversations, pane);
        body.addClassName("chat-body");
        H2 viewTitle = new H2("Chat · " + workspace.name());
        viewTitle.addClassName("chat-heading");
        add(viewTitle, body);
    }

    private void showSide(boolean open) {
        conversations.setOpen(open);
        sideToggle.getElement().setAttribute("aria-expanded", Boolean.toString(open));
    }

    // --- conversations ---------------------------------------------------------------------------

    /** @param moveAddress false during navigation, whose own history entry is still to come */
    private void startNew(boolean moveAddress) {
        stop();
        showConversation(null);
        messages.clear();
        Agent agent = conversations.agent();
        title.setText(agent == null ? "" : "New conversation with " + agent.name());
        if (agent != null) {
            messages.addNotice(hint("Ask " + agent.name() + " anything: answers cite the passages of its knowledge they draw on."));
        }
        if (moveAddress) {
            showInAddressBar(null);
        }
        conversations.show(null);
    }

    private void open(Conversation opened) {
        showConversation(opened);
        messages.show(oldest -> chat.messages(opened.id(), oldest, chat.settings().pageSize()));
        conversations.show(opened.id());
    }

    /** The conversation shown (null for a new one), its title and its id for the API. */
    private void showConversation(Conversation shown) {
        conversation = shown;
        conversationId.setId(shown == null ? null : shown.id());
        if (shown != null) {
            title.setText(shown.title());
        }
    }

    // --- asking --------------------------------------------------------------------------------

    private void send() {
        Agent agent = conversations.agent();
        if (answering != null || agent == null) {
            return;
        }
        try {
            // Asking stores and grounds the question (and refuses bad input) here; the model is asked on subscribing.
            if (errors.attempt(() -> stream(chat.ask(agent.id(), conversation == null ? null : conversation.id(),
                    composer.getValue())))) {
                composer.clear();
            }
        } catch (NotFoundException | BusyException e) {
            Notifications.error(e.getMessage());
        }
    }

    /** Asks the conversation's last question again; the answer it had stays above the new one. */
    private void regenerate() {
        if (answering != null || conversation == null) {
            return;
        }
        try {
            errors.attempt(() -> stream(chat.regenerate(conversation.id())));
        } catch (NotFoundException | BusyException e) {
            Notifications.error(e.getMessage());
        }
    }

    /** Counts the characters once the message nears the limit; Send waits for a message that can be sent. */
    private void composerChanged() {
        int max = chat.settings().maxMessageLength();
        String text = composer.getValue();
        int length = text.strip().length();
        composer.setHelperText(length < max * COUNT_FROM ? null
                : String.format(Locale.ROOT, "%,d of %,d characters", length, max)
                + (length > max ? ": shorten it to send" : ""));
        updateSend();
    }

    private void updateSend() {
        String text = composer.getValue().strip();
        send.setEnabled(answering == null && !text.isEmpty() && text.length() <= chat.settings().maxMessageLength());
    }

    private void stream(ChatAnswer answer) {
        if (conversation == null) {
            showConversation(answer.conversation());
            showInAddressBar(conversation.id());
            conversations.show(conversation.id());
        }
        messages.add(answer.question());
        answering = AnswerStream.start(answer, messages.reply(this::answered));
        send.setEnabled(false);
        stop.setVisible(true);
    }

    /** Stops the answer that is streaming, if any: the service keeps what had arrived, marked as stopped. */
    private void stop() {
        if (answering != null) {
            answering.stop();
            messages.stopReply();
            done();
        }
    }

    private void answered() {
        done();
        conversations.show(conversation.id());
    }

    private void done() {
        answering = null;
        updateSend();
        stop.setVisible(false);
    }

    // --- the page ------------------------------------------------------------------------------

    private void showInAddressBar(ConversationId id) {
        UI.getCurrent().getPage().getHistory().replaceState(null, id == null ? "chat" : "chat/" + id);
    }

    static Paragraph hint(String text) {
        Paragraph hint = new Paragraph(text);
        hint.addClassName("sintra-muted");
        return hint;
    }
}
