/**
 * REST API transport, shared by every feature's endpoints under {@code /api/v1}: other programs call them
 * over HTTP with JSON, presenting one of a user's API keys (made in Settings) and acting as that user, with
 * that user's workspace memberships, through the same services the views use. Here are only the parts
 * all endpoints share: the stateless security chain and its key filter, per-key rate limits, errors as
 * RFC 9457 problem details, the JSON syntax check, the streaming writers, and the OpenAPI description
 * (served at {@code /api/v1/openapi.json}).
 * <p>
 * The endpoints themselves belong to their features: {@code brain.api} (search, documents) and
 * {@code chat.api} (asking an agent). A feature adds endpoints with a controller in its own {@code api}
 * package, marked {@link com.sintra.api.ApiController} instead of {@code @RestController}, with its request
 * and response records beside it (docs/decisions/0012). This module depends on no feature.
 */
package com.sintra.api;
