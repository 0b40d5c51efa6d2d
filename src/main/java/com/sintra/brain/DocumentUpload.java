package com.sintra.brain;

import java.util.List;

/** A file to add to a knowledge base, as the upload or the API received it. */
public record DocumentUpload(String fileName, String mediaType, byte[] content, List<String> tags, String category) {

    public DocumentUpload {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
