package com.sintra.chat.api;

import java.util.List;
import java.util.UUID;

import com.sintra.chat.ChatAnswer;
import com.sintra.chat.ChatMessage;
import com.sintra.chat.Citation;

import io.swagger.v3.oas.annotations.media.Schema;

/** A stored answer, as JSON returns it whole and as the last Server-Sent Event ({@code answer}) carries it. */
record ChatReply(UUID conversationId, long questionId, Answer answer) {

    /**
     * @param mode MODEL (written by the model), CACHED, OFFLINE (quoted from the passages, no model asked),
     *             STOPPED or INTERRUPTED (what had arrived)
     */
    record Answer(long id, String content,
                  @Schema(allowableValues = {"MODEL", "CACHED", "OFFLINE", "STOPPED", "INTERRUPTED"}) String mode,
                  List<Source> citations, String model, Integer promptTokens, Integer completionTokens,
                  Integer latencyMs, Integer firstTokenMs) {

        static Answer of(ChatMessage message) {
            return new Answer(message.id(), message.content(), message.mode().name(),
                    message.citations().stream().map(Source::of).toList(), message.model(), message.promptTokens(),
                    message.completionTokens(), message.latencyMs(), message.firstTokenMs());
        }
    }

    /**
     * A passage cited as [number]: in {@code question}, every passage the answer may cite; in an answer,
     * exactly those it cites (none when an offline answer found nothing close enough to quote).
     */
    record Source(int number, UUID documentId, String documentTitle, String source, long chunkId, String excerpt,
                  double score) {

        static Source of(Citation citation) {
            return new Source(citation.number(), citation.documentId().value(), citation.documentTitle(),
                    citation.source(), citation.chunkId(), citation.excerpt(), citation.score());
        }
    }

    /** The first Server-Sent Event ({@code question}): the stored question and what the answer may cite. */
    record Question(UUID conversationId, long questionId, List<Source> citations) {

        static Question of(ChatAnswer answer) {
            return new Question(answer.conversation().id().value(), answer.question().id(),
                    answer.citations().stream().map(Source::of).toList());
        }
    }

    /** More of the answer's text ({@code token} events). */
    record Token(String text) {
    }

    static ChatReply of(ChatAnswer answer, ChatMessage stored) {
        return new ChatReply(answer.conversation().id().value(), answer.question().id(), Answer.of(stored));
    }
}
