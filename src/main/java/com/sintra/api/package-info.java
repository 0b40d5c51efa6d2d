/**
 * REST API: lets other programs search a workspace's brain and add documents to it, over HTTP with JSON,
 * under {@code /api/v1}. A caller presents one of a user's API keys (made in Settings) and acts as that
 * user, with that user's workspace memberships, through the same services the views use; errors are
 * RFC 9457 problem details. The OpenAPI description is served at {@code /api/v1/openapi.json}. Nothing
 * depends on this module.
 */
package com.sintra.api;
