package com.sintra.brain;

/** How much a knowledge base holds: what deleting it removes. */
public record KnowledgeBaseSize(long documents, long passages) {
}
