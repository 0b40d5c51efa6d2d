package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;

import com.sintra.IntegrationTest;
import com.sintra.account.User;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.brain.IngestionProgress.Stage;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;
import com.sintra.workspace.WorkspaceService;

class BrainServiceTest extends IntegrationTest {

    static final String GARDENING = """
            # Growing tomatoes
            Tomatoes need full sun, at least six hours a day. Water them deeply twice a week rather than a little every day.
            Pinch off the suckers that grow between the main stem and the branches, so the plant puts its energy into fruit.
            """;
    static final String ASTRONOMY = """
            # Observing Jupiter
            Jupiter is the brightest planet after Venus. Through small binoculars you can see its four Galilean moons
            lined up beside it, changing position from night to night.
            """;

    @Autowired
    BrainService brain;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkspaceService workspaces;

    @Test
    void an_uploaded_document_is_chunked_embedded_and_found_by_meaning() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Garden", ""));

        IngestionProgress done = ingest(owner, workspace, kb, "tomatoes.md", GARDENING);
        assertThat(done.stage()).isEqualTo(Stage.DONE);

        List<SearchHit> hits = fixtures.as(owner, () -> brain.search(workspace, SearchRequest.of("how often should I water tomato plants", 3)));
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).documentTitle()).isEqualTo("Growing tomatoes");
        assertThat(hits.get(0).content()).contains("Water them deeply");
        assertThat(hits.get(0).score()).isBetween(0.3, 1.0);
        assertThat(hits.get(0).documentId()).isEqualTo(done.documentId());
    }

    @Test
    void search_never_returns_another_workspaces_chunks_and_a_non_member_cannot_search_it() {
        User alice = fixtures.newUser();
        User bob = fixtures.newUser();
        WorkspaceId alicesWorkspace = fixtures.newWorkspace(alice);
        WorkspaceId bobsWorkspace = fixtures.newWorkspace(bob);
        ingest(alice, alicesWorkspace, fixtures.as(alice, () -> brain.createKnowledgeBase(alicesWorkspace, "Garden", "")),
                "tomatoes.md", GARDENING);
        ingest(bob, bobsWorkspace, fixtures.as(bob, () -> brain.createKnowledgeBase(bobsWorkspace, "Sky", "")),
                "jupiter.md", ASTRONOMY);

        List<SearchHit> bobsHits = fixtures.as(bob, () -> brain.search(bobsWorkspace, SearchRequest.of("watering tomatoes", 10)));
        assertThat(bobsHits).isNotEmpty().allMatch(hit -> hit.documentTitle().equals("Observing Jupiter"));
        assertThatThrownBy(() -> fixtures.as(bob, () -> brain.search(alicesWorkspace, SearchRequest.of("tomatoes", 10))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deactivating_or_deleting_a_document_removes_it_from_search_at_once_despite_the_cache() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Mixed", ""));
        DocumentId tomatoes = ingest(owner, workspace, kb, "tomatoes.md", GARDENING).documentId();
        ingest(owner, workspace, kb, "jupiter.md", ASTRONOMY);
        SearchRequest request = SearchRequest.of("watering tomatoes", 10);

        assertThat(titles(owner, workspace, request)).contains("Growing tomatoes");
        fixtures.as(owner, () -> brain.setActive(tomatoes, false));
        assertThat(titles(owner, workspace, request)).doesNotContain("Growing tomatoes").contains("Observing Jupiter");
        fixtures.as(owner, () -> brain.setActive(tomatoes, true));
        assertThat(titles(owner, workspace, request)).contains("Growing tomatoes");
        fixtures.as(owner, () -> brain.delete(tomatoes));
        assertThat(titles(owner, workspace, request)).doesNotContain("Growing tomatoes");
        assertThat(jdbc.sql("SELECT count(*) FROM brain_chunks WHERE document_id = :id").param("id", tomatoes.value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void a_new_document_shows_up_in_a_search_that_was_cached_before_it_arrived() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Mixed", ""));
        ingest(owner, workspace, kb, "jupiter.md", ASTRONOMY);
        SearchRequest request = SearchRequest.of("watering tomatoes", 10);
        assertThat(titles(owner, workspace, request)).doesNotContain("Growing tomatoes");

        ingest(owner, workspace, kb, "tomatoes.md", GARDENING);
        assertThat(titles(owner, workspace, request)).contains("Growing tomatoes");
    }

    @Test
    void a_cancelled_ingestion_leaves_nothing_behind_even_when_cancelled_while_storing() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Garden", ""));

        for (Stage cancelAt : List.of(Stage.EMBEDDING, Stage.STORING)) {
            AtomicReference<UUID> job = new AtomicReference<>();
            Subscription subscription = fixtures.as(owner, () -> brain.onIngestion(workspace, progress -> {
                if (progress.stage() == cancelAt) {
                    fixtures.as(owner, () -> brain.cancelIngestion(progress.jobId()));
                }
                job.set(progress.jobId());
            }));
            try {
                IngestionProgress outcome = ingest(owner, workspace, kb, "tomatoes.md", GARDENING);
                assertThat(outcome.stage()).as("cancelled while " + cancelAt).isEqualTo(Stage.CANCELLED);
            } finally {
                subscription.cancel();
            }
        }
        assertThat(fixtures.as(owner, () -> brain.documents(workspace, null, true, 0, 10))).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM brain_chunks WHERE workspace_id = :w").param("w", workspace.value())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void the_same_content_twice_in_one_knowledge_base_is_refused() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Garden", ""));
        ingest(owner, workspace, kb, "tomatoes.md", GARDENING);
        assertThatThrownBy(() -> ingest(owner, workspace, kb, "copy-of-tomatoes.md", GARDENING))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.getMessage()).contains("already"));
    }

    @Test
    void bad_uploads_and_queries_are_refused_and_nothing_is_stored() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Garden", ""));

        assertRefused(owner, workspace, kb, new DocumentUpload("empty.txt", "text/plain", new byte[0], List.of(), null));
        assertRefused(owner, workspace, kb, new DocumentUpload("tool.exe", "application/octet-stream", new byte[] {77, 90, 0, 1}, List.of(), null));
        assertRefused(owner, workspace, kb, new DocumentUpload("blob.txt", "text/plain", new byte[] {0, 1, 2, 3, 0, 5}, List.of(), null));
        assertRefused(owner, workspace, kb, new DocumentUpload("huge.txt", "text/plain", new byte[20 * 1024 * 1024 + 1], List.of(), null));

        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.search(workspace, SearchRequest.of("  ", 10))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query"));
        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.search(workspace, SearchRequest.of("x".repeat(1001), 10))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("query"));
        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.search(workspace, SearchRequest.of("tomatoes", 0))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("k"));
        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.search(workspace, SearchRequest.of("tomatoes", 51))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("k"));
        assertThat(fixtures.as(owner, () -> brain.documents(workspace, null, true, 0, 10))).isEmpty();
    }

    @Test
    void private_and_loopback_urls_are_refused_unless_configuration_allows_them() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Web", ""));
        for (String url : List.of("http://127.0.0.1:8080/", "http://localhost/", "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data",
                "http://[::1]/", "file:///etc/passwd", "not a url")) {
            assertThatThrownBy(() -> fixtures.as(owner, () -> brain.ingestUrl(workspace, kb, url, List.of(), null)))
                    .as(url).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("url"));
        }
    }

    @Test
    void tags_and_categories_filter_search_and_knowledge_bases_scope_it() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId garden = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Garden", ""));
        KnowledgeBaseId sky = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Sky", ""));
        ingest(owner, workspace, garden, new DocumentUpload("tomatoes.md", "text/markdown",
                GARDENING.getBytes(StandardCharsets.UTF_8), List.of("Plants", "summer"), "howto"));
        ingest(owner, workspace, sky, new DocumentUpload("jupiter.md", "text/markdown",
                ASTRONOMY.getBytes(StandardCharsets.UTF_8), List.of("space"), "observing"));

        assertThat(titles(owner, workspace, new SearchRequest("anything", 10, List.of(), List.of("plants"), null, null)))
                .containsOnly("Growing tomatoes");
        assertThat(titles(owner, workspace, new SearchRequest("anything", 10, List.of(), List.of(), "observing", null)))
                .containsOnly("Observing Jupiter");
        assertThat(titles(owner, workspace, new SearchRequest("anything", 10, List.of(sky), List.of(), null, null)))
                .containsOnly("Observing Jupiter");
        assertThat(fixtures.as(owner, () -> brain.search(workspace, new SearchRequest("tomatoes", 10, List.of(), List.of(), null, 0.99))))
                .isEmpty();
    }

    @Test
    void a_knowledge_base_is_renamed_and_a_name_another_one_of_the_workspace_has_is_refused_clearly() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId handbook = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Handbook", ""));
        KnowledgeBaseId notes = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Notes", ""));
        User viewer = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));

        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.renameKnowledgeBase(notes, " handbook ")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("name");
                    assertThat(e.getMessage()).isEqualTo("This workspace already has a knowledge base named “handbook”");
                });
        assertThatThrownBy(() -> fixtures.as(viewer, () -> brain.renameKnowledgeBase(notes, "Minutes")))
                .isInstanceOf(AccessDeniedException.class);
        fixtures.as(owner, () -> brain.renameKnowledgeBase(handbook, "HANDBOOK"));
        fixtures.as(owner, () -> brain.renameKnowledgeBase(notes, "Meeting notes"));

        assertThat(fixtures.as(owner, () -> brain.knowledgeBases(workspace))).extracting(KnowledgeBase::name)
                .containsExactly("HANDBOOK", "Meeting notes");
        User stranger = fixtures.newUser();
        assertThatThrownBy(() -> fixtures.as(stranger, () -> brain.renameKnowledgeBase(notes, "Mine")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleting_a_knowledge_base_removes_its_documents_and_passages_only_and_only_an_editor_or_owner_may() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId garden = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Garden", ""));
        KnowledgeBaseId sky = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Sky", ""));
        IngestionProgress tomatoes = ingest(owner, workspace, garden, "tomatoes.md", GARDENING);
        ingest(owner, workspace, garden, "more.md", "# Compost\nTurn the heap every week.");
        ingest(owner, workspace, sky, "jupiter.md", ASTRONOMY);
        User viewer = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(workspace, viewer.email(), WorkspaceRole.VIEWER));
        KnowledgeBaseSize before = fixtures.as(owner, () -> brain.knowledgeBaseSize(garden));
        assertThat(before.documents()).isEqualTo(2);
        assertThat(before.passages()).isPositive();
        assertThat(titles(owner, workspace, SearchRequest.of("watering tomatoes", 10))).contains("Growing tomatoes");

        assertThatThrownBy(() -> fixtures.as(viewer, () -> brain.deleteKnowledgeBase(garden)))
                .isInstanceOf(AccessDeniedException.class);
        KnowledgeBaseSize removed = fixtures.as(owner, () -> brain.deleteKnowledgeBase(garden));

        assertThat(removed).isEqualTo(before);
        assertThat(fixtures.as(owner, () -> brain.knowledgeBases(workspace))).extracting(KnowledgeBase::name).containsExactly("Sky");
        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.document(tomatoes.documentId()))).isInstanceOf(NotFoundException.class);
        assertThat(titles(owner, workspace, SearchRequest.of("watering tomatoes", 10))).containsOnly("Observing Jupiter");
        long chunks = jdbc.sql("SELECT count(*) FROM brain_chunks WHERE workspace_id = :w").param("w", workspace.value())
                .query(Long.class).single();
        long counted = jdbc.sql("SELECT chunk_count FROM brain_workspace_state WHERE workspace_id = :w")
                .param("w", workspace.value()).query(Long.class).single();
        assertThat(counted).isEqualTo(chunks).isPositive();
    }

    @Test
    void deleting_a_knowledge_base_cancels_its_running_ingestion_and_nothing_of_it_is_left() {
        User owner = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(owner);
        KnowledgeBaseId kb = fixtures.as(owner, () -> brain.createKnowledgeBase(workspace, "Long reads", ""));
        String longText = ("Paragraph about soil, water, light and the patience gardening asks of everyone. ".repeat(40) + "\n\n")
                .repeat(60);

        IngestionProgress outcome = Ingest.awaitFinished(fixtures, brain, owner, () -> {
            IngestionProgress started = brain.ingest(workspace, kb, new DocumentUpload("long.txt", "text/plain",
                    longText.getBytes(StandardCharsets.UTF_8), List.of(), null));
            brain.deleteKnowledgeBase(kb);
            return started;
        });

        assertThat(outcome.stage()).isEqualTo(Stage.CANCELLED);
        assertThat(jdbc.sql("SELECT count(*) FROM brain_documents WHERE workspace_id = :w").param("w", workspace.value())
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM brain_chunks WHERE workspace_id = :w").param("w", workspace.value())
                .query(Integer.class).single()).isZero();
    }

    private void assertRefused(User owner, WorkspaceId workspace, KnowledgeBaseId kb, DocumentUpload upload) {
        assertThatThrownBy(() -> fixtures.as(owner, () -> brain.ingest(workspace, kb, upload)))
                .as(upload.fileName()).isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("file"));
    }

    private List<String> titles(User user, WorkspaceId workspace, SearchRequest request) {
        return fixtures.as(user, () -> brain.search(workspace, request)).stream().map(SearchHit::documentTitle).distinct().toList();
    }

    private IngestionProgress ingest(User user, WorkspaceId workspace, KnowledgeBaseId kb, String name, String text) {
        return Ingest.markdown(fixtures, brain, user, workspace, kb, name, text);
    }

    private IngestionProgress ingest(User user, WorkspaceId workspace, KnowledgeBaseId kb, DocumentUpload upload) {
        return Ingest.upload(fixtures, brain, user, workspace, kb, upload);
    }
}
