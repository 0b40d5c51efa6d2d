/**
 * Collaborations over HTTP ({@code /api/v1/collaborations}): the caller's collaborations page by page, starting
 * one, posting to one, and following one as Server-Sent Events that resume from {@code Last-Event-ID}, all
 * through {@link com.sintra.collaboration.CollaborationService}. Security, problem details and the OpenAPI
 * description come from the shared {@code api} module; a completed collaboration's refusal (409) is mapped here.
 */
package com.sintra.collaboration.api;
