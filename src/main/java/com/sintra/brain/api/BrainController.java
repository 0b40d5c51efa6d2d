package com.sintra.brain.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import com.sintra.api.ApiController;
import com.sintra.base.InvalidInputException;
import com.sintra.brain.BrainService;
import com.sintra.brain.DocumentUpload;
import com.sintra.brain.IngestionProgress;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.brain.SearchRequest;
import com.sintra.workspace.WorkspaceId;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The brain over HTTP: each endpoint checks its request's shape and hands it to {@link BrainService}. */
@Tag(name = "Brain", description = "Semantic search and documents of a workspace")
@ApiController
@RequestMapping(path = "/api/v1/brain", produces = MediaType.APPLICATION_JSON_VALUE)
class BrainController {

    private static final String ADD_DOCUMENT = "Add a document to a knowledge base: upload a file, or give a URL to fetch";
    // {uploadLimit}: filled in from the brain's setting by BrainApiConfiguration.
    private static final String ADD_DOCUMENT_DETAILS = """
            Send multipart/form-data with a `file` (.txt, .md, .html or .pdf; at most {uploadLimit} unless configured \
            otherwise), or JSON with a `url`. Returns at once with the ingestion's status; the document is extracted, \
            embedded and stored in the background. Poll the Location header until the status is DONE, FAILED or \
            CANCELLED.""";

    /**
     * How both POST /documents methods are described: springdoc merges them into one operation, so each
     * describes it whole.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Operation(operationId = "addDocument", summary = ADD_DOCUMENT, description = ADD_DOCUMENT_DETAILS)
    @ApiResponse(responseCode = "202", description = "Queued; poll the Location header for progress")
    @ApiResponse(responseCode = "403", description = "The key's owner may read this workspace but not change it",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = ApiController.PROBLEM_SCHEMA)))
    @ApiResponse(responseCode = "413", description = "The upload is larger than the limit",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(ref = ApiController.PROBLEM_SCHEMA)))
    @interface AddDocument {
    }

    private final BrainService brain;

    BrainController(BrainService brain) {
        this.brain = brain;
    }

    @Operation(summary = "Search a workspace's brain by meaning")
    @PostMapping(path = "/search", consumes = MediaType.APPLICATION_JSON_VALUE)
    SearchResults search(@RequestBody SearchQuery query) {
        List<KnowledgeBaseId> knowledgeBases = query.knowledgeBaseIds() == null ? List.of()
                : query.knowledgeBaseIds().stream().map(id -> new KnowledgeBaseId(required("knowledgeBaseIds", id))).toList();
        SearchRequest request = new SearchRequest(query.query(), query.k() == null ? SearchQuery.DEFAULT_K : query.k(),
                knowledgeBases, query.tags(), query.category(), query.minScore());
        return SearchResults.of(brain.search(workspace(query.workspaceId()), request));
    }

    @AddDocument
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<IngestionStatus> upload(
            @RequestPart("file") MultipartFile file,
            // Parts rather than parameters, so the OpenAPI description lists them as required fields of the form.
            @Parameter(schema = @Schema(format = "uuid")) @RequestPart("workspaceId") String workspaceId,
            @Parameter(schema = @Schema(format = "uuid")) @RequestPart("knowledgeBaseId") String knowledgeBaseId,
            @Parameter(description = "Comma-separated, or the field repeated")
            @RequestParam(name = "tags", required = false) List<String> tags,
            @RequestParam(name = "category", required = false) String category) {
        DocumentUpload upload = new DocumentUpload(file.getOriginalFilename(), file.getContentType(), bytes(file),
                BrainService.splitTags(tags), category);
        WorkspaceId workspace = WorkspaceId.parse(workspaceId.strip()).orElseThrow(() -> notAUuid("workspaceId"));
        KnowledgeBaseId knowledgeBase = KnowledgeBaseId.parse(knowledgeBaseId.strip())
                .orElseThrow(() -> notAUuid("knowledgeBaseId"));
        return accepted(brain.ingest(workspace, knowledgeBase, upload));
    }

    @AddDocument
    @PostMapping(path = "/documents", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IngestionStatus> ingestUrl(@RequestBody UrlDocument document) {
        return accepted(brain.ingestUrl(workspace(document.workspaceId()), knowledgeBase(document.knowledgeBaseId()),
                required("url", document.url()), document.tags(), document.category()));
    }

    @Operation(summary = "How adding a document is going")
    @GetMapping("/ingestions/{id}")
    IngestionStatus ingestion(@PathVariable("id") UUID id) {
        return IngestionStatus.of(brain.ingestion(id));
    }

    private static ResponseEntity<IngestionStatus> accepted(IngestionProgress progress) {
        URI status = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/brain/ingestions/{id}").buildAndExpand(progress.jobId()).toUri();
        return ResponseEntity.accepted().location(status).body(IngestionStatus.of(progress));
    }

    private static WorkspaceId workspace(UUID id) {
        return new WorkspaceId(required("workspaceId", id));
    }

    private static KnowledgeBaseId knowledgeBase(UUID id) {
        return new KnowledgeBaseId(required("knowledgeBaseId", id));
    }

    private static InvalidInputException notAUuid(String field) {
        return new InvalidInputException(field, field + " must be a UUID");
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        return value;
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the uploaded file", e);
        }
    }
}
