package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.sintra.Fixtures;

/** Signs in over real HTTP, through Spring Security's form login as the browser's login form does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Fixtures.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInTest {

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountService accounts;

    @Test
    void a_user_signs_in_with_the_right_password_in_any_case_of_the_email() throws Exception {
        User user = fixtures.newUser();
        assertThat(signIn(user.email().toUpperCase(), Fixtures.PASSWORD)).doesNotContain("error");
    }

    @Test
    void a_wrong_password_and_an_unknown_email_fail_the_same_way(CapturedOutput output) throws Exception {
        User user = fixtures.newUser();
        String wrongPassword = "wrong-password-" + System.nanoTime();
        String wrong = signIn(user.email(), wrongPassword);
        String unknown = signIn("nobody-" + System.nanoTime() + "@test.sintra", wrongPassword);
        assertThat(wrong).endsWith("/login?error");
        assertThat(unknown).isEqualTo(wrong);
        assertThat(output.getAll()).doesNotContain(wrongPassword);
    }

    @Test
    void a_deactivated_user_cannot_sign_in_and_the_message_does_not_say_why() throws Exception {
        User user = fixtures.newUser();
        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), false));
        assertThat(signIn(user.email(), Fixtures.PASSWORD)).endsWith("/login?error");
    }

    @Test
    void anonymous_visitors_are_sent_to_the_sign_in_page() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    /** Posts the login form; returns where the server redirects to. */
    private String signIn(String email, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }
}
