package com.sintra.chat.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.base.NotFoundException;
import com.sintra.base.ui.Confirmations;
import com.sintra.base.ui.CopyableId;
import com.sintra.base.ui.FieldErrors;
import com.sintra.base.ui.Icons;
import com.sintra.base.ui.Notifications;
import com.sintra.chat.ChatService;
import com.sintra.chat.Conversation;
import com.sintra.chat.ConversationId;
import com.sintra.workspace.WorkspaceId;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.theme.lumo.LumoUtility;

/**
 * The chat view's side: the agent to chat with (and its id for the API), a new conversation, and your
 * conversations with that agent, searchable by title, each to open, rename or delete. On a phone it sits
 * above the messages and folds away.
 */
class ConversationList extends Composite<VerticalLayout> {

    private static final String OPEN = "chat-side-open";
    private static final int LISTED = 50;

    private final ChatService chat;
    private final AgentService agents;
    private final Runnable startNew;
    private final Consumer<Conversation> renamed;

    private final ComboBox<Agent> agentPicker = new ComboBox<>("Agent");
    private final CopyableId agentId = new CopyableId("Agent id", null);
    private final TextField search = new TextField();
    private final VerticalLayout list = new VerticalLayout();

    /** The conversation the pane shows; null for a new one. */
    private ConversationId shown;

    /**
     * @param startNew runs when the user wants a new conversation: another agent picked, the button, or the one
     *                 shown deleted
     * @param renamed  told when the conversation shown has a new title
     */
    ConversationList(ChatService chat, AgentService agents, Runnable startNew, Consumer<Conversation> renamed) {
        this.chat = chat;
        this.agents = agents;
        this.startNew = startNew;
        this.renamed = renamed;

        agentPicker.setId("chat-agent");
        agentPicker.setItemLabelGenerator(Agent::name);
        agentPicker.setWidthFull();
        agentPicker.addValueChangeListener(e -> {
            agentId.setId(e.getValue() == null ? null : e.getValue().id());
            if (e.isFromClient() && e.getValue() != null) {
                startNew.run();
            }
        });
        Button newConversation = new Button("New conversation", Icons.PLUS.create(), e -> startNew.run());
        newConversation.setId("new-conversation");
        newConversation.setWidthFull();
        search.setId("conversation-search");
        search.setPlaceholder("Search conversations");
        search.setAriaLabel("Search conversations by title");
        search.setPrefixComponent(Icons.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setWidthFull();
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        list.setId("conversations");
        list.setPadding(false);
        list.setSpacing(false);

        VerticalLayout side = getContent();
        side.addClassName("chat-side");
        side.setPadding(false);
        // Its width is the theme's (beside the messages on a desktop, above them on a phone).
        side.setWidth(null);
        side.add(agentPicker, agentId, newConversation, search, list);
    }

    /** Offers the workspace's agents, and the opened conversation's even when it is archived; picks one. */
    void offer(WorkspaceId workspace, Conversation opened) {
        List<Agent> available = new ArrayList<>(agents.agents(workspace, 0, 200));
        if (opened != null && available.stream().noneMatch(a -> a.id().equals(opened.agentId()))) {
            // An archived agent's conversations can still be read.
            available.add(agents.get(opened.agentId()));
        }
        agentPicker.setItems(available);
        agentPicker.setValue(opened != null
                ? available.stream().filter(a -> a.id().equals(opened.agentId())).findFirst().orElse(null)
                : available.stream().findFirst().orElse(null));
    }

    /** The agent picked; null when the workspace has none. */
    Agent agent() {
        return agentPicker.getValue();
    }

    /** Where an error about the agent is shown. */
    HasValidation agentField() {
        return agentPicker;
    }

    /** Lists the agent's conversations again, marking {@code conversation} as the one shown (null: none). */
    void show(ConversationId conversation) {
        shown = conversation;
        refresh();
    }

    boolean isOpen() {
        return getContent().hasClassName(OPEN);
    }

    /** On a phone the conversations sit above the messages, behind a toggle; on a desktop always beside them. */
    void setOpen(boolean open) {
        getContent().setClassName(OPEN, open);
    }

    private void refresh() {
        list.removeAll();
        Agent agent = agentPicker.getValue();
        if (agent == null) {
            Anchor agentsLink = new Anchor("agents", "Agents");
            agentsLink.getElement().setAttribute("router-link", true);
            list.add(new Paragraph(new Text("This workspace has no agents yet: create one under "),
                    agentsLink, new Text(".")));
            return;
        }
        String wanted = search.getValue().strip();
        List<Conversation> mine = chat.conversations(agent.id(), wanted, LISTED);
        if (mine.isEmpty()) {
            list.add(ChatView.hint(wanted.isEmpty() ? "No conversations with " + agent.name() + " yet."
                    : "No conversation with " + agent.name() + " has “" + wanted + "” in its title."));
        } else if (mine.size() == LISTED) {
            list.add(ChatView.hint("The " + LISTED + " most recent are listed: search to find older ones."));
        }
        mine.forEach(c -> list.add(row(c)));
    }

    private Component row(Conversation listed) {
        RouterLink link = new RouterLink(listed.title(), ChatView.class,
                new RouteParameters(ChatView.CONVERSATION, listed.id().toString()));
        link.getElement().setAttribute("title", listed.title());
        link.addClassNames(LumoUtility.TextOverflow.ELLIPSIS, LumoUtility.Overflow.HIDDEN, LumoUtility.Whitespace.NOWRAP);
        if (listed.id().equals(shown)) {
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
        FieldErrors errors = new FieldErrors().field("title", name);
        Button save = new Button("Rename", e -> {
            if (errors.attempt(() -> renamed(chat.rename(listed.id(), name.getValue())))) {
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

    private void renamed(Conversation conversation) {
        if (conversation.id().equals(shown)) {
            renamed.accept(conversation);
        }
        refresh();
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
            if (listed.id().equals(shown)) {
                startNew.run();
            } else {
                refresh();
            }
        });
    }
}
