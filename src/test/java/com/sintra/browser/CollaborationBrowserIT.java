package com.sintra.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sintra.Fixtures;
import com.sintra.account.User;
import com.sintra.collaboration.CollaborationId;
import com.sintra.collaboration.NewCollaboration;
import com.sintra.workspace.WorkspaceId;
import com.sintra.workspace.WorkspaceRole;

/** Collaborations in real browsers, each person with a session of their own, updates pushed by Vaadin. */
class CollaborationBrowserIT extends BrowserTest {

    private static final String FEED = "return document.querySelector('#messages').textContent";

    @Test
    void two_people_in_one_collaboration_see_each_others_messages_live_and_a_third_in_another_sees_none() {
        User ann = fixtures.newUser();
        WorkspaceId workspace = fixtures.newWorkspace(ann);
        User ben = member(workspace, ann);
        User cat = member(workspace, ann);
        CollaborationId shared = fixtures.as(ann, () -> collaborations.create(NewCollaboration.of(workspace, "Shared",
                "", List.of(ben.id()), List.of())).id());
        CollaborationId other = fixtures.as(cat, () -> collaborations.create(NewCollaboration.of(workspace, "Other",
                "", List.of(), List.of())).id());

        try (Browser second = anotherBrowser(); Browser third = anotherBrowser()) {
            open(browser, ann, shared);
            open(second, ben, shared);
            open(third, cat, other);

            browser.type("collaboration-message", "Hello from Ann");
            browser.click("collaboration-send");
            second.await("Ann's message in Ben's view", d -> text(second).contains("Hello from Ann"));
            second.type("collaboration-message", "Hello from Ben");
            second.click("collaboration-send");
            browser.await("Ben's message in Ann's view", d -> text(browser).contains("Hello from Ben"));

            // Both have gone out; whatever was pushed has arrived by now.
            sleep(Duration.ofSeconds(1));
            assertThat(text(third)).doesNotContain("Hello from Ann").doesNotContain("Hello from Ben");
        }
    }

    private User member(WorkspaceId workspace, User owner) {
        User member = fixtures.newUser();
        fixtures.as(owner, () -> workspaces.addMember(workspace, member.email(), WorkspaceRole.EDITOR));
        return member;
    }

    private static void open(Browser browser, User user, CollaborationId id) {
        browser.signIn(user.email(), Fixtures.PASSWORD);
        browser.open("/collaborations?collaboration=" + id);
        browser.await("the collaboration's composer", d -> browser.first("#collaboration-message"));
    }

    private static String text(Browser browser) {
        return String.valueOf(browser.js(FEED));
    }
}
