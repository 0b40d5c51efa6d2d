package com.sintra.brain.ui;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.sintra.base.InvalidInputException;
import com.sintra.base.NotFoundException;
import com.sintra.base.Subscription;
import com.sintra.base.ui.FieldErrors;
import com.sintra.brain.BrainService;
import com.sintra.brain.DocumentUpload;
import com.sintra.brain.IngestionProgress;
import com.sintra.brain.KnowledgeBaseId;
import com.sintra.workspace.Workspace;
import com.sintra.workspace.WorkspaceRole;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadEvent;

/**
 * Upload files (several at once) or fetch a URL into the chosen knowledge base. Each ingestion shows
 * a progress bar, pushed live from the server, and a cancel button.
 */
class AddDocumentsPanel extends VerticalLayout {

    static final String REFUSAL_HEADER = "X-Sintra-Refused";
    private static final List<String> ACCEPTED_TYPES = List.of(".txt", ".md", ".markdown", ".html", ".htm", ".pdf",
            "text/plain", "text/markdown", "text/html", "application/pdf");

    private final BrainService brain;
    private final Workspace workspace;
    private final KnowledgeBasePicker knowledgeBases;
    private final TextField tags = new TextField("Tags");
    private final TextField category = new TextField("Category");
    private final VerticalLayout progressList = new VerticalLayout();
    private final Map<UUID, IngestionRow> rows = new LinkedHashMap<>();
    private Subscription subscription;

    AddDocumentsPanel(BrainService brain, Workspace workspace, KnowledgeBasePicker knowledgeBases) {
        this.brain = brain;
        this.workspace = workspace;
        this.knowledgeBases = knowledgeBases;
        setPadding(false);
        if (!workspace.myRole().atLeast(WorkspaceRole.EDITOR)) {
            add(new Paragraph("Viewers can search and read the brain; ask an owner for the editor role to add documents."));
            return;
        }
        tags.setPlaceholder("comma-separated");
        category.setMaxLength(80);
        add(new Paragraph("Plain text, Markdown, HTML and PDF, up to " + brain.maxDocumentSize()
                        + " each. Documents go into the knowledge base chosen above."),
                Wrapping.row(tags, category), upload(), urlForm(), progressList);
        progressList.setPadding(false);
    }

    private Upload upload() {
        Upload upload = new Upload(this::receive);
        upload.setId("brain-upload");
        upload.setMaxFileSize(Math.toIntExact(brain.maxDocumentBytes()));
        upload.setAcceptedFileTypes(ACCEPTED_TYPES.toArray(String[]::new));
        // Vaadin's list marks every file the server answered with 200 as done. The server answers a refused
        // file with its reason in a header, which becomes that file's error, so its row says why, in red.
        upload.getElement().executeJs("""
                this.addEventListener('upload-response', e => {
                    const reason = e.detail.xhr.getResponseHeader($0);
                    if (reason) {
                        e.detail.file.error = decodeURIComponent(reason);
                    }
                });""", REFUSAL_HEADER);
        // Files the browser turns away (type, size) never reach the server nor Vaadin's list: they get a row here,
        // with Sintra's reason rather than Vaadin's generic "Incorrect File Type."
        upload.addFileRejectedListener(e -> show(IngestionProgress.refused(workspace.id(), e.getFileName(),
                rejectionReason(e.getFileName()))));
        return upload;
    }

    /** Runs in the upload's own request: the UI is changed only through UI.access. */
    private void receive(UploadEvent event) throws IOException {
        byte[] bytes = event.getInputStream().readAllBytes();
        UI ui = event.getUI();
        try {
            // The subscription shows the new ingestion's row: progress arrives from its first step on.
            brain.ingest(workspace.id(), selectedKnowledgeBase(),
                    new DocumentUpload(event.getFileName(), event.getContentType(), bytes, tagList(), category.getValue()));
        } catch (InvalidInputException | NotFoundException e) {
            event.getResponse().setHeader(REFUSAL_HEADER, URLEncoder.encode(e.getMessage(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            ui.access(() -> show(IngestionProgress.refused(workspace.id(), event.getFileName(), e.getMessage())));
        }
    }

    /** Why the browser turned a file away: a type Sintra cannot read, or else its size. */
    private String rejectionReason(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot);
        if (!ACCEPTED_TYPES.contains(extension)) {
            return DocumentUpload.unreadable(extension.isEmpty() ? "these" : extension);
        }
        return "The file is larger than " + brain.maxDocumentSize();
    }

    private HorizontalLayout urlForm() {
        TextField url = new TextField("Web page or file URL");
        url.setId("brain-url");
        url.setPlaceholder("https://…");
        Wrapping.growing(url, "16rem", "32rem");
        FieldErrors errors = new FieldErrors().field("url", url).field("tags", tags).field("category", category);
        Button fetch = new Button("Fetch", e -> {
            if (errors.attempt(() -> brain.ingestUrl(workspace.id(), selectedKnowledgeBase(), url.getValue(),
                    tagList(), category.getValue()))) {
                url.clear();
            }
        });
        return Wrapping.row(url, fetch);
    }

    /** None when none is chosen: the service refuses that, with the message shown. */
    private KnowledgeBaseId selectedKnowledgeBase() {
        return knowledgeBases.selected().orElse(null);
    }

    private List<String> tagList() {
        return BrainService.splitTags(List.of(tags.getValue()));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        if (!workspace.myRole().atLeast(WorkspaceRole.EDITOR)) {
            return;
        }
        UI ui = event.getUI();
        brain.ingestions(workspace.id()).forEach(this::show);
        subscription = brain.onIngestion(workspace.id(), progress -> ui.access(() -> show(progress)));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.cancel();
            subscription = null;
        }
    }

    private void show(IngestionProgress progress) {
        IngestionRow row = rows.computeIfAbsent(progress.jobId(), id -> {
            IngestionRow created = new IngestionRow(progress, () -> brain.cancelIngestion(id));
            progressList.addComponentAsFirst(created);
            return created;
        });
        row.update(progress);
    }
}
