package com.sintra.brain;

/**
 * A passage of a document, the unit that is embedded and retrieved.
 *
 * @param position   its order in the document, from 0
 * @param content    the passage, starting and ending on a word boundary
 * @param tokenCount its estimated size in model tokens (see {@link Chunker#estimateTokens(int)})
 */
record Chunk(int position, String content, int tokenCount) {
}
