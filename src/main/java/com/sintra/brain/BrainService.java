package com.sintra.brain;

import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.sintra.account.CurrentUser;
import com.sintra.base.Inputs;
import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.workspace.WorkspaceAccess;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;

/**
 * The brain's API: knowledge bases, documents and their ingestion, and semantic search. Every method
 * checks the caller's membership of the workspace the data belongs to; changing the brain needs the
 * editor role.
 */
@Service
@PreAuthorize("isAuthenticated()")
public class BrainService {

    static final int MAX_TAGS = 20;
    static final int MAX_TAG_LENGTH = 40;

    private final BrainRepository brain;
    private final BrainSearch search;
    private final Ingestions ingestions;
    private final DocumentIngestion ingestion;
    private final UrlFetcher urlFetcher;
    private final TextExtractor extractor;
    private final WorkspaceAccess access;
    private final CurrentUser currentUser;
    private final BrainProperties properties;
    private final EmbeddingCache embeddings;

    BrainService(BrainRepository brain, BrainSearch search, Ingestions ingestions, DocumentIngestion ingestion,
                 UrlFetcher urlFetcher, TextExtractor extractor, WorkspaceAccess access, CurrentUser currentUser,
                 BrainProperties properties, EmbeddingCache embeddings) {
        this.brain = brain;
        this.search = search;
        this.ingestions = ingestions;
        this.ingestion = ingestion;
        this.urlFetcher = urlFetcher;
        this.extractor = extractor;
        this.access = access;
        this.currentUser = currentUser;
        this.properties = properties;
        this.embeddings = embeddings;
    }

    // --- knowledge bases ---------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<KnowledgeBase> knowledgeBases(WorkspaceId workspace) {
        access.requireMember(workspace);
        return brain.knowledgeBases(workspace);
    }

    @Transactional
    public KnowledgeBaseId createKnowledgeBase(WorkspaceId workspace, String name, String description) {
        access.requireRole(workspace, WorkspaceRole.EDITOR);
        String checkedName = Inputs.requiredText("name", "Name", name, 80);
        String checkedDescription = Inputs.optionalText("description", "Description", description, 500);
        if (brain.knowledgeBaseNameTaken(workspace, checkedName, null)) {
            throw nameTaken(checkedName);
        }
        return brain.insertKnowledgeBase(workspace, checkedName, checkedDescription, currentUser.require());
    }

    /** Renames a knowledge base; names are unique in a workspace, whatever their case. Needs the editor role. */
    @Transactional
    public void renameKnowledgeBase(KnowledgeBaseId id, String name) {
        WorkspaceId workspace = requireKnowledgeBase(id, WorkspaceRole.EDITOR);
        String checkedName = Inputs.requiredText("name", "Name", name, 80);
        if (brain.knowledgeBaseNameTaken(workspace, checkedName, id)) {
            throw nameTaken(checkedName);
        }
        try {
            brain.renameKnowledgeBase(id, checkedName);
        } catch (DuplicateKeyException e) {
            // Another rename or creation took the name between the check and the update.
            throw nameTaken(checkedName);
        }
    }

    /** How many documents and passages the knowledge base holds: what deleting it would remove. */
    @Transactional(readOnly = true)
    public KnowledgeBaseSize knowledgeBaseSize(KnowledgeBaseId id) {
        requireKnowledgeBase(id, WorkspaceRole.VIEWER);
        return brain.knowledgeBaseSize(id);
    }

    /**
     * Deletes a knowledge base with all its documents and passages, in one transaction; agents using it stop
     * searching it. Its running ingestions are cancelled first. Needs the editor role. Returns what was removed.
     */
    @Transactional
    public KnowledgeBaseSize deleteKnowledgeBase(KnowledgeBaseId id) {
        WorkspaceId workspace = requireKnowledgeBase(id, WorkspaceRole.EDITOR);
        ingestions.cancelAll(id);
        KnowledgeBaseSize removed = brain.deleteKnowledgeBase(id);
        search.changed(workspace, -removed.passages());
        return removed;
    }

    // --- ingestion ---------------------------------------------------------------------------

    /**
     * The largest document Sintra takes, uploaded or fetched, in bytes ({@code sintra.brain.max-document-bytes}):
     * the one upload limit, which the views, the API and the servlet ({@link UploadLimit}) apply too. A setting,
     * not data: anyone may read it, the API description's anonymous readers included.
     */
    @PreAuthorize("permitAll()")
    public long maxDocumentBytes() {
        return properties.maxDocumentBytes();
    }

    /** {@link #maxDocumentBytes()} as a person reads it: "20 MB". */
    @PreAuthorize("permitAll()")
    public String maxDocumentSize() {
        return properties.maxDocumentSize();
    }

    /**
     * Tags as a person types them: comma-separated, in one field or in several (a form may repeat the field).
     * Blanks are dropped; case and length are checked when the tags are used.
     */
    public static List<String> splitTags(Collection<String> fields) {
        return fields == null ? List.of() : fields.stream().filter(Objects::nonNull)
                .flatMap(field -> Arrays.stream(field.split(","))).map(String::strip).filter(tag -> !tag.isEmpty()).toList();
    }

    /**
     * Checks the upload and queues its ingestion. Refused at once (nothing stored): empty, over-size,
     * unknown or unreadable files, and content already in the knowledge base.
     */
    public IngestionProgress ingest(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, DocumentUpload upload) {
        requireKnowledgeBaseToEdit(workspace, knowledgeBase);
        byte[] content = upload.content() == null ? new byte[0] : upload.content();
        if (content.length == 0) {
            throw new InvalidInputException("file", "The file is empty");
        }
        if (content.length > properties.maxDocumentBytes()) {
            throw new InvalidInputException("file", "The file is larger than " + properties.maxDocumentSize());
        }
        String name = Inputs.requiredText("file", "File name", upload.fileName(), 255);
        // Extracting here, not in the background, lets an unreadable file be refused at once.
        ExtractedText extracted = extractor.extract(content, name, upload.mediaType());
        if (brain.findByHash(knowledgeBase, DocumentIngestion.sha256(content)).isPresent()) {
            throw new InvalidInputException("file", name + " is already in this knowledge base");
        }
        IngestionTask task = new IngestionTask(workspace, knowledgeBase, currentUser.require(), name, content, extracted,
                null, checkedTags(upload.tags()), checkedCategory(upload.category()));
        return ingestions.start(workspace, knowledgeBase, name, job -> ingestion.run(job, task));
    }

    /** Checks the URL (scheme, public address) and queues fetching and ingesting it. */
    public IngestionProgress ingestUrl(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, String url, List<String> tags,
                                       String category) {
        requireKnowledgeBaseToEdit(workspace, knowledgeBase);
        URI uri = urlFetcher.check(url);
        IngestionTask task = new IngestionTask(workspace, knowledgeBase, currentUser.require(), uri.toString(), null,
                null, uri, checkedTags(tags), checkedCategory(category));
        return ingestions.start(workspace, knowledgeBase, uri.toString(), job -> ingestion.run(job, task));
    }

    public IngestionProgress ingestion(UUID jobId) {
        IngestionProgress progress = ingestions.progress(jobId).orElseThrow(() -> new NotFoundException("No such ingestion"));
        access.requireMember(progress.workspaceId());
        return progress;
    }

    public List<IngestionProgress> ingestions(WorkspaceId workspace) {
        access.requireMember(workspace);
        return ingestions.ofWorkspace(workspace);
    }

    public void cancelIngestion(UUID jobId) {
        IngestionProgress progress = ingestion(jobId);
        access.requireRole(progress.workspaceId(), WorkspaceRole.EDITOR);
        ingestions.cancel(jobId);
    }

    /** Tells the listener about every ingestion step in the workspace, until the subscription is cancelled. */
    public Subscription onIngestion(WorkspaceId workspace, Consumer<IngestionProgress> listener) {
        access.requireMember(workspace);
        Runnable unsubscribe = ingestions.subscribe(workspace, listener);
        return unsubscribe::run;
    }

    // --- documents ---------------------------------------------------------------------------

    /**
     * A page of the workspace's documents, newest first; {@code knowledgeBase} null for all. With
     * {@code activeOnly} false, deactivated documents are listed among the active ones.
     */
    @Transactional(readOnly = true)
    public List<BrainDocument> documents(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, boolean activeOnly,
                                         int offset, int limit) {
        access.requireMember(workspace);
        return brain.documents(workspace, knowledgeBase, activeOnly, offset, Math.min(limit, 500));
    }

    @Transactional(readOnly = true)
    public BrainDocument document(DocumentId id) {
        requireDocument(id, WorkspaceRole.VIEWER);
        return brain.document(id).orElseThrow(() -> new NotFoundException("Document not found"));
    }

    @Transactional(readOnly = true)
    public List<DocumentChunk> chunks(DocumentId id, int offset, int limit) {
        requireDocument(id, WorkspaceRole.VIEWER);
        return brain.chunks(id, offset, Math.min(limit, 500));
    }

    /** Deactivated documents stay stored but leave search at once. */
    @Transactional
    public void setActive(DocumentId id, boolean active) {
        WorkspaceId workspace = requireDocument(id, WorkspaceRole.EDITOR);
        if (brain.setActive(id, active)) {
            search.changed(workspace, 0);
        }
    }

    @Transactional
    public void delete(DocumentId id) {
        WorkspaceId workspace = requireDocument(id, WorkspaceRole.EDITOR);
        int chunks = brain.delete(id);
        search.changed(workspace, -chunks);
    }

    // --- search ------------------------------------------------------------------------------

    public List<SearchHit> search(WorkspaceId workspace, SearchRequest request) {
        access.requireMember(workspace);
        String query = request.query() == null ? "" : request.query().strip();
        if (query.isEmpty()) {
            throw new InvalidInputException("query", "Enter something to search for");
        }
        if (query.length() > properties.maxQueryLength()) {
            throw new InvalidInputException("query", "A query can be at most " + properties.maxQueryLength() + " characters");
        }
        if (request.k() < 1 || request.k() > properties.maxResults()) {
            throw new InvalidInputException("k", "k must be between 1 and " + properties.maxResults());
        }
        if (request.minScore() != null && (request.minScore() < -1 || request.minScore() > 1)) {
            throw new InvalidInputException("minScore", "minScore must be between -1 and 1");
        }
        for (KnowledgeBaseId knowledgeBase : request.knowledgeBases()) {
            if (!brain.workspaceOfKnowledgeBase(knowledgeBase).map(workspace::equals).orElse(false)) {
                throw new InvalidInputException("knowledgeBases", "No such knowledge base in this workspace");
            }
        }
        SearchRequest checked = new SearchRequest(query, request.k(), request.knowledgeBases().stream().distinct().sorted(
                java.util.Comparator.comparing(KnowledgeBaseId::value)).toList(), checkedTags(request.tags()),
                checkedCategory(request.category()), request.minScore());
        return search.search(workspace, checked);
    }

    /** The least similarity (cosine) a passage needs to be worth showing a person; the view's minScore. */
    public double relevantScore() {
        return properties.searchMinScore();
    }

    /**
     * The query's embedding, as {@link #search} would compute it (cached by text). Callers that search
     * and store in one go (a chat's grounding) embed once and use the vector twice.
     */
    public Embedding embedQuery(String query) {
        return embeddings.query(query);
    }

    /**
     * The passage half of a grounding statement over the given knowledge bases of the workspace (none:
     * no passages). Joins the caller's read transaction, which must exist: an index scan's planner
     * settings are local to it.
     */
    @Transactional(readOnly = true, propagation = Propagation.MANDATORY)
    public PassageQuery passageQuery(WorkspaceId workspace, Embedding query, int k, List<KnowledgeBaseId> knowledgeBases) {
        access.requireMember(workspace);
        if (k < 1 || k > properties.maxResults()) {
            throw new InvalidInputException("k", "k must be between 1 and " + properties.maxResults());
        }
        return search.passageQuery(workspace, query, k, knowledgeBases);
    }

    // --- checks ------------------------------------------------------------------------------

    private void requireKnowledgeBaseToEdit(WorkspaceId workspace, KnowledgeBaseId knowledgeBase) {
        access.requireRole(workspace, WorkspaceRole.EDITOR);
        if (knowledgeBase == null) {
            throw new InvalidInputException("knowledgeBase", "Choose a knowledge base (or create one) to add documents to");
        }
        if (!brain.workspaceOfKnowledgeBase(knowledgeBase).map(workspace::equals).orElse(false)) {
            throw new NotFoundException("Knowledge base not found");
        }
    }

    private WorkspaceId requireKnowledgeBase(KnowledgeBaseId id, WorkspaceRole role) {
        WorkspaceId workspace = brain.workspaceOfKnowledgeBase(id)
                .orElseThrow(() -> new NotFoundException("Knowledge base not found"));
        access.requireRole(workspace, role);
        return workspace;
    }

    private static InvalidInputException nameTaken(String name) {
        return new InvalidInputException("name", "This workspace already has a knowledge base named “" + name + "”");
    }

    private WorkspaceId requireDocument(DocumentId id, WorkspaceRole role) {
        WorkspaceId workspace = brain.workspaceOfDocument(id).orElseThrow(() -> new NotFoundException("Document not found"));
        access.requireRole(workspace, role);
        return workspace;
    }

    private static List<String> checkedTags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        List<String> checked = tags.stream().map(t -> t == null ? "" : t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).distinct().toList();
        if (checked.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "At most " + MAX_TAGS + " tags");
        }
        if (checked.stream().anyMatch(t -> t.length() > MAX_TAG_LENGTH)) {
            throw new InvalidInputException("tags", "A tag can be at most " + MAX_TAG_LENGTH + " characters");
        }
        return checked;
    }

    private static String checkedCategory(String category) {
        String checked = Inputs.optionalText("category", "Category", category, 80);
        return checked.isEmpty() ? null : checked;
    }

    // --- lookup by name (command palette) ------------------------------------------------------

    /** The workspace's knowledge bases whose name contains {@code text}, by name, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<KnowledgeBase> knowledgeBasesMatching(WorkspaceId workspace, String text, int limit) {
        access.requireMember(workspace);
        com.sintra.base.Lookup lookup = com.sintra.base.Lookup.of(text, limit);
        return lookup.isEmpty() ? List.of() : brain.knowledgeBasesMatching(workspace, lookup);
    }

    /** The workspace's active documents whose title contains {@code text}, newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<BrainDocument> documentsMatching(WorkspaceId workspace, String text, int limit) {
        access.requireMember(workspace);
        com.sintra.base.Lookup lookup = com.sintra.base.Lookup.of(text, limit);
        return lookup.isEmpty() ? List.of() : brain.documentsMatching(workspace, lookup);
    }
}
