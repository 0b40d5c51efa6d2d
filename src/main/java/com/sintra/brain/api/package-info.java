/**
 * The brain over HTTP ({@code /api/v1/brain}): semantic search, adding documents (an upload or a URL) and
 * following their ingestion. The controller checks a request's shape and hands it to
 * {@link com.sintra.brain.BrainService}; the records here are the JSON a client sends and gets. Security,
 * problem details and the OpenAPI description come from the shared {@code api} module.
 */
package com.sintra.brain.api;
