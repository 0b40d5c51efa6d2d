package com.sintra.collaboration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.sintra.agent.AgentId;

/**
 * Finds the agents a message names with @. A name counts when "@" starts a word (so e-mail addresses are not
 * mentions) and the whole name follows, ignoring case, up to a character that is not a letter or digit; the
 * longest name wins ("@Research Lead" names "Research Lead", not "Research"). Names may contain spaces: the
 * composer completes them as typed.
 */
final class Mentions {

    /** An agent that could be named; {@code participates}: it takes part in the collaboration. */
    record Candidate(AgentId agent, String name, boolean participates) {
    }

    private Mentions() {
    }

    /** The agents named, in the order first named, each once. */
    static List<Candidate> in(String text, Collection<Candidate> candidates) {
        Set<Candidate> found = new LinkedHashSet<>();
        for (int at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
            if (at > 0 && Character.isLetterOrDigit(text.charAt(at - 1))) {
                continue;
            }
            longestAt(text, at + 1, candidates).ifPresent(found::add);
        }
        return new ArrayList<>(found);
    }

    private static Optional<Candidate> longestAt(String text, int start, Collection<Candidate> candidates) {
        Candidate best = null;
        for (Candidate candidate : candidates) {
            String name = candidate.name().strip();
            int end = start + name.length();
            boolean matches = !name.isEmpty() && text.regionMatches(true, start, name, 0, name.length())
                    && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
            if (matches && (best == null || name.length() > best.name().strip().length())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }
}
