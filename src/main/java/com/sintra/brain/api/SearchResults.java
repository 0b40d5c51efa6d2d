package com.sintra.brain.api;

import java.util.List;
import java.util.UUID;

import com.sintra.brain.SearchHit;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(description = "The passages found, most similar first")
record SearchResults(List<Result> results) {

    @Schema(name = "SearchResult", description = "A passage of a document, with what is needed to cite it")
    record Result(UUID documentId, String documentTitle,
                         @Schema(description = "The file name or URL the document came from") String source,
                         long chunkId,
                         @Schema(description = "The passage's place in its document, from 0") int position,
                         String content,
                         @Schema(description = "Cosine similarity to the query; 1 is identical meaning") double score) {

        static Result of(SearchHit hit) {
            return new Result(hit.documentId().value(), hit.documentTitle(), hit.source(), hit.chunkId(), hit.position(),
                    hit.content(), hit.score());
        }
    }

    static SearchResults of(List<SearchHit> hits) {
        return new SearchResults(hits.stream().map(Result::of).toList());
    }
}
