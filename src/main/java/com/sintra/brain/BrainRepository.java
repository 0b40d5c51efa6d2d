package com.sintra.brain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.pgvector.PGvector;
import com.sintra.account.UserId;
import com.sintra.base.QueryTimer;
import com.sintra.workspace.WorkspaceId;

@Repository
class BrainRepository {

    static final String KNOWLEDGE_BASES_OF_WORKSPACE = """
            SELECT id, workspace_id, name, description, created_at FROM knowledge_bases
            WHERE workspace_id = :workspace ORDER BY created_at, id""";

    private static final String DOCUMENTS_OF_STATE = """
            SELECT id, knowledge_base_id, title, source, media_type, size_bytes, chunk_count, is_active, metadata, created_at
            FROM brain_documents
            WHERE workspace_id = :workspace AND is_active = %s
              AND (CAST(:knowledgeBase AS uuid) IS NULL OR knowledge_base_id = CAST(:knowledgeBase AS uuid))
            ORDER BY created_at DESC, id""";

    static final String DOCUMENTS_PAGE = DOCUMENTS_OF_STATE.formatted("true") + " LIMIT :limit OFFSET :offset";

    /**
     * Active and deactivated documents, newest first. Two ordered scans of the (workspace, active, created)
     * index, each cut at the page's end, merged: one scan of both states would sort the whole workspace.
     */
    static final String DOCUMENTS_PAGE_ALL = """
            (%s LIMIT :offset + :limit) UNION ALL (%s LIMIT :offset + :limit)
            ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset""".formatted(
            DOCUMENTS_OF_STATE.formatted("true"), DOCUMENTS_OF_STATE.formatted("false"));

    static final String STATE = """
            SELECT version, chunk_count, vector_index FROM brain_workspace_state WHERE workspace_id = :workspace""";

    /** The chunk filters both search forms share: workspace, active, knowledge bases, document metadata. */
    private static final String CHUNK_FILTER = """
            c.workspace_id = :workspace AND c.active
              AND (CAST(:knowledgeBases AS uuid[]) IS NULL OR c.knowledge_base_id = ANY (CAST(:knowledgeBases AS uuid[])))
              AND (CAST(:documentFilter AS jsonb) IS NULL OR c.document_id IN (
                    SELECT d.id FROM brain_documents d
                    WHERE d.workspace_id = :workspace AND d.metadata @> CAST(:documentFilter AS jsonb)))""";

    /** The passages found, with what citing them needs; follows a CTE named {@code nearest(id, distance)}. */
    private static final String PASSAGES = """
            passages AS (
                SELECT c.id AS chunk_id, c.document_id, c.position, c.content, d.title, d.source, n.distance
                FROM nearest n JOIN brain_chunks c ON c.id = n.id JOIN brain_documents d ON d.id = c.document_id
            )""";

    /**
     * Every active chunk the filters leave, scored, if {@code condition} holds. The materialized scoring keeps the
     * planner off the shared HNSW index, whose filtered scans lose recall in small workspaces.
     */
    private static String scored(String condition) {
        return """
                scored AS MATERIALIZED (
                    SELECT c.id, c.embedding <=> :query AS distance FROM brain_chunks c WHERE %s AND %s
                )""".formatted(condition, CHUNK_FILTER);
    }

    /** Exact nearest chunks: every active chunk of the workspace is scored. */
    static final String PASSAGES_EXACT = """
            %s, nearest AS (
                SELECT id, distance FROM scored ORDER BY distance LIMIT :k
            ), %s""".formatted(scored("true"), PASSAGES);

    /**
     * Approximate nearest chunks through an HNSW index (the workspace's own partial index when it has one), run
     * with hnsw.iterative_scan: the scan goes on past its candidate list until k rows pass the filters. It gives
     * up after hnsw.max_scan_tuples index tuples, or sooner when its memory (work_mem × hnsw.scan_mem_multiplier)
     * runs out, so filters that leave few chunks among many can leave it short of k.
     */
    static final String INDEX_SCAN = """
            indexed AS MATERIALIZED (
                SELECT c.id, c.embedding <=> :query AS distance FROM brain_chunks c WHERE %s
                ORDER BY c.embedding <=> :query LIMIT :k
            )""".formatted(CHUNK_FILTER);

    /**
     * The index scan's rows, or, when it came back short of k, the exact scan's: k rows whenever k chunks match,
     * in one statement. The exact scan is planned with the statement but, behind its one-time filter on the
     * index scan's count, runs only when the index scan was short; it then reads the workspace b-tree, which
     * is cheap exactly when the filters leave few chunks (docs/decisions/0004).
     */
    static final String PASSAGES_INDEXED = """
            %s, %s, nearest AS (
                SELECT id, distance FROM indexed WHERE (SELECT count(*) FROM indexed) >= :k
                UNION ALL
                (SELECT id, distance FROM scored ORDER BY distance LIMIT :k)
            ), %s""".formatted(INDEX_SCAN, scored("(SELECT count(*) FROM indexed) < :k"), PASSAGES);

    /** No passages, in the same columns: for an agent without knowledge bases or an empty brain. */
    static final String PASSAGES_NONE = """
            passages AS (
                SELECT NULL::bigint AS chunk_id, NULL::uuid AS document_id, NULL::int AS position, NULL::text AS content,
                       NULL::text AS title, NULL::text AS source, NULL::float8 AS distance
                WHERE false
            )""";

    static final String SEARCH_EXACT = passagesAlone(PASSAGES_EXACT);

    static final String SEARCH_INDEXED = passagesAlone(PASSAGES_INDEXED);

    /** A statement of the passage expressions alone, best first. */
    static String passagesAlone(String ctes) {
        return "WITH " + ctes + "\nSELECT * FROM passages ORDER BY distance";
    }

    record State(long version, long chunkCount, String vectorIndex) {
        static final State EMPTY = new State(0, 0, null);
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final QueryTimer timer;

    BrainRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate, QueryTimer timer) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.timer = timer;
    }

    // --- knowledge bases ---------------------------------------------------------------------

    KnowledgeBaseId insertKnowledgeBase(WorkspaceId workspace, String name, String description, UserId creator) {
        return new KnowledgeBaseId(jdbc.sql("""
                        INSERT INTO knowledge_bases (workspace_id, name, description, created_by)
                        VALUES (:workspace, :name, :description, :creator) RETURNING id""")
                .param("workspace", workspace.value()).param("name", name).param("description", description)
                .param("creator", creator.value()).query(UUID.class).single());
    }

    /** Whether another knowledge base of the workspace than {@code except} (null: any) has this name, in any case. */
    boolean knowledgeBaseNameTaken(WorkspaceId workspace, String name, KnowledgeBaseId except) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM knowledge_bases WHERE workspace_id = :workspace AND lower(name) = lower(:name)
                                       AND (CAST(:except AS uuid) IS NULL OR id <> CAST(:except AS uuid)))""")
                .param("workspace", workspace.value()).param("name", name)
                .param("except", except == null ? null : except.value()).query(Boolean.class).single();
    }

    void renameKnowledgeBase(KnowledgeBaseId id, String name) {
        jdbc.sql("UPDATE knowledge_bases SET name = :name WHERE id = :id").param("name", name).param("id", id.value()).update();
    }

    KnowledgeBaseSize knowledgeBaseSize(KnowledgeBaseId id) {
        return jdbc.sql("SELECT count(*), coalesce(sum(chunk_count), 0) FROM brain_documents WHERE knowledge_base_id = :id")
                .param("id", id.value()).query((rs, n) -> new KnowledgeBaseSize(rs.getLong(1), rs.getLong(2))).single();
    }

    /**
     * Deletes a knowledge base with its documents (and, by cascade, their passages); returns what went. The row
     * lock comes first: an ingestion storing into it meanwhile either committed before (and its document goes
     * too) or waits and then fails on the missing knowledge base, so no document outlives it.
     */
    KnowledgeBaseSize deleteKnowledgeBase(KnowledgeBaseId id) {
        jdbc.sql("SELECT id FROM knowledge_bases WHERE id = :id FOR UPDATE").param("id", id.value()).query(UUID.class).optional();
        KnowledgeBaseSize removed = jdbc.sql("""
                        WITH removed AS (DELETE FROM brain_documents WHERE knowledge_base_id = :id RETURNING chunk_count)
                        SELECT count(*), coalesce(sum(chunk_count), 0) FROM removed""")
                .param("id", id.value()).query((rs, n) -> new KnowledgeBaseSize(rs.getLong(1), rs.getLong(2))).single();
        jdbc.sql("DELETE FROM knowledge_bases WHERE id = :id").param("id", id.value()).update();
        return removed;
    }

    List<KnowledgeBase> knowledgeBases(WorkspaceId workspace) {
        return jdbc.sql(KNOWLEDGE_BASES_OF_WORKSPACE).param("workspace", workspace.value())
                .query((rs, n) -> knowledgeBase(rs)).list();
    }

    /** The workspace a knowledge base belongs to; empty when it does not exist. */
    Optional<WorkspaceId> workspaceOfKnowledgeBase(KnowledgeBaseId id) {
        return jdbc.sql("SELECT workspace_id FROM knowledge_bases WHERE id = :id").param("id", id.value())
                .query(UUID.class).optional().map(WorkspaceId::new);
    }

    // --- documents ---------------------------------------------------------------------------

    Optional<WorkspaceId> workspaceOfDocument(DocumentId id) {
        return jdbc.sql("SELECT workspace_id FROM brain_documents WHERE id = :id").param("id", id.value())
                .query(UUID.class).optional().map(WorkspaceId::new);
    }

    Optional<DocumentId> findByHash(KnowledgeBaseId knowledgeBase, String contentHash) {
        return jdbc.sql("SELECT id FROM brain_documents WHERE knowledge_base_id = :kb AND content_hash = :hash")
                .param("kb", knowledgeBase.value()).param("hash", contentHash).query(UUID.class).optional()
                .map(DocumentId::new);
    }

    DocumentId insertDocument(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, String title, String source,
                              String mediaType, long sizeBytes, String contentHash, int chunkCount, String metadataJson,
                              UserId creator) {
        return new DocumentId(jdbc.sql("""
                        INSERT INTO brain_documents (workspace_id, knowledge_base_id, title, source, media_type, size_bytes,
                                                     content_hash, chunk_count, metadata, created_by)
                        VALUES (:workspace, :kb, :title, :source, :mediaType, :size, :hash, :chunks, CAST(:metadata AS jsonb), :creator)
                        RETURNING id""")
                .param("workspace", workspace.value()).param("kb", knowledgeBase.value()).param("title", title)
                .param("source", source).param("mediaType", mediaType).param("size", sizeBytes)
                .param("hash", contentHash).param("chunks", chunkCount).param("metadata", metadataJson)
                .param("creator", creator.value())
                .query(UUID.class).single());
    }

    /** Inserts a document's chunks in batches; the caller's transaction makes them appear all at once. */
    void insertChunks(DocumentId document, WorkspaceId workspace, KnowledgeBaseId knowledgeBase, List<Chunk> chunks,
                      List<float[]> vectors) {
        List<Object[]> rows = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            rows.add(new Object[] {document.value(), workspace.value(), knowledgeBase.value(), chunk.position(),
                    chunk.content(), chunk.tokenCount(), new PGvector(vectors.get(i))});
        }
        jdbcTemplate.batchUpdate("""
                INSERT INTO brain_chunks (document_id, workspace_id, knowledge_base_id, position, content, token_count, embedding)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", rows);
    }

    List<BrainDocument> documents(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, boolean activeOnly, int offset, int limit) {
        return jdbc.sql(activeOnly ? DOCUMENTS_PAGE : DOCUMENTS_PAGE_ALL).param("workspace", workspace.value())
                .param("knowledgeBase", knowledgeBase == null ? null : knowledgeBase.value())
                .param("limit", limit).param("offset", offset)
                .query((rs, n) -> document(rs)).list();
    }

    Optional<BrainDocument> document(DocumentId id) {
        return jdbc.sql("""
                        SELECT id, knowledge_base_id, title, source, media_type, size_bytes, chunk_count, is_active, metadata, created_at
                        FROM brain_documents WHERE id = :id""")
                .param("id", id.value()).query((rs, n) -> document(rs)).optional();
    }

    List<DocumentChunk> chunks(DocumentId id, int offset, int limit) {
        return jdbc.sql("""
                        SELECT position, content, token_count FROM brain_chunks WHERE document_id = :id
                        ORDER BY position LIMIT :limit OFFSET :offset""")
                .param("id", id.value()).param("limit", limit).param("offset", offset)
                .query((rs, n) -> new DocumentChunk(rs.getInt(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** Sets a document's and its chunks' active flag; returns false when nothing changed. */
    boolean setActive(DocumentId id, boolean active) {
        int documents = jdbc.sql("UPDATE brain_documents SET is_active = :active, updated_at = now() WHERE id = :id AND is_active <> :active")
                .param("active", active).param("id", id.value()).update();
        if (documents == 0) {
            return false;
        }
        jdbc.sql("UPDATE brain_chunks SET active = :active WHERE document_id = :id")
                .param("active", active).param("id", id.value()).update();
        return true;
    }

    /** Deletes a document and (by cascade) its chunks; returns how many chunks went with it. */
    int delete(DocumentId id) {
        return jdbc.sql("DELETE FROM brain_documents WHERE id = :id RETURNING chunk_count")
                .param("id", id.value()).query(Integer.class).optional().orElse(0);
    }

    // --- workspace state ---------------------------------------------------------------------

    State state(WorkspaceId workspace) {
        return timer.time("brain.state", () -> jdbc.sql(STATE).param("workspace", workspace.value())
                .query((rs, n) -> new State(rs.getLong(1), rs.getLong(2), rs.getString(3)))
                .optional().orElse(State.EMPTY));
    }

    /**
     * Records a change of the workspace's brain: a new version, and the chunk count moved by {@code chunkDelta}.
     * Changes go through {@link BrainSearch#changed}, which also drops the state it keeps for grounding.
     */
    State changed(WorkspaceId workspace, long chunkDelta) {
        return jdbc.sql("""
                        INSERT INTO brain_workspace_state AS s (workspace_id, version, chunk_count) VALUES (:workspace, 1, :delta)
                        ON CONFLICT (workspace_id) DO UPDATE
                        SET version = s.version + 1, chunk_count = s.chunk_count + :delta, updated_at = now()
                        RETURNING version, chunk_count, vector_index""")
                .param("workspace", workspace.value()).param("delta", chunkDelta)
                .query((rs, n) -> new State(rs.getLong(1), rs.getLong(2), rs.getString(3))).single();
    }

    /** Through {@link BrainSearch#recordVectorIndex}, as {@link #changed}. */
    void recordVectorIndex(WorkspaceId workspace, String indexName) {
        jdbc.sql("UPDATE brain_workspace_state SET vector_index = :name WHERE workspace_id = :workspace")
                .param("name", indexName).param("workspace", workspace.value()).update();
    }

    // --- search ------------------------------------------------------------------------------

    List<SearchHit> search(String sql, WorkspaceId workspace, float[] query, int k, List<KnowledgeBaseId> knowledgeBases,
                           String documentFilterJson) {
        return search(sql, workspace, new Embedding(query), k, knowledgeBases, documentFilterJson);
    }

    List<SearchHit> search(String sql, WorkspaceId workspace, Embedding query, int k, List<KnowledgeBaseId> knowledgeBases,
                           String documentFilterJson) {
        var statement = jdbc.sql(sql);
        searchParameters(workspace, query, k, knowledgeBases, documentFilterJson).forEach(statement::param);
        // Timed by form: an exact scan and an index search differ by an order of magnitude.
        return timer.time(sql.equals(SEARCH_EXACT) ? "brain.search.exact" : "brain.search.indexed",
                () -> statement.query((rs, n) -> PassageQuery.hit(rs)).list());
    }

    /** The named parameters of the passage expressions; null arrays and filters mean "no filter". */
    static Map<String, Object> searchParameters(WorkspaceId workspace, Embedding query, int k,
                                                         List<KnowledgeBaseId> knowledgeBases, String documentFilterJson) {
        String kbArray = knowledgeBases.isEmpty() ? null
                : knowledgeBases.stream().map(KnowledgeBaseId::toString).collect(Collectors.joining(",", "{", "}"));
        var parameters = new HashMap<String, Object>();
        parameters.put("workspace", workspace.value());
        parameters.put("query", query.parameter());
        parameters.put("k", k);
        parameters.put("knowledgeBases", kbArray);
        parameters.put("documentFilter", documentFilterJson);
        return parameters;
    }

    /**
     * Transaction-local settings for an index search: the candidate list ({@code :ef}), iterative scans and their
     * budget ({@code :maxScanTuples}, see {@link #INDEX_SCAN}), and plans made for the actual workspace, whose own
     * partial index only a plan with the workspace id as a value can use. The planner prices the exact fallback
     * of {@link #PASSAGES_INDEXED} as if it always ran, hence two more: JIT compilation is off, since that price
     * lifted the statement over jit_above_cost and cost 55-80 ms of compiling per search in a probe, for a
     * fallback that mostly never runs; and sequential scans are off, so the fallback reads the workspace's b-tree
     * even where the workspace is a large share of the table (a seq scan would then cost about the same, and
     * elsewhere far more). Values are bound, never spliced into SQL.
     */
    static final String HNSW_SETTINGS = """
            SELECT set_config('hnsw.ef_search', :ef, true), set_config('hnsw.iterative_scan', 'relaxed_order', true),
                   set_config('hnsw.max_scan_tuples', :maxScanTuples, true), set_config('jit', 'off', true),
                   set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true)""";

    void useHnswSettings(int efSearch, int maxScanTuples) {
        jdbc.sql(HNSW_SETTINGS).param("ef", Integer.toString(efSearch)).param("maxScanTuples", Integer.toString(maxScanTuples))
                .query((rs, n) -> 1).list();
    }

    // --- mapping -----------------------------------------------------------------------------

    private static KnowledgeBase knowledgeBase(ResultSet rs) throws SQLException {
        return new KnowledgeBase(new KnowledgeBaseId(rs.getObject("id", UUID.class)),
                new WorkspaceId(rs.getObject("workspace_id", UUID.class)), rs.getString("name"),
                rs.getString("description"), rs.getTimestamp("created_at").toInstant());
    }

    private static BrainDocument document(ResultSet rs) throws SQLException {
        DocumentMetadata metadata = DocumentMetadata.fromJson(rs.getString("metadata"));
        return new BrainDocument(new DocumentId(rs.getObject("id", UUID.class)),
                new KnowledgeBaseId(rs.getObject("knowledge_base_id", UUID.class)), rs.getString("title"),
                rs.getString("source"), rs.getString("media_type"), rs.getLong("size_bytes"), rs.getInt("chunk_count"),
                rs.getBoolean("is_active"), metadata.tags(), metadata.category(), rs.getTimestamp("created_at").toInstant());
    }

    // --- lookup by name (command palette) ------------------------------------------------------

    /** Read off knowledge_bases_workspace_name_key, in name order, stopped at the limit. */
    static final String KNOWLEDGE_BASES_MATCHING = """
            SELECT id, workspace_id, name, description, created_at FROM knowledge_bases
            WHERE workspace_id = :workspace AND lower(name) LIKE :pattern
            ORDER BY lower(name), id LIMIT :limit""";

    /** Read off brain_documents_workspace_active_created_idx (the workspace's active documents), newest first. */
    static final String DOCUMENTS_MATCHING = """
            SELECT id, knowledge_base_id, title, source, media_type, size_bytes, chunk_count, is_active, metadata, created_at
            FROM brain_documents
            WHERE workspace_id = :workspace AND is_active AND lower(title) LIKE :pattern
            ORDER BY created_at DESC, id LIMIT :limit""";

    List<KnowledgeBase> knowledgeBasesMatching(WorkspaceId workspace, com.sintra.base.Lookup lookup) {
        return jdbc.sql(KNOWLEDGE_BASES_MATCHING).param("workspace", workspace.value()).param("pattern", lookup.pattern())
                .param("limit", lookup.limit()).query((rs, n) -> knowledgeBase(rs)).list();
    }

    List<BrainDocument> documentsMatching(WorkspaceId workspace, com.sintra.base.Lookup lookup) {
        return jdbc.sql(DOCUMENTS_MATCHING).param("workspace", workspace.value()).param("pattern", lookup.pattern())
                .param("limit", lookup.limit()).query((rs, n) -> document(rs)).list();
    }
}
