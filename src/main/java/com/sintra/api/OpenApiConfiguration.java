package com.sintra.api;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** What springdoc cannot find in the controllers: the API's title, how a caller presents a key, its errors. */
@Configuration
class OpenApiConfiguration {

    private static final String BEARER = "bearer";
    private static final String KEY_HEADER = "apiKeyHeader";

    @Bean
    OpenAPI sintraOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Sintra API").version("v1")
                        .description("Search a workspace's brain and add documents to it. Every request carries an "
                                + "API key, made in Sintra under Settings, and acts as the key's owner. Errors are "
                                + "RFC 9457 problem details; input errors name the property at fault in `field`."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer sk_…"))
                        .addSecuritySchemes(KEY_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(ApiKeyFilter.API_KEY_HEADER)
                                .description("The same key, for clients that cannot set Authorization")))
                // Two requirements, not one with two schemes: either header will do.
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(KEY_HEADER));
    }

    /**
     * The errors every operation can answer with, and their shape (ApiProblems'). An operation's own (a 403
     * for a change, a 413 for an upload) are declared on its method, with {@link ApiController#PROBLEM_SCHEMA}.
     * The schema is added here, after springdoc has dropped the schemas no operation named when it built
     * them: defined with the rest of the components, it went missing whenever only these responses used it.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        Content problem = new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                new MediaType().schema(new Schema<>().$ref(ApiController.PROBLEM_SCHEMA)));
        Map<String, String> everywhere = Map.of(
                "400", "The request was refused; for input errors, `field` names the property at fault",
                "401", "No API key, or one that is not valid",
                "404", "No such workspace, knowledge base or ingestion, or not one the key's owner may see");
        return openApi -> {
            openApi.getComponents().addSchemas(ApiController.PROBLEM_SCHEMA, new ObjectSchema()
                    .description("An RFC 9457 problem detail")
                    .addProperty("type", new StringSchema())
                    .addProperty("title", new StringSchema())
                    .addProperty("status", new IntegerSchema())
                    .addProperty("detail", new StringSchema().description("What went wrong, for a person"))
                    .addProperty("instance", new StringSchema())
                    .addProperty("field", new StringSchema().description("For input errors: the request property at fault")));
            openApi.getPaths().values().forEach(path -> path.readOperations().forEach(operation ->
                    everywhere.forEach((status, description) -> operation.getResponses()
                            .addApiResponse(status, new ApiResponse().description(description).content(problem)))));
        };
    }
}
