package com.sintra.brain.ui;

import static com.github.mvysny.kaributesting.v10.GridKt._fetch;
import static com.github.mvysny.kaributesting.v10.GridKt._getCellComponent;
import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.sintra.KaribuTest;
import com.sintra.account.User;
import com.sintra.base.ui.CopyableId;
import com.sintra.brain.BrainDocument;
import com.sintra.brain.BrainService;
import com.sintra.brain.Ingest;
import com.sintra.brain.IngestionProgress;
import com.sintra.brain.KnowledgeBase;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceService;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.FileRejectedEvent;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.RouterLink;

class BrainViewTest extends KaribuTest {

    @Autowired
    BrainService brain;

    @Autowired
    WorkspaceService workspaces;

    @Test
    void an_editor_creates_a_knowledge_base_from_the_brain_view() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("brain");

        _click(_get(Button.class, spec -> spec.withId("new-knowledge-base")));
        _setValue(_get(TextField.class, spec -> spec.withLabel("Name")), "Research notes");
        _click(_get(Button.class, spec -> spec.withId("create-knowledge-base")));

        assertThat(fixtures.as(user, () -> brain.knowledgeBases(workspace))).extracting(KnowledgeBase::name)
                .containsExactly("Research notes");
    }

    @Test
    void a_search_shows_scored_passages_that_link_to_their_document() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        ingest(user, workspace, "jupiter.md", "# Observing Jupiter\nThrough binoculars you can see Jupiter's four large moons.");
        openAs(user);
        UI.getCurrent().navigate("brain");

        _setValue(_get(TextField.class, spec -> spec.withId("brain-query")), "moons of Jupiter");
        _click(_get(Button.class, spec -> spec.withId("brain-search")));

        assertThat(_find(RouterLink.class)).extracting(RouterLink::getText).contains("Observing Jupiter");
        assertThat(_find(Span.class, spec -> spec.withClasses("sintra-mark"))).extracting(Span::getText).contains("Jupiter", "moons");
    }

    @Test
    void an_empty_query_is_shown_at_the_field() {
        User user = fixtures.newUser();
        fixtures.newWorkspace(user);
        openAs(user);
        UI.getCurrent().navigate("brain");
        TextField query = _get(TextField.class, spec -> spec.withId("brain-query"));
        _click(_get(Button.class, spec -> spec.withId("brain-search")));
        assertThat(query.isInvalid()).isTrue();
        assertThat(query.getErrorMessage()).isEqualTo("Enter something to search for");
    }

    @Test
    void the_documents_grid_lists_the_workspaces_documents_and_their_pages_open_for_members_only() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        IngestionProgress done = ingest(user, workspace, "notes.md", "# Meeting notes\nWe agreed to ship on Friday.");
        openAs(user);
        UI.getCurrent().navigate("brain");

        _get(TabSheet.class).setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<BrainDocument> grid = _get(Grid.class);
        assertThat(_fetch(grid, 0, 50)).extracting(BrainDocument::title).containsExactly("Meeting notes");
        UI.getCurrent().navigate("brain/documents/" + done.documentId());
        _get(DocumentView.class);
        assertThat(_get(CopyableId.class).id()).isEqualTo(done.documentId().toString());

        openAs(fixtures.newUser());
        UI.getCurrent().navigate("brain/documents/" + done.documentId());
        _assertNone(DocumentView.class);
        _get(Component.class, spec -> spec.withId("not-found"));
    }

    @Test
    void including_deactivated_documents_lists_them_beside_the_active_ones_and_the_empty_grid_tells_why() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId kb = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        ingest(user, workspace, kb, "a.md", "# Active one\nStill searchable.");
        IngestionProgress hidden = ingest(user, workspace, kb, "b.md", "# Hidden one\nNo longer searchable.");
        fixtures.as(user, () -> {
            brain.setActive(hidden.documentId(), false);
            return null;
        });
        openAs(user);
        UI.getCurrent().navigate("brain");
        _get(TabSheet.class).setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<BrainDocument> grid = _get(Grid.class);

        assertThat(_fetch(grid, 0, 50)).extracting(BrainDocument::title).containsExactly("Active one");
        _setValue(_get(Checkbox.class, spec -> spec.withId("include-deactivated")), true);
        assertThat(_fetch(grid, 0, 50)).extracting(BrainDocument::title).containsExactlyInAnyOrder("Active one", "Hidden one");

        fixtures.as(user, () -> {
            brain.setActive(hidden.documentId(), true);
            return null;
        });
        UI.getCurrent().navigate("brain");
        _get(TabSheet.class).setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<BrainDocument> fresh = _get(Grid.class);
        assertThat(fresh.getEmptyStateText()).contains("No active documents").contains("include deactivated");
    }

    @Test
    void deleting_a_document_asks_first_with_cancel_focused_and_counts_its_passages_properly() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId kb = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        IngestionProgress done = ingest(user, workspace, kb, "short.md", "# Short\nOne passage only.");
        openAs(user);
        UI.getCurrent().navigate("brain");
        _get(TabSheet.class).setSelectedIndex(1);
        @SuppressWarnings("unchecked")
        Grid<BrainDocument> grid = _get(Grid.class);

        _click(_get(_getCellComponent(grid, 0, "actions"), Button.class, spec -> spec.withText("Delete")));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(dialog.getElement().getProperty("message")).contains("its 1 passage are").doesNotContain("passages");
        assertThat(_get(Button.class, spec -> spec.withId("confirm-cancel")).isAutofocus()).isTrue();
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        assertThatThrownBy(() -> fixtures.as(user, () -> brain.document(done.documentId())))
                .isInstanceOf(com.sintra.base.NotFoundException.class);
    }

    @Test
    void only_whole_query_words_are_marked_and_never_stop_words() {
        Paragraph marked = SearchPanel.highlighted("Their theory: the moons of Jupiter outshine the moonlight.", "the moons of jupiter");

        assertThat(marked.getChildren().filter(c -> c.hasClassName("sintra-mark")).map(c -> ((Span) c).getText()))
                .containsExactly("moons", "Jupiter");
        assertThat(SearchPanel.highlighted("There they are.", "the").getChildren().filter(c -> c.hasClassName("sintra-mark")))
                .isEmpty();
    }

    @Test
    void relevance_is_a_percentage_that_is_never_negative() {
        assertThat(SearchPanel.relevance(-0.07)).isEqualTo("0 % match");
        assertThat(SearchPanel.relevance(0.634)).isEqualTo("63 % match");
    }

    @Test
    void a_search_leaves_out_unrelated_passages_and_says_when_nothing_relevant_was_found() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        ingest(user, workspace, "jupiter.md", "# Observing Jupiter\nThrough binoculars you can see Jupiter's four large moons.");
        openAs(user);
        UI.getCurrent().navigate("brain");

        _setValue(_get(TextField.class, spec -> spec.withId("brain-query")), "quarterly VAT return filing deadline");
        _click(_get(Button.class, spec -> spec.withId("brain-search")));

        _get(Paragraph.class, spec -> spec.withId("brain-nothing-relevant"));
        _assertNone(Span.class, spec -> spec.withClasses("sintra-relevance"));
        assertThat(brain.relevantScore()).isEqualTo(0.2);
    }

    @Test
    void a_knowledge_base_named_in_the_address_is_chosen_and_another_workspaces_one_is_refused_with_a_message() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Handbook", ""));
        KnowledgeBaseId notes = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        User other = fixtures.newUser();
        WorkspaceId theirs = fixtures.newWorkspace(other);
        KnowledgeBaseId foreign = fixtures.as(other, () -> brain.createKnowledgeBase(theirs, "Secrets", ""));
        openAs(user);

        UI.getCurrent().navigate("brain", QueryParameters.of("knowledgeBase", notes.toString()));
        @SuppressWarnings("unchecked")
        Select<KnowledgeBase> select = _get(Select.class, spec -> spec.withId("knowledge-base"));
        assertThat(select.getValue()).extracting(KnowledgeBase::id).isEqualTo(notes);
        assertThat(_get(CopyableId.class).id()).isEqualTo(notes.toString());

        String workspaceName = fixtures.as(user, () -> workspaces.get(workspace)).name();
        for (String unknown : List.of(foreign.toString(), "not-an-id")) {
            UI.getCurrent().navigate("brain", QueryParameters.of("knowledgeBase", unknown.toString()));
            NotificationsKt.expectNotifications("No knowledge base with that id in " + workspaceName + ".");
            @SuppressWarnings("unchecked")
            Select<KnowledgeBase> shown = _get(Select.class, spec -> spec.withId("knowledge-base"));
            assertThat(shown.getValue()).isNull();
            _assertNone(CopyableId.class);
        }
    }

    @Test
    void the_chosen_knowledge_base_shows_its_id_and_is_renamed_and_deleted_with_its_counts_confirmed() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        KnowledgeBaseId handbook = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Handbook", ""));
        fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        ingest(user, workspace, handbook, "leave.md", "# Leave\nAsk your manager two weeks ahead.");
        openAs(user);
        UI.getCurrent().navigate("brain");
        _assertNone(CopyableId.class);
        @SuppressWarnings("unchecked")
        Select<KnowledgeBase> select = _get(Select.class, spec -> spec.withId("knowledge-base"));
        select.setValue(fixtures.as(user, () -> brain.knowledgeBases(workspace)).get(0));

        assertThat(_get(CopyableId.class).id()).isEqualTo(handbook.toString());

        _click(_get(Button.class, spec -> spec.withId("rename-knowledge-base")));
        TextField name = _get(TextField.class, spec -> spec.withLabel("Name"));
        _setValue(name, "notes");
        _click(_get(Button.class, spec -> spec.withId("save-knowledge-base-name")));
        assertThat(name.getErrorMessage()).isEqualTo("This workspace already has a knowledge base named “notes”");
        _setValue(name, "Staff handbook");
        _click(_get(Button.class, spec -> spec.withId("save-knowledge-base-name")));
        assertThat(select.getValue().name()).isEqualTo("Staff handbook");

        _click(_get(Button.class, spec -> spec.withId("delete-knowledge-base")));
        ConfirmDialog dialog = _get(ConfirmDialog.class);
        assertThat(dialog.getElement().getProperty("header")).isEqualTo("Delete “Staff handbook” with its 1 document and 1 passage?");
        assertThat(_get(Button.class, spec -> spec.withId("confirm-cancel")).isAutofocus()).isTrue();
        _click(_get(Button.class, spec -> spec.withId("confirm-action")));

        assertThat(fixtures.as(user, () -> brain.knowledgeBases(workspace))).extracting(KnowledgeBase::name).containsExactly("Notes");
        _assertNone(CopyableId.class);
    }

    @Test
    void a_refused_upload_keeps_its_reason_on_its_row_and_a_wrong_type_gets_sintras_own_message() {
        User user = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(user);
        fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        openAs(user);
        UI.getCurrent().navigate("brain");
        @SuppressWarnings("unchecked")
        Select<KnowledgeBase> select = _get(Select.class, spec -> spec.withId("knowledge-base"));
        select.setValue(fixtures.as(user, () -> brain.knowledgeBases(workspace)).get(0));
        _get(TabSheet.class).setSelectedIndex(2);
        Upload upload = _get(Upload.class);

        ComponentUtil.fireEvent(upload, new FileRejectedEvent(upload, "Incorrect File Type.", "setup.exe"));
        UploadKt._upload(upload, "empty.txt", "text/plain", new byte[0]);
        MockVaadin.clientRoundtrip();

        List<IngestionRow> rows = _find(IngestionRow.class);
        assertThat(rows).hasSize(2);
        List<String> texts = _find(Span.class).stream().map(Span::getText).toList();
        assertThat(texts).contains("setup.exe", "Sintra cannot read .exe files. Upload plain text (.txt), Markdown (.md), HTML (.html) or PDF (.pdf)",
                "empty.txt", "The file is empty").doesNotContain("Incorrect File Type.");
        assertThat(rows).allSatisfy(row -> assertThat(_get(row, ProgressBar.class).getThemeNames()).contains("error"));
    }

    private IngestionProgress ingest(User user, WorkspaceId workspace, String name, String text) {
        KnowledgeBaseId kb = fixtures.as(user, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        return ingest(user, workspace, kb, name, text);
    }

    private IngestionProgress ingest(User user, WorkspaceId workspace, KnowledgeBaseId kb, String name, String text) {
        IngestionProgress done = Ingest.markdown(fixtures, brain, user, workspace, kb, name, text);
        assertThat(done.stage()).isEqualTo(IngestionProgress.Stage.DONE);
        return done;
    }
}
