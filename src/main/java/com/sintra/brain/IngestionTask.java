package com.sintra.brain;

import java.net.URI;
import java.util.List;

import com.sintra.account.UserId;
import com.sintra.workspace.WorkspaceId;

/**
 * One document to ingest: an upload, already extracted when it was checked, or a URL to fetch and extract.
 */
record IngestionTask(WorkspaceId workspace, KnowledgeBaseId knowledgeBase, UserId creator, String name,
                     byte[] content, ExtractedText extracted, URI url, List<String> tags, String category) {

    String source() {
        return url != null ? url.toString() : name;
    }
}
