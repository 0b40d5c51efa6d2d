package com.sintra.chat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.sintra.brain.SearchHit;

/**
 * What a question is answered from: the best passages (best first) and the conversation's messages worth
 * sending with it (oldest first): its latest ones, and earlier questions like this one with their answers.
 */
record Grounding(List<SearchHit> passages, List<HistoryMessage> history) {

    record HistoryMessage(long id, boolean fromUser, String content) {
    }

    Grounding {
        passages = distinct(passages);
        history = List.copyOf(history);
    }

    /**
     * The passages without repeats: the same chunk found twice, or the same text in two chunks (a document
     * uploaded twice, or into two knowledge bases). A repeat would be cited, and listed as a source, twice.
     * The first (best) of each is kept.
     */
    private static List<SearchHit> distinct(List<SearchHit> passages) {
        Set<Long> chunks = new HashSet<>();
        Set<String> texts = new HashSet<>();
        List<SearchHit> distinct = new ArrayList<>(passages.size());
        for (SearchHit passage : passages) {
            boolean newChunk = chunks.add(passage.chunkId());
            boolean newText = texts.add(AnswerPrompt.normalised(passage.content()));
            if (newChunk && newText) {
                distinct.add(passage);
            }
        }
        return List.copyOf(distinct);
    }
}
