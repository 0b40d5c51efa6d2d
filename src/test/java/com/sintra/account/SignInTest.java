package com.sintra.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import com.sintra.Fixtures;

/**
 * Signs in over real HTTP as the sign-in page's form does: with the session cookie and Spring's CSRF token the
 * page carries. Every request here comes from 127.0.0.1, so the per-address cap is raised to keep these tests
 * about the per-e-mail lock; SignInThrottleTest covers the address cap.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "sintra.account.sign-in.address-failures=100000")
@ActiveProfiles("test")
@Import(Fixtures.class)
@ExtendWith(OutputCaptureExtension.class)
class SignInTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    Fixtures fixtures;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_user_signs_in_with_the_right_password_in_any_case_of_the_email() throws Exception {
        User user = fixtures.newUser();
        Browser browser = new Browser();
        assertThat(browser.signIn(user.email().toUpperCase(), Fixtures.PASSWORD)).doesNotContain("error");
        assertThat(browser.isSignedIn()).isTrue();
    }

    @Test
    void a_wrong_password_and_an_unknown_email_fail_the_same_way(CapturedOutput output) throws Exception {
        User user = fixtures.newUser();
        String wrongPassword = "wrong-password-" + System.nanoTime();
        String wrong = new Browser().signIn(user.email(), wrongPassword);
        String unknown = new Browser().signIn("nobody-" + System.nanoTime() + "@test.sintra", wrongPassword);
        assertThat(wrong).endsWith("/login?error");
        assertThat(unknown).isEqualTo(wrong);
        assertThat(output.getAll()).doesNotContain(wrongPassword);
    }

    @Test
    void a_deactivated_user_cannot_sign_in_and_the_message_does_not_say_why() throws Exception {
        User user = fixtures.newUser();
        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), false));
        assertThat(new Browser().signIn(user.email(), Fixtures.PASSWORD)).endsWith("/login?error");
    }

    @Test
    void anonymous_visitors_are_sent_to_the_sign_in_page() throws Exception {
        HttpResponse<String> response = new Browser().get("/");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void a_sign_in_posted_without_the_csrf_token_is_refused_and_signs_nobody_in() throws Exception {
        User user = fixtures.newUser();
        // As another site's form would post it: no session, no token.
        Browser stranger = new Browser();
        assertThat(stranger.postLogin("/login", user.email(), Fixtures.PASSWORD, null).statusCode()).isEqualTo(403);
        assertThat(stranger.isSignedIn()).isFalse();
        // Nor does a session help without its token, or the address of Vaadin's own requests (their own token).
        Browser visitor = new Browser();
        visitor.csrfToken();
        assertThat(visitor.postLogin("/login", user.email(), Fixtures.PASSWORD, "forged").statusCode()).isEqualTo(403);
        assertThat(visitor.postLogin("/login?v-r=uidl", user.email(), Fixtures.PASSWORD, null).statusCode()).isEqualTo(403);
        assertThat(visitor.isSignedIn()).isFalse();
    }

    @Test
    void after_five_failures_an_email_is_locked_and_even_the_right_password_is_refused() throws Exception {
        User user = fixtures.newUser();
        Browser browser = new Browser();
        for (int i = 0; i < 25; i++) {
            assertThat(browser.signIn(user.email(), "wrong-password-" + i)).endsWith("/login?error");
        }
        assertThat(browser.signIn(user.email(), Fixtures.PASSWORD)).endsWith("/login?error");
        assertThat(browser.isSignedIn()).isFalse();
        // Only the first five passwords were checked; every attempt is in the audit log.
        assertThat(jdbc.sql("""
                        SELECT details->>'reason' AS reason, count(*) FROM audit_log
                        WHERE action = 'sign_in_failed' AND target_id = :email GROUP BY 1 ORDER BY 1""")
                .param("email", user.email())
                .query((rs, n) -> rs.getString(1) + "=" + rs.getInt(2)).list())
                .containsExactly("bad_credentials=5", "throttled=21");
        assertThat(jdbc.sql("SELECT DISTINCT details->>'address' FROM audit_log WHERE target_id = :email")
                .param("email", user.email()).query(String.class).list()).containsExactly("127.0.0.1");
    }

    @Test
    void one_emails_lock_leaves_other_accounts_free_to_sign_in() throws Exception {
        User locked = fixtures.newUser();
        User other = fixtures.newUser();
        Browser browser = new Browser();
        for (int i = 0; i < 6; i++) {
            browser.signIn(locked.email(), "wrong-password-" + i);
        }
        assertThat(browser.signIn(other.email(), Fixtures.PASSWORD)).doesNotContain("error");
        assertThat(browser.isSignedIn()).isTrue();
    }

    @Test
    void an_email_without_an_account_is_locked_alike_so_a_lock_reveals_nothing() throws Exception {
        String nobody = "nobody-" + UUID.randomUUID() + "@test.sintra";
        Browser browser = new Browser();
        for (int i = 0; i < 5; i++) {
            browser.signIn(nobody, "wrong-password-" + i);
        }
        browser.signIn(nobody, "wrong-password-again");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM audit_log
                        WHERE action = 'sign_in_failed' AND target_id = :email AND details->>'reason' = 'throttled'""")
                .param("email", nobody).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void a_signed_in_session_stops_working_as_soon_as_its_user_is_deactivated() throws Exception {
        User user = fixtures.newUser();
        Browser browser = new Browser();
        browser.signIn(user.email(), Fixtures.PASSWORD);
        assertThat(browser.isSignedIn()).isTrue();

        fixtures.as(fixtures.admin(), () -> accounts.setActive(user.id(), false));

        assertThat(browser.isSignedIn()).isFalse();
    }

    @Test
    void a_password_reset_by_an_admin_ends_the_users_sessions() throws Exception {
        User user = fixtures.newUser();
        Browser browser = new Browser();
        browser.signIn(user.email(), Fixtures.PASSWORD);

        fixtures.as(fixtures.admin(), () -> accounts.resetPassword(user.id(), "a brand new password"));

        assertThat(browser.isSignedIn()).isFalse();
        assertThat(new Browser().signIn(user.email(), "a brand new password")).doesNotContain("error");
    }

    /** One visitor's cookies, as a browser keeps them. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Opens the sign-in page, as a browser would first, and returns the CSRF token it carries. */
        String csrfToken() throws Exception {
            HttpResponse<String> page = get("/login");
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher token = CSRF_META.matcher(page.body());
            assertThat(token.find()).as("the sign-in page carries a CSRF token").isTrue();
            return token.group(1);
        }

        /** Posts the sign-in form as the page does; returns where the server redirects to. */
        String signIn(String email, String password) throws Exception {
            HttpResponse<String> response = postLogin("/login", email, password, csrfToken());
            assertThat(response.statusCode()).isEqualTo(302);
            return response.headers().firstValue("Location").orElseThrow();
        }

        HttpResponse<String> postLogin(String path, String email, String password, String token) throws Exception {
            String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                    + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                    + (token == null ? "" : "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(uri(path))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** Signed in when the app's start page opens instead of redirecting to the sign-in page. */
        boolean isSignedIn() throws Exception {
            return get("/").statusCode() == 200;
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
