package com.sintra.brain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a document's {@code metadata jsonb} holds besides its columns: tags and a category. */
record DocumentMetadata(List<String> tags, String category) {

    private static final ObjectMapper JSON = new ObjectMapper();

    DocumentMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
        category = category == null || category.isBlank() ? null : category;
    }

    String toJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("tags", tags);
        if (category != null) {
            map.put("category", category);
        }
        return write(map);
    }

    /** The containment filter ({@code metadata @> filter}) for these tags and category; null when there is none. */
    String toFilterJson() {
        if (tags.isEmpty() && category == null) {
            return null;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        if (!tags.isEmpty()) {
            map.put("tags", tags);
        }
        if (category != null) {
            map.put("category", category);
        }
        return write(map);
    }

    static DocumentMetadata fromJson(String json) {
        try {
            JsonNode node = JSON.readTree(json == null ? "{}" : json);
            List<String> tags = new java.util.ArrayList<>();
            node.path("tags").forEach(t -> tags.add(t.asText()));
            JsonNode category = node.get("category");
            return new DocumentMetadata(tags, category == null ? null : category.asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored metadata is not JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
