/**
 * Brain: a workspace's knowledge bases. Documents are turned into text, cut into overlapping chunks,
 * embedded by a local model and searched by vector similarity in PostgreSQL (pgvector). Its views are in
 * {@code ui}, its REST endpoints in {@code api}; both go through {@link com.sintra.brain.BrainService}.
 */
package com.sintra.brain;
