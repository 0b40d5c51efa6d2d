package com.sintra.chat;

import java.util.List;

import com.sintra.brain.SearchHit;

/**
 * What a question is answered from: the best passages (best first) and the conversation's messages worth
 * sending with it (oldest first): its latest ones, and earlier questions like this one with their answers.
 */
record Grounding(List<SearchHit> passages, List<HistoryMessage> history) {

    record HistoryMessage(long id, boolean fromUser, String content) {
    }

    Grounding {
        passages = List.copyOf(passages);
        history = List.copyOf(history);
    }
}
