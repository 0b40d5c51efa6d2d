package com.sintra.brain;

import java.util.List;

/** A file to add to a knowledge base, as the upload or the API received it. */
public record DocumentUpload(String fileName, String mediaType, byte[] content, List<String> tags, String category) {

    /** The formats Sintra reads, as a person names them. */
    public static final String ACCEPTED_FORMATS = "plain text (.txt), Markdown (.md), HTML (.html) or PDF (.pdf)";

    public DocumentUpload {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Why a file of this kind ({@code .exe}, {@code image/png}) is refused, naming what is accepted. */
    public static String unreadable(String kind) {
        return "Sintra cannot read " + kind + " files. Upload " + ACCEPTED_FORMATS;
    }
}
