package com.sintra.chat;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sintra.brain.DocumentId;

/**
 * A passage an answer drew on; {@code number} is the [n] the answer cites it by.
 *
 * @param excerpt the passage's beginning, for a tooltip or a list of sources
 */
public record Citation(int number, DocumentId documentId, String documentTitle, String source, long chunkId,
                       int position, String excerpt, double score) {

    /** An answer's citation marker: [1], or several at once as [1, 3]. */
    public static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)]");

    /** The numbers an answer cites, in ascending order. */
    static Set<Integer> numbersIn(String answer) {
        Set<Integer> numbers = new TreeSet<>();
        Matcher marker = MARKER.matcher(answer == null ? "" : answer);
        while (marker.find()) {
            for (String number : marker.group(1).split("\\s*,\\s*")) {
                numbers.add(Integer.parseInt(number));
            }
        }
        return numbers;
    }

    /**
     * The citations the answer actually cites by [n]: none when it cites none. Listing passages an answer does
     * not quote would present them as its sources.
     */
    public static List<Citation> citedIn(String answer, List<Citation> citations) {
        Set<Integer> cited = numbersIn(answer);
        return citations.stream().filter(c -> cited.contains(c.number())).toList();
    }
}
