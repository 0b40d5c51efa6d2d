package com.sintra.chat;

/** How an answer came to be; shown beside it, so nobody mistakes a quoted passage for a model's words. */
public enum AnswerMode {
    /** Streamed by the model. */
    MODEL,
    /** The same question, context and agent settings were answered a moment ago: served from the cache. */
    CACHED,
    /** No model could be asked: the best passages, quoted with their citations. */
    OFFLINE,
    /** The user stopped the answer; what had arrived is kept. */
    STOPPED,
    /** The provider failed after it had started; what had arrived is kept. */
    INTERRUPTED
}
