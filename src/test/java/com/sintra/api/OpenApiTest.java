package com.sintra.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OpenApiTest extends ApiTest {

    @Test
    void the_openapi_description_is_public_and_lists_the_api_endpoints_only() throws Exception {
        Reply reply = get("/api/v1/openapi.json", null);

        assertThat(reply.status()).isEqualTo(200);
        List<String> paths = new ArrayList<>();
        reply.json().path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/api/v1/brain/search", "/api/v1/brain/documents", "/api/v1/brain/ingestions/{id}")
                .allMatch(path -> path.startsWith("/api/v1/"));
    }

    @Test
    void the_description_says_how_to_present_a_key_and_what_errors_look_like() throws Exception {
        JsonNode api = get("/api/v1/openapi.json", null).json();

        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/components/securitySchemes/apiKeyHeader/name").asText()).isEqualTo("X-API-Key");
        assertThat(api.path("security").findValuesAsText("bearer")).isNotNull();
        JsonNode addDocument = api.at("/paths/~1api~1v1~1brain~1documents/post");
        assertThat(addDocument.at("/requestBody/content").has("multipart/form-data")).isTrue();
        assertThat(addDocument.at("/requestBody/content").has("application/json")).isTrue();
        JsonNode form = addDocument.at("/requestBody/content/multipart~1form-data/schema");
        assertThat(form.path("properties").has("tags")).isTrue();
        assertThat(form.path("required")).extracting(JsonNode::asText).contains("file", "workspaceId", "knowledgeBaseId");
        assertThat(addDocument.path("responses").has("202")).isTrue();
        assertThat(addDocument.path("description").asText()).contains("at most 20 MB");
        assertThat(addDocument.at("/responses/400/content").has("application/problem+json")).isTrue();
        assertThat(addDocument.at("/responses/413/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(api.at("/components/schemas/Problem/properties").has("field"))
                .as("every problem response refers to the Problem schema, which must be there").isTrue();
    }

    @Test
    void swagger_ui_html_opens_for_a_signed_in_user_with_the_apis_description_and_sends_visitors_to_sign_in() throws Exception {
        Reply anonymous = send(request("/swagger-ui.html", null).GET().build());
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.response().headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String cookie = signInCookie(fixtures.newUser());
        Reply welcome = send(request("/swagger-ui.html", null).header("Cookie", cookie).GET().build());
        assertThat(welcome.status()).isEqualTo(302);
        String page = welcome.response().headers().firstValue("Location").orElseThrow();
        assertThat(page).contains("/swagger-ui/index.html");
        Reply ui = send(request(java.net.URI.create(page).getPath(), null).header("Cookie", cookie).GET().build());
        assertThat(ui.status()).isEqualTo(200);
        Reply initializer = send(request("/swagger-ui/swagger-initializer.js", null).header("Cookie", cookie).GET().build());
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.response().body()).contains("/api/v1/openapi.json/swagger-config");
        Reply bundle = send(request("/swagger-ui/swagger-ui-bundle.js", null).header("Cookie", cookie).GET().build());
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.response().headers().firstValue("Content-Type").orElse("")).contains("javascript");
    }

    @Test
    void swagger_ui_is_for_signed_in_users() throws Exception {
        Reply anonymous = send(request("/swagger-ui/index.html", null).GET().build());
        assertThat(anonymous.status()).isEqualTo(302);
        assertThat(anonymous.response().headers().firstValue("Location").orElseThrow()).endsWith("/login");

        String cookie = signInCookie(fixtures.newUser());
        Reply signedIn = send(request("/swagger-ui/index.html", null).header("Cookie", cookie).GET().build());
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.response().body()).contains("swagger-ui");
        Reply config = get("/api/v1/openapi.json/swagger-config", null);
        assertThat(config.json().path("url").asText()).isEqualTo("/api/v1/openapi.json");
    }
}
