package com.sintra.chat;

import java.util.List;

/** An answer as it is stored once finished (or stopped, or interrupted); a question stores only its content. */
record StoredAnswer(String content, List<Citation> citations, AnswerMode mode, String model, Integer promptTokens,
                    Integer completionTokens, Integer latencyMs, Integer firstTokenMs) {
}
