package com.sintra.collaboration;

/**
 * Text an agent's answer gained while it is being written: {@code text} continues the answer at {@code offset}
 * (characters written before it). A client that shows fewer characters than the offset missed some (it joined
 * mid-answer, or a node lost touch): the finished message, which always follows, carries the whole text.
 */
public record StreamedText(long sequence, int offset, String text) {
}
