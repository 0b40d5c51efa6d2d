package com.sintra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.sintra.api.ApiController;
import com.sintra.api.ApiTest;
import com.sintra.base.InvalidInputException;

/**
 * The API's problem details follow the {@link ApiController} annotation, not a package: two controllers
 * here, in a package that is no feature's and not {@code api}, differ only in their annotation.
 */
@Import({Fixtures.class, ApiControllerTest.Marked.class, ApiControllerTest.Plain.class})
class ApiControllerTest extends ApiTest {

    private static final String MARKED = "/api/v1/test/marked";
    private static final String PLAIN = "/api/v1/test/plain";

    record Greeting(String name, int times) {
    }

    /** Greets by name; refuses a blank one as bad input, as the features' services do. */
    abstract static class Greeter {

        @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
        String greet(@RequestBody Greeting greeting) {
            if (greeting.name() == null || greeting.name().isBlank()) {
                throw new InvalidInputException("name", "name is required");
            }
            return "Hello " + greeting.name();
        }
    }

    @ApiController
    @RequestMapping(MARKED)
    static class Marked extends Greeter {
    }

    @RestController
    @RequestMapping(PLAIN)
    static class Plain extends Greeter {
    }

    @Test
    void an_api_controller_in_any_package_gets_problem_details_and_the_json_syntax_check() throws Exception {
        String key = newKey(fixtures.newUser());

        assertThat(postJson(MARKED, key, Map.of("name", "Ada")).response().body()).isEqualTo("Hello Ada");
        JsonNode invalid = postJson(MARKED, key, Map.of("name", " ")).problem(400);
        assertThat(invalid.path("field").asText()).isEqualTo("name");
        JsonNode malformed = postJson(MARKED, key, "{\"times\": \"x\", name: }").problem(400);
        assertThat(malformed.path("detail").asText()).startsWith("The request body is not valid JSON (line 1, column");
    }

    @Test
    void a_plain_rest_controller_gets_neither() throws Exception {
        String key = newKey(fixtures.newUser());

        assertThat(postJson(PLAIN, key, Map.of("name", "Ada")).response().body()).isEqualTo("Hello Ada");
        Reply invalid = postJson(PLAIN, key, Map.of("name", " "));
        assertThat(invalid.status()).as("Spring Boot's error, not a 400 naming the field").isEqualTo(500);
        assertThat(invalid.json().has("field")).isFalse();
        // Spring MVC's own errors still get a problem detail (ApiRoutingErrors, for any /api/ path), but the
        // body is not checked for its syntax first: the bad value is what gets reported.
        JsonNode malformed = postJson(PLAIN, key, "{\"times\": \"x\", name: }").problem(400);
        assertThat(malformed.path("field").asText()).isEqualTo("times");
    }
}
