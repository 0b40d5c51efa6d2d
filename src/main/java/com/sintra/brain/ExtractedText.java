package com.sintra.brain;

/**
 * A document's readable text, as {@link TextExtractor} found it.
 *
 * @param title     the document's own title, or its file name when it has none
 * @param text      paragraphs separated by blank lines; never blank
 * @param mediaType what the document turned out to be, e.g. {@code text/markdown}
 */
record ExtractedText(String title, String text, String mediaType) {
}
