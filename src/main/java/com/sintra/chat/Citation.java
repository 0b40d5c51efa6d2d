package com.sintra.chat;

import com.sintra.brain.DocumentId;

/**
 * A passage an answer drew on; {@code number} is the [n] the answer cites it by.
 *
 * @param excerpt the passage's beginning, for a tooltip or a list of sources
 */
public record Citation(int number, DocumentId documentId, String documentTitle, String source, long chunkId,
                       int position, String excerpt, double score) {
}
