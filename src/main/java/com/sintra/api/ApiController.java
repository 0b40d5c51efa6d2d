package com.sintra.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.web.bind.annotation.RestController;

/**
 * A REST controller of Sintra's API, used instead of {@code @RestController}. Each feature keeps its
 * controllers in its own {@code api} package ({@code brain.api}, {@code chat.api}); this annotation is what
 * gives them the API's shared behaviour, wherever they are: errors as problem details ({@link ApiProblems}),
 * malformed JSON reported as such ({@link JsonSyntaxCheck}). A plain {@code @RestController} gets neither;
 * {@code ModularityTest} refuses one. See docs/decisions/0012.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {

    /**
     * The OpenAPI schema of a problem detail, for an operation's own error responses:
     * {@code @Content(mediaType = "application/problem+json", schema = @Schema(ref = ApiController.PROBLEM_SCHEMA))}.
     */
    String PROBLEM_SCHEMA = "Problem";
}
