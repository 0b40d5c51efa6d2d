package com.sintra.chat.api;

import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** A question to an agent, in a new conversation or a given one of the caller's. */
record ChatRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 8000) String message,
                   @Schema(description = "Continue this conversation; omit to start a new one") UUID conversationId) {
}
