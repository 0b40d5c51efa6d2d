package com.sintra.collaboration.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import org.springframework.security.access.AccessDeniedException;

import com.sintra.account.CurrentUser;
import com.sintra.account.UserId;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Icons;
import com.sintra.base.ui.Notifications;
import com.sintra.base.ui.Plural;
import com.sintra.chat.AnswerMode;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.MessagePage;
import com.sintra.chat.ui.MessageList;
import com.sintra.collaboration.Changes;
import com.sintra.collaboration.Collaboration;
import com.sintra.collaboration.CollaborationCompletedException;
import com.sintra.collaboration.CollaborationMessage;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.CollaborationStatus;
import com.sintra.collaboration.FeedUpdate;
import com.sintra.collaboration.Participant;
import com.sintra.collaboration.StreamedText;
import com.sintra.collaboration.Viewer;
import com.sintra.workspace.Member;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Shortcuts;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.dom.Style;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * One collaboration, live: its goal, who takes part (and who is viewing or writing now), the stream in a
 * {@link MessageList}, a composer, and the status controls the caller's role allows. While attached it follows
 * the collaboration's feed; updates arrive on a delivery thread and are applied in the UI, each message only if
 * it is newer than the version shown (revisions), catching up from the database when the feed says so.
 */
class CollaborationPane extends VerticalLayout {

    static final String PRESENT = "sintra-present";
    private static final int PAGE = 50;
    /** "Is writing" is repeated this often while the composer has text (the service forgets it after 6 s). */
    private static final long TYPING_EVERY_MILLIS = 3000;

    private final CollaborationService collaborations;
    private final WorkspaceService workspaces;
    private final AgentService agents;
    private final Workspace workspace;
    private final UserId me;
    private final CurrentUser currentUser;
    private Collaboration collaboration;

    private final MessageList feed = new MessageList();
    private final TextArea composer = new TextArea();
    private final Button send = new Button("Send");
    private final Span status = new Span();
    private final HorizontalLayout controls = new HorizontalLayout();
    private final Div participantList = new Div();
    private final Span typing = new Span();
    private final Paragraph readOnly = new Paragraph("This collaboration is completed: it is read-only.");
    private final FieldErrors errors = new FieldErrors().field("message", composer);

    /** The revision shown of each message, by sequence: an update applies only when newer. */
    private final Map<Long, Long> shown = new HashMap<>();
    private long throughRevision;
    private long readThrough;
    private Set<UserId> viewing = Set.of();
    private List<Participant> participants = List.of();
    /** Who wrote each message shown, by sequence; none for the caller's own. */
    private final Map<Long, String> authors = new HashMap<>();
    /** The answers being written when the latest page was loaded. */
    private final List<CollaborationMessage> writing = new ArrayList<>();
    private Subscription subscription;
    private long typingSentAt;
    private boolean ended;

    CollaborationPane(CollaborationService collaborations, WorkspaceService workspaces, AgentService agents,
                      CurrentUser currentUser, Workspace workspace, Collaboration collaboration) {
        this.collaborations = collaborations;
        this.workspaces = workspaces;
        this.agents = agents;
        this.workspace = workspace;
        this.collaboration = collaboration;
        this.currentUser = currentUser;
        this.me = currentUser.require();
        setSizeFull();
        addClassName("sintra-collaboration");
        // Lets the feed shrink to the height left, as the chat pane does.
        getStyle().setMinHeight("0");

        Button back = new Button(Icons.BACK.create(), e -> CollaborationsView.openDashboard());
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ICON);
        back.setAriaLabel("All collaborations");
        back.setTooltipText("All collaborations");
        H2 title = new H2(collaboration.title());
        // The chat pane's rules: a heading that wraps on a phone, a title that breaks rather than overflows.
        title.addClassName("chat-title");
        status.setId("collaboration-status");
        controls.setId("collaboration-controls");
        controls.addClassName(LumoUtility.FlexWrap.WRAP);
        HorizontalLayout heading = new HorizontalLayout(back, title, status, controls);
        heading.setAlignItems(FlexComponent.Alignment.BASELINE);
        heading.setWidthFull();
        heading.addClassName("chat-pane-heading");
        heading.expand(title);

        Paragraph goal = new Paragraph(collaboration.goal().isEmpty() ? "No goal written down." : collaboration.goal());
        goal.setId("collaboration-goal-text");
        goal.addClassName("sintra-muted");
        participantList.setId("collaboration-participants");
        participantList.addClassNames(LumoUtility.Display.FLEX, LumoUtility.FlexWrap.WRAP, LumoUtility.Gap.SMALL,
                LumoUtility.FontSize.SMALL, LumoUtility.AlignItems.CENTER);
        typing.setId("collaboration-typing");
        typing.addClassName("sintra-muted");
        typing.setVisible(false);

        feed.authoredBy(this::author);

        composer.setId("collaboration-message");
        composer.setPlaceholder("Write a message, @name an agent (Enter sends, Shift+Enter starts a new line)");
        composer.setWidthFull();
        composer.setMaxHeight("10rem");
        composer.setMaxLength(collaborations.settings().maxMessageLength());
        // Each second at most while typing: enough for "is writing", without a round trip per key.
        composer.setValueChangeMode(ValueChangeMode.TIMEOUT);
        composer.setValueChangeTimeout(1000);
        composer.addValueChangeListener(e -> composerChanged());
        Shortcuts.addShortcutListener(composer, this::send, Key.ENTER).listenOn(composer).resetFocusOnActiveElement();
        send.setId("collaboration-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> send());
        HorizontalLayout composerRow = new HorizontalLayout(composer, send);
        composerRow.setWidthFull();
        composerRow.setAlignItems(FlexComponent.Alignment.END);
        composerRow.addClassNames("chat-composer", "sintra-collaboration-composer");
        readOnly.setId("collaboration-read-only");
        readOnly.addClassName("sintra-muted");

        add(heading, goal, participantList, feed, typing, composerRow, readOnly);
        expand(feed);
        showStatus();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        shown.clear();
        authors.clear();
        readThrough = 0;
        loadParticipants();
        writing.clear();
        feed.show(oldest -> page(oldest == null ? null : oldest.id()));
        // The list shows a page's messages as stored; answers still being written continue as drafts, from the
        // text the feed hands this view first.
        writing.forEach(answer -> feed.put(chatMessage(answer), true));
        markRead();
        subscription = collaborations.subscribe(collaboration.id(), throughRevision,
                update -> ui.access(() -> apply(update)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    private MessagePage page(Long beforeSequence) {
        var page = collaborations.messages(collaboration.id(), beforeSequence, PAGE);
        if (beforeSequence == null) {
            throughRevision = page.throughRevision();
            page.messages().stream().filter(CollaborationMessage::streaming).forEach(writing::add);
        }
        page.messages().forEach(m -> shown.merge(m.sequence(), m.revision(), Math::max));
        return new MessagePage(page.messages().stream().map(this::chatMessage).toList(), page.hasEarlier());
    }

    // --- the feed ----------------------------------------------------------------------------

    private void apply(FeedUpdate update) {
        if (ended) {
            return;
        }
        if (update.ended()) {
            end();
            return;
        }
        try {
            applyChanges(update);
        } catch (NotFoundException | AccessDeniedException gone) {
            // Removed, or the collaboration went, between the delivery and now: the feed's end follows.
            end();
        }
    }

    private void applyChanges(FeedUpdate update) {
        update.messages().forEach(this::show);
        // Caught up first: an answer the view has not shown yet may be among what it missed, and its text follows.
        if (update.needsCatchUp()) {
            catchUp(update.catchUpAfter());
        }
        for (StreamedText text : update.streamed()) {
            feed.extendDraft(text.sequence(), text.offset(), text.text());
        }
        throughRevision = Math.max(throughRevision, update.throughRevision());
        if (update.status() != null) {
            collaboration = collaborations.get(collaboration.id());
            showStatus();
        }
        if (update.viewers() != null) {
            viewing = update.viewers().stream().map(Viewer::user).collect(Collectors.toSet());
            showParticipants();
        }
        if (update.participantsChanged()) {
            loadParticipants();
        }
        if (update.typing() != null) {
            List<String> writing = update.typing().stream().filter(v -> !v.user().equals(me)).map(Viewer::name).toList();
            typing.setText(writing.isEmpty() ? "" : String.join(", ", writing)
                    + (writing.size() == 1 ? " is" : " are") + " writing…");
            typing.setVisible(!writing.isEmpty());
        }
        markRead();
    }

    private void end() {
        ended = true;
        Notifications.error("You no longer take part in this collaboration.");
        showStatus();
    }

    /** Loads what the feed may have missed, in order; versions already shown are skipped. */
    private void catchUp(long after) {
        Changes changes;
        long from = after;
        do {
            changes = collaborations.changesSince(collaboration.id(), from);
            changes.messages().forEach(this::show);
            from = changes.throughRevision();
        } while (changes.more());
        throughRevision = Math.max(throughRevision, from);
    }

    private void show(CollaborationMessage message) {
        Long current = shown.get(message.sequence());
        if (current != null && current >= message.revision()) {
            return;
        }
        shown.put(message.sequence(), message.revision());
        feed.put(chatMessage(message), message.streaming());
    }

    private void markRead() {
        long latest = shown.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
        if (latest > readThrough) {
            readThrough = latest;
            collaborations.markRead(collaboration.id(), latest);
        }
    }

    /** The chat list's message for one of the stream's: the caller's own on the right, everyone else's as answers. */
    private ChatMessage chatMessage(CollaborationMessage message) {
        boolean mine = message.authorKind() == CollaborationMessage.AuthorKind.USER && me.equals(message.authorUser());
        if (!mine) {
            authors.put(message.sequence(), message.authorKind() == CollaborationMessage.AuthorKind.SYSTEM ? "Notice"
                    : message.authorName().isEmpty() ? "Someone no longer here" : message.authorName()
                    + (message.authorKind() == CollaborationMessage.AuthorKind.AGENT ? " (agent)" : ""));
        }
        AnswerMode mode = switch (message.state()) {
            case STOPPED -> AnswerMode.STOPPED;
            case INTERRUPTED -> AnswerMode.INTERRUPTED;
            default -> null;
        };
        return new ChatMessage(message.sequence(), null, mine ? ChatMessage.Sender.USER : ChatMessage.Sender.AGENT,
                message.content(), message.citations(), mode, message.model(), message.promptTokens(),
                message.completionTokens(), null, null, message.createdAt());
    }

    /** Names each message's author; the caller's own need no name. */
    private String author(ChatMessage message) {
        return authors.get(message.id());
    }

    // --- participants and status -------------------------------------------------------------

    private void loadParticipants() {
        participants = collaborations.participants(collaboration.id());
        showParticipants();
    }

    private void showParticipants() {
        participantList.removeAll();
        Span count = new Span(Plural.of(participants.size(), "participant") + ":");
        count.addClassName("sintra-muted");
        participantList.add(count);
        for (Participant participant : participants) {
            Span name = new Span(participant.name() + (participant.isAgent() ? " (agent)" : ""));
            name.addClassName("sintra-participant");
            if (!participant.isAgent() && viewing.contains(participant.user())) {
                name.addClassName(PRESENT);
                name.setTitle(participant.name() + " is viewing this now");
                participantList.add(presenceDot());
            }
            participantList.add(name);
        }
    }

    /** A green dot before the name of someone viewing now; styled here, so the theme's CSS (in the entry) stays as it is. */
    private static Span presenceDot() {
        Span dot = new Span();
        dot.getStyle().setBackgroundColor("var(--lumo-success-color)").setWidth("0.5em").setHeight("0.5em")
                .setBorderRadius("50%").setDisplay(Style.Display.INLINE_BLOCK).setMarginRight("calc(-1 * var(--lumo-space-s) + 0.25em)");
        dot.getElement().setAttribute("aria-hidden", "true");
        return dot;
    }

    private void showStatus() {
        CollaborationStatus now = collaboration.status();
        status.setText(CollaborationsView.statusLabel(now));
        status.getElement().getThemeList().clear();
        status.getElement().getThemeList().add(now == CollaborationStatus.ACTIVE ? "badge success"
                : now == CollaborationStatus.PAUSED ? "badge contrast" : "badge");
        boolean writable = !collaboration.completed() && !ended;
        composer.setEnabled(writable);
        send.setEnabled(writable);
        composer.getParent().ifPresent(row -> row.setVisible(writable));
        readOnly.setVisible(collaboration.completed());
        controls.removeAll();
        if (ended) {
            return;
        }
        boolean editor = workspace.myRole().atLeast(WorkspaceRole.EDITOR);
        if (now == CollaborationStatus.ACTIVE) {
            controls.add(control("Stop agents", "collaboration-stop", () -> {
                if (!collaborations.stop(collaboration.id())) {
                    Notifications.success("No agent is answering right now.");
                }
            }));
            controls.add(control("Pause", "collaboration-pause", () -> collaborations.pause(collaboration.id())));
        }
        if (now == CollaborationStatus.PAUSED && editor) {
            controls.add(control("Resume", "collaboration-resume", () -> collaborations.resume(collaboration.id())));
        }
        if (!collaboration.completed() && editor) {
            controls.add(control("Invite", "collaboration-invite", this::openInvite));
            controls.add(control("Complete", "collaboration-complete", () -> Confirmations.confirmDangerous(
                    "Complete " + collaboration.title() + "?", "The stream becomes read-only for good.", "Complete",
                    this::completeInBackground)));
        }
        controls.add(control("Leave", "collaboration-leave", () -> Confirmations.confirmDangerous(
                "Leave " + collaboration.title() + "?", "Its messages are no longer shown to you.", "Leave", this::leave)));
    }

    private Button control(String label, String id, Runnable action) {
        Button button = new Button(label, e -> statusChange(action));
        button.setId(id);
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return button;
    }

    /** Runs a change and shows its outcome at once (the feed confirms it to everyone else). */
    private void statusChange(Runnable change) {
        try {
            change.run();
            collaboration = collaborations.get(collaboration.id());
            showStatus();
        } catch (InvalidInputException | CollaborationCompletedException | NotFoundException refused) {
            Notifications.error(refused.getMessage());
        }
    }

    /**
     * Completing first has the summary written, by the model when one is configured, which can take as long as
     * an answer: off the UI thread, as the caller, so the page stays usable; the outcome arrives by push.
     */
    private void completeInBackground() {
        UI ui = UI.getCurrent();
        controls.setEnabled(false);
        Notifications.success("Writing the summary; the collaboration completes once it is stored.");
        CompletableFuture.runAsync(currentUser.asCaller(() -> collaborations.complete(collaboration.id())))
                .whenComplete((done, failure) -> ui.access(() -> {
                    controls.setEnabled(true);
                    if (failure != null) {
                        Notifications.error("Could not complete: " + rootMessage(failure));
                    }
                    statusChange(() -> { });
                }));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private void leave() {
        try {
            collaborations.leave(collaboration.id());
            CollaborationsView.openDashboard();
        } catch (InvalidInputException refused) {
            Notifications.error(refused.getMessage());
        }
    }

    private void openInvite() {
        Set<UserId> taking = participants.stream().map(Participant::user).collect(Collectors.toSet());
        MultiSelectComboBox<Member> members = NewCollaborationDialog.memberPicker("invite-members",
                workspaces.members(workspace.id()).stream().filter(m -> !taking.contains(m.userId())).toList());
        Set<Object> agentsTaking = participants.stream().map(Participant::agent).collect(Collectors.toSet());
        MultiSelectComboBox<Agent> invitedAgents = NewCollaborationDialog.agentPicker("invite-agents",
                agents.agents(workspace.id(), false, 0, NewCollaborationDialog.AGENTS).stream()
                        .filter(a -> !agentsTaking.contains(a.id())).toList());
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Invite to " + collaboration.title());
        VerticalLayout fields = new VerticalLayout(members, invitedAgents);
        fields.setPadding(false);
        dialog.add(fields);
        FieldErrors inviteErrors = new FieldErrors().field("members", members).field("agents", invitedAgents);
        Button invite = new Button("Invite", e -> {
            if (inviteErrors.attempt(() -> collaborations.invite(collaboration.id(),
                    members.getValue().stream().map(Member::userId).toList(),
                    invitedAgents.getValue().stream().map(Agent::id).toList()))) {
                dialog.close();
                loadParticipants();
            }
        });
        invite.setId("invite-send");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), invite);
        dialog.setWidth("min(32rem, 100vw)");
        dialog.open();
    }

    // --- the composer ------------------------------------------------------------------------

    private void send() {
        String text = composer.getValue();
        try {
            if (errors.attempt(() -> show(collaborations.post(collaboration.id(), text)))) {
                composer.clear();
                typingSentAt = 0;
                markRead();
            }
        } catch (CollaborationCompletedException completed) {
            Notifications.error(completed.getMessage());
            collaboration = collaborations.get(collaboration.id());
            showStatus();
        }
    }

    /** Tells the others while the composer has text, every few seconds; and at once when it is emptied. */
    private void composerChanged() {
        if (collaboration.completed() || ended) {
            return;
        }
        boolean writing = !composer.getValue().isBlank();
        long now = System.currentTimeMillis();
        if (writing && now - typingSentAt >= TYPING_EVERY_MILLIS) {
            typingSentAt = now;
            collaborations.typing(collaboration.id(), true);
        } else if (!writing && typingSentAt > 0) {
            typingSentAt = 0;
            collaborations.typing(collaboration.id(), false);
        }
    }
}
