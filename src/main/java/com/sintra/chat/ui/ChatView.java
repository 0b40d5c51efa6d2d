package com.sintra.chat.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.sintra.base.ui.Icons;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Notifications;
import com.sintra.chat.BusyException;
import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatEvent;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.ChatService;
import com.sintra.chat.Conversation;
import com.sintra.chat.ConversationId;
import com.sintra.chat.MessagePage;
import com.sintra.workspace.SelectedWorkspace;
import com.sintra.workspace.Workspace;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.Scroller;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;

import jakarta.annotation.security.PermitAll;
import reactor.core.Disposable;

/**
 * Chat with the selected workspace's agents: pick an agent and one of your conversations with it (or start
 * one), read it page by page from the newest, and watch answers stream in; copy or regenerate an answer,
 * follow its [n] markers to their passages, rename and search conversations. {@code chat/<id>} opens a
 * conversation; anyone else's is "not found". The agent's and the conversation's ids are shown for the API.
 */
@Route("chat/:conversationId?")
@PageTitle("Chat · Sintra")
@Menu(title = "Chat", order = 25)
@PermitAll
class ChatView extends VerticalLayout implements BeforeEnterObserver {

    private static final String CONVERSATION = "conversationId";
    /** Streamed tokens are gathered this long before the page is updated: a few repaints a second at any pace. */
    private static final Duration REPAINT = Duration.ofMillis(200);
    /** A streaming answer keeps the pane at its end only while the reader is this close to it (pixels). */
    private static final int FOLLOW_DISTANCE = 300;
    /** From this share of the limit on, the composer counts the characters left. */
    private static final double COUNT_FROM = 0.9;
    private static final String SIDE_OPEN = "chat-side-open";
    private static final int CONVERSATIONS_LISTED = 50;

    private final ChatService chat;
    private final AgentService agents;
    private final SelectedWorkspace selectedWorkspace;

    private final ComboBox<Agent> agentPicker = new ComboBox<>("Agent");
    private final VerticalLayout conversationList = new VerticalLayout();
    private final H3 title = new H3();
    private final CopyableId agentId = new CopyableId("Agent id", null);
    private final CopyableId conversationId = new CopyableId("Conversation id", null);
    private final TextField search = new TextField();
    private final Button loadEarlier = new Button("Load earlier messages");
    private final VerticalLayout messages = new VerticalLayout();
    private final Button regenerate = new Button("Regenerate", Icons.REFRESH.create());
    private final Scroller scroller = new Scroller(new Div(loadEarlier, messages, regenerate));
    private final TextArea composer = new TextArea();
    private final Button send = new Button("Send");
    private final Button stop = new Button("Stop");
    private final FieldErrors errors = new FieldErrors().field("message", composer).field("agent", agentPicker);
    private final VerticalLayout side = new VerticalLayout();
    private final Button sideToggle = new Button("Conversations", Icons.LIST.create());

    /** Null until the first question of a new conversation is asked. */
    private Conversation conversation;
    /** The earliest message shown: the next page back ends just before it. */
    private ChatMessage oldest;
    private Answering answering;

    ChatView(ChatService chat, AgentService agents, SelectedWorkspace selectedWorkspace) {
        this.chat = chat;
        this.agents = agents;
        this.selectedWorkspace = selectedWorkspace;
        setSizeFull();
        addClassName("chat-view");

        agentPicker.setId("chat-agent");
        agentPicker.setItemLabelGenerator(Agent::name);
        agentPicker.setWidthFull();
        agentPicker.addValueChangeListener(e -> {
            agentId.setId(e.getValue() == null ? null : e.getValue().id());
            if (e.isFromClient() && e.getValue() != null) {
                startNew(true);
            }
        });
        search.setId("conversation-search");
        search.setPlaceholder("Search conversations");
        search.setAriaLabel("Search conversations by title");
        search.setPrefixComponent(Icons.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refreshConversations());
        conversationList.setId("conversations");
        conversationList.setPadding(false);
        conversationList.setSpacing(false);

        loadEarlier.setId("load-earlier");
        loadEarlier.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        loadEarlier.setDisableOnClick(true);
        loadEarlier.addClickListener(e -> loadEarlier());
        messages.setId("messages");
        messages.setPadding(false);
        regenerate.setId("regenerate");
        regenerate.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        regenerate.setTooltipText("Ask the last question again: the new answer comes after this one, which stays");
        regenerate.addClickListener(e -> regenerate());
        regenerate.setVisible(false);
        scroller.addClassName("chat-feed");
        scroller.setScrollDirection(Scroller.ScrollDirection.VERTICAL);
        scroller.addAttachListener(e -> loadEarlierAtTop());

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

        side.addClassName("chat-side");
        side.setPadding(false);
        // Its width is the theme's (beside the messages on a desktop, above them on a phone).
        side.setWidth(null);
        sideToggle.addClassName("chat-side-toggle");
        sideToggle.setId("chat-side-toggle");
        sideToggle.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        sideToggle.getElement().setAttribute("aria-expanded", "false");
        sideToggle.addClickListener(e -> showSide(!side.hasClassName(SIDE_OPEN)));
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
                messages.add(notFound);
            }
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        stop();
    }

    private void layOut(Workspace workspace, Conversation opened) {
        List<Agent> available = new ArrayList<>(agents.agents(workspace.id(), 0, 200));
        if (opened != null && available.stream().noneMatch(a -> a.id().equals(opened.agentId()))) {
            // An archived agent's conversations can still be read.
            available.add(agents.get(opened.agentId()));
        }
        agentPicker.setItems(available);
        agentPicker.setValue(opened != null
                ? available.stream().filter(a -> a.id().equals(opened.agentId())).findFirst().orElse(null)
                : available.stream().findFirst().orElse(null));

        Button newConversation = new Button("New conversation", Icons.PLUS.create(), e -> startNew(true));
        newConversation.setId("new-conversation");
        newConversation.setWidthFull();
        side.removeAll();
        side.add(agentPicker, agentId, newConversation, search, conversationList);
        showSide(false);

        HorizontalLayout composerRow = new HorizontalLayout(composer, send, stop);
        composerRow.addClassName("chat-composer");
        composerRow.setAlignItems(FlexComponent.Alignment.END);
        title.addClassNames(LumoUtility.Margin.NONE, "chat-title");
        Div heading = new Div(sideToggle, title, conversationId);
        heading.addClassName("chat-pane-heading");
        VerticalLayout pane = new VerticalLayout(heading, scroller, composerRow);
        pane.addClassName("chat-pane");
        pane.setPadding(false);

        // Sizes come from the theme's Chat section, not inline: on a phone the two stack instead.
        HorizontalLayout body = new HorizontalLayout(side, pane);
        body.addClassName("chat-body");
        H2 viewTitle = new H2("Chat · " + workspace.name());
        viewTitle.addClassName("chat-heading");
        add(viewTitle, body);
    }

    /** On a phone the conversations sit above the messages, behind a toggle; on a desktop always beside them. */
    private void showSide(boolean open) {
        side.setClassName(SIDE_OPEN, open);
        sideToggle.getElement().setAttribute("aria-expanded", Boolean.toString(open));
    }

    // --- conversations ---------------------------------------------------------------------------

    /** @param moveAddress false during navigation, whose own history entry is still to come */
    private void startNew(boolean moveAddress) {
        stop();
        showConversation(null);
        oldest = null;
        messages.removeAll();
        loadEarlier.setVisible(false);
        regenerate.setVisible(false);
        Agent agent = agentPicker.getValue();
        title.setText(agent == null ? "" : "New conversation with " + agent.name());
        if (agent != null) {
            messages.add(hint("Ask " + agent.name() + " anything: answers cite the passages of its knowledge they draw on."));
        }
        if (moveAddress) {
            showInAddressBar(null);
        }
        refreshConversations();
    }

    private void open(Conversation opened) {
        showConversation(opened);
        messages.removeAll();
        MessagePage page = chat.messages(opened.id(), null, chat.settings().pageSize());
        page.messages().forEach(m -> messages.add(MessageBubble.of(m)));
        oldest = page.messages().isEmpty() ? null : page.messages().get(0);
        loadEarlier.setVisible(page.hasEarlier());
        offerRegenerate();
        refreshConversations();
        scrollToEnd(false);
    }

    /** The conversation shown (null for a new one), its title and its id for the API. */
    private void showConversation(Conversation shown) {
        conversation = shown;
        conversationId.setId(shown == null ? null : shown.id());
        if (shown != null) {
            title.setText(shown.title());
        }
    }

    private void loadEarlier() {
        if (conversation == null || oldest == null) {
            return;
        }
        MessagePage page = chat.messages(conversation.id(), oldest, chat.settings().pageSize());
        for (int i = 0; i < page.messages().size(); i++) {
            messages.addComponentAtIndex(i, MessageBubble.of(page.messages().get(i)));
        }
        if (!page.messages().isEmpty()) {
            oldest = page.messages().get(0);
        }
        loadEarlier.setVisible(page.hasEarlier());
        loadEarlier.setEnabled(true);
        // Keeps the message the reader was looking at in place, rather than jumping to the new top.
        scroller.getElement().executeJs("""
                if (this.__heightBefore !== undefined) {
                  this.scrollTop = this.__topBefore + this.scrollHeight - this.__heightBefore;
                }""");
    }

    private void refreshConversations() {
        conversationList.removeAll();
        Agent agent = agentPicker.getValue();
        if (agent == null) {
            Anchor agentsLink = new Anchor("agents", "Agents");
            agentsLink.getElement().setAttribute("router-link", true);
            conversationList.add(new Paragraph(new Text("This workspace has no agents yet: create one under "),
                    agentsLink, new Text(".")));
            return;
        }
        String wanted = search.getValue().strip();
        List<Conversation> mine = chat.conversations(agent.id(), wanted, CONVERSATIONS_LISTED);
        if (mine.isEmpty()) {
            conversationList.add(hint(wanted.isEmpty() ? "No conversations with " + agent.name() + " yet."
                    : "No conversation with " + agent.name() + " has “" + wanted + "” in its title."));
        } else if (mine.size() == CONVERSATIONS_LISTED) {
            conversationList.add(hint("The " + CONVERSATIONS_LISTED + " most recent are listed: search to find older ones."));
        }
        mine.forEach(c -> conversationList.add(conversationRow(c)));
    }

    private Component conversationRow(Conversation listed) {
        RouterLink link = new RouterLink(listed.title(), ChatView.class,
                new RouteParameters(CONVERSATION, listed.id().toString()));
        link.getElement().setAttribute("title", listed.title());
        link.addClassNames(LumoUtility.TextOverflow.ELLIPSIS, LumoUtility.Overflow.HIDDEN, LumoUtility.Whitespace.NOWRAP);
        if (conversation != null && conversation.id().equals(listed.id())) {
            link.addClassName(LumoUtility.FontWeight.BOLD);
        }
        Button rename = new Button(Icons.EDIT.create(), e -> openRename(listed));
        rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ICON);
        rename.setAriaLabel("Rename " + listed.title());
        rename.setTooltipText("Rename conversation");
        Button delete = new Button(Icons.DELETE.create(), e -> confirmDelete(listed));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_ICON);
        delete.setAriaLabel("Delete " + listed.title());
        delete.setTooltipText("Delete conversation");
        HorizontalLayout row = new HorizontalLayout(link, rename, delete);
        row.addClassName("chat-conversation");
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.expand(link);
        return row;
    }

    private void openRename(Conversation listed) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Rename conversation");
        TextField name = new TextField("Title");
        name.setId("conversation-title");
        name.setValue(listed.title());
        name.setMaxLength(200);
        name.setWidth("min(24rem, 80vw)");
        name.setAutoselect(true);
        FieldErrors renameErrors = new FieldErrors().field("title", name);
        Button save = new Button("Rename", e -> {
            if (renameErrors.attempt(() -> renamed(chat.rename(listed.id(), name.getValue())))) {
                dialog.close();
            }
        });
        save.setId("rename-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        dialog.add(name);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }

    private void renamed(Conversation renamed) {
        if (conversation != null && conversation.id().equals(renamed.id())) {
            showConversation(renamed);
        }
        refreshConversations();
        Notifications.success("Conversation renamed");
    }

    private void confirmDelete(Conversation listed) {
        Confirmations.confirmDangerous("Delete “" + listed.title() + "”?",
                "The conversation and all its messages are removed for good.", "Delete", () -> {
            try {
                chat.deleteConversation(listed.id());
                Notifications.success("Conversation deleted");
            } catch (NotFoundException alreadyGone) {
                Notifications.error(alreadyGone.getMessage());
            }
            if (conversation != null && conversation.id().equals(listed.id())) {
                startNew(true);
            } else {
                refreshConversations();
            }
        });
    }

    // --- asking --------------------------------------------------------------------------------

    private void send() {
        Agent agent = agentPicker.getValue();
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

    /** Regenerating is offered below the last answer, when nothing is being answered. */
    private void offerRegenerate() {
        int count = messages.getComponentCount();
        regenerate.setVisible(answering == null && conversation != null && count > 0
                && messages.getComponentAt(count - 1) instanceof MessageBubble last && last.isAnswer());
    }

    private void stream(ChatAnswer answer) {
        if (conversation == null) {
            messages.removeAll();
            showConversation(answer.conversation());
            showInAddressBar(conversation.id());
            refreshConversations();
        }
        messages.add(MessageBubble.of(answer.question()));
        MessageBubble reply = MessageBubble.pending();
        messages.add(reply);
        scrollToEnd(false);
        answering = new Answering(reply);
        answering.start(answer, UI.getCurrent());
        send.setEnabled(false);
        regenerate.setVisible(false);
        stop.setVisible(true);
    }

    /** Stops the answer that is streaming, if any: the service keeps what had arrived, marked as stopped. */
    private void stop() {
        if (answering != null) {
            answering.subscription.dispose();
            answering.reply.stopped();
            done();
        }
    }

    private void done() {
        answering = null;
        updateSend();
        stop.setVisible(false);
        offerRegenerate();
    }

    /** One answer on its way: its bubble and its subscription. */
    private final class Answering {

        private final MessageBubble reply;
        private Disposable subscription;

        Answering(MessageBubble reply) {
            this.reply = reply;
        }

        void start(ChatAnswer answer, UI ui) {
            // Tokens come on the stream's threads; buffered, they reach the page as a few updates a second.
            subscription = answer.events().buffer(REPAINT).filter(batch -> !batch.isEmpty()).subscribe(
                    batch -> update(ui, () -> show(batch)),
                    failure -> update(ui, () -> {
                        Notifications.error("The answer failed: " + failure.getMessage());
                        reply.stopped();
                        finish();
                    }),
                    () -> update(ui, this::finish));
        }

        private void show(List<ChatEvent> batch) {
            StringBuilder text = new StringBuilder();
            ChatMessage stored = null;
            for (ChatEvent event : batch) {
                if (event instanceof ChatEvent.Token token) {
                    text.append(token.text());
                } else if (event instanceof ChatEvent.Answered answered) {
                    stored = answered.answer();
                }
            }
            if (stored != null) {
                reply.show(stored);
            } else {
                reply.append(text.toString());
            }
            scrollToEnd(true);
        }

        private void finish() {
            done();
            refreshConversations();
        }

        /** Runs in the UI while this is still its answer: a late batch after Stop or navigation is dropped. */
        private void update(UI ui, Runnable change) {
            try {
                ui.access(() -> {
                    if (answering == this) {
                        change.run();
                    }
                });
            } catch (UIDetachedException gone) {
                subscription.dispose();
            }
        }
    }

    // --- the page ------------------------------------------------------------------------------

    private void showInAddressBar(ConversationId id) {
        UI.getCurrent().getPage().getHistory().replaceState(null, id == null ? "chat" : "chat/" + id);
    }

    private void scrollToEnd(boolean onlyWhenNear) {
        scroller.getElement().executeJs("""
                const el = this;
                requestAnimationFrame(() => {
                  if (!$0 || el.scrollHeight - el.scrollTop - el.clientHeight < $1) {
                    el.scrollTop = el.scrollHeight;
                  }
                });""", onlyWhenNear, FOLLOW_DISTANCE);
    }

    /** Scrolling back to the top loads the page before, as the button there does. */
    private void loadEarlierAtTop() {
        scroller.getElement().executeJs("""
                if (this.__loadsEarlier) { return; }
                this.__loadsEarlier = true;
                const remember = () => { this.__heightBefore = this.scrollHeight; this.__topBefore = this.scrollTop; };
                this.addEventListener('click', e => { if (e.target.closest('#load-earlier')) { remember(); } }, true);
                this.addEventListener('scroll', () => {
                  const button = this.querySelector('#load-earlier');
                  if (this.scrollTop < 40 && button && !button.hidden && !button.disabled) {
                    button.click();
                  }
                });""");
    }

    private static Paragraph hint(String text) {
        Paragraph hint = new Paragraph(text);
        hint.addClassName("sintra-muted");
        return hint;
    }
}
