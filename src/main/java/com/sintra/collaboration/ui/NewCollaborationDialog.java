package com.sintra.collaboration.ui;

import java.util.List;
import java.util.function.Consumer;

import com.sintra.account.CurrentUser;
import com.sintra.account.UserId;
import com.sintra.agent.Agent;
import com.sintra.agent.AgentService;
import com.sintra.base.ui.FieldErrors;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.CollaborationMode;
import com.sintra.collaboration.CollaborationService;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.workspace.Member;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

/** Starts a collaboration: its title, goal and mode, and the workspace's members and agents to invite. */
class NewCollaborationDialog extends Dialog {

    /** Agents offered: a workspace has far fewer. */
    static final int AGENTS = 500;

    NewCollaborationDialog(CollaborationService collaborations, WorkspaceService workspaces, AgentService agents,
                           CurrentUser currentUser, Workspace workspace, Consumer<CollaborationId> created) {
        setHeaderTitle("New collaboration");
        TextField title = new TextField("Title");
        title.setId("collaboration-title");
        title.setRequiredIndicatorVisible(true);
        TextArea goal = new TextArea("Goal");
        goal.setId("collaboration-goal");
        goal.setHelperText("What the people and agents work towards");
        Select<CollaborationMode> mode = new Select<>();
        mode.setLabel("Who speaks next");
        mode.setId("collaboration-mode");
        mode.setItems(CollaborationMode.values());
        mode.setItemLabelGenerator(NewCollaborationDialog::modeLabel);
        mode.setValue(CollaborationMode.ROUND_ROBIN);
        UserId me = currentUser.require();
        MultiSelectComboBox<Member> members = memberPicker("collaboration-members",
                workspaces.members(workspace.id()).stream().filter(m -> !m.userId().equals(me)).toList());
        MultiSelectComboBox<Agent> invitedAgents = agentPicker("collaboration-agents",
                agents.agents(workspace.id(), false, 0, AGENTS));
        FormLayout form = new FormLayout(title, goal, mode, members, invitedAgents);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        FieldErrors errors = new FieldErrors().field("title", title).field("goal", goal).field("members", members)
                .field("agents", invitedAgents);
        Button create = new Button("Create", e -> {
            CollaborationId[] id = new CollaborationId[1];
            if (errors.attempt(() -> id[0] = collaborations.create(new NewCollaboration(workspace.id(), title.getValue(),
                    goal.getValue(), mode.getValue(), null, null, null,
                    members.getValue().stream().map(Member::userId).toList(),
                    invitedAgents.getValue().stream().map(Agent::id).toList())).id())) {
                close();
                created.accept(id[0]);
            }
        });
        create.setId("create-collaboration");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, create);
        setWidth("min(36rem, 100vw)");
    }

    /** The members offered to invite, by name and e-mail address (two people may share a name). */
    static MultiSelectComboBox<Member> memberPicker(String id, List<Member> offered) {
        MultiSelectComboBox<Member> members = new MultiSelectComboBox<>("Members");
        members.setId(id);
        members.setItems(offered);
        members.setItemLabelGenerator(m -> m.displayName() + " (" + m.email() + ")");
        members.setWidthFull();
        return members;
    }

    static MultiSelectComboBox<Agent> agentPicker(String id, List<Agent> offered) {
        MultiSelectComboBox<Agent> agents = new MultiSelectComboBox<>("Agents");
        agents.setId(id);
        agents.setItems(offered);
        agents.setItemLabelGenerator(Agent::name);
        agents.setWidthFull();
        return agents;
    }

    static String modeLabel(CollaborationMode mode) {
        return switch (mode) {
            case ROUND_ROBIN -> "Agents in turn";
            case MENTIONED_ONLY -> "Only agents named with @";
            case ORCHESTRATED -> "The agent that fits best";
        };
    }
}
