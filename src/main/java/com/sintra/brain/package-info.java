/**
 * Brain: a workspace's knowledge bases. Documents are turned into text, cut into overlapping chunks,
 * embedded by a local model and searched by vector similarity in PostgreSQL (pgvector).
 */
package com.sintra.brain;
