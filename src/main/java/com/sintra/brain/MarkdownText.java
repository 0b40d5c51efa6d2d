package com.sintra.brain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown as plain prose. Deliberately light: no parser, just the markup that would otherwise be embedded
 * as noise (heading hashes, emphasis, link targets). The text keeps its paragraphs, list items and code.
 */
final class MarkdownText {

    private static final Pattern FRONT_MATTER = Pattern.compile("\\A---\\n.*?\\n---\\n", Pattern.DOTALL);
    private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern SETEXT_H1 = Pattern.compile("^ {0,3}=+\\s*$");
    private static final Pattern RULE_OR_SETEXT_H2 = Pattern.compile("^ {0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");
    private static final Pattern TABLE_DIVIDER = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern LINK_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s+\\S+.*$");
    private static final Pattern BLOCKQUOTE = Pattern.compile("^ {0,3}(>\\s?)+");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[*+-]\\s+");
    private static final Pattern HTML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)](?:\\([^)]*\\)|\\[[^\\]]*])");
    private static final Pattern AUTOLINK = Pattern.compile("<((?:https?|mailto):[^>\\s]+)>");
    private static final Pattern CODE_SPAN = Pattern.compile("`+([^`]+?)`+");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");
    // Single * or _ only at word edges, so snake_case and 2*3*4 survive.
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*_])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*_])");

    private MarkdownText() {
    }

    /** The first level-one heading (ATX or setext); empty when there is none. */
    static String title(String markdown) {
        String[] lines = withoutFrontMatter(markdown).split("\n", -1);
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            if (FENCE.matcher(lines[i]).matches()) {
                inFence = !inFence;
            } else if (!inFence) {
                Matcher heading = ATX_HEADING.matcher(lines[i]);
                if (heading.matches() && heading.group(1).length() == 1) {
                    return inline(heading.group(2)).strip();
                }
                if (i + 1 < lines.length && !lines[i].isBlank() && SETEXT_H1.matcher(lines[i + 1]).matches()) {
                    return inline(lines[i]).strip();
                }
            }
        }
        return "";
    }

    static String text(String markdown) {
        List<String> out = new ArrayList<>();
        boolean inFence = false;
        for (String line : HTML_COMMENT.matcher(withoutFrontMatter(markdown)).replaceAll("").split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                out.add(line);
                continue;
            }
            Matcher heading = ATX_HEADING.matcher(line);
            if (heading.matches()) {
                // A heading stands alone as a paragraph, which is what the chunker recognises as one.
                out.add("");
                out.add(inline(heading.group(2)));
                out.add("");
            } else if (SETEXT_H1.matcher(line).matches() || RULE_OR_SETEXT_H2.matcher(line).matches()) {
                out.add("");
            } else if (!TABLE_DIVIDER.matcher(line).matches() && !LINK_DEFINITION.matcher(line).matches()) {
                String text = BLOCKQUOTE.matcher(line).replaceFirst("");
                text = BULLET.matcher(text).replaceFirst("$1- ");
                out.add(inline(text));
            }
        }
        return String.join("\n", out);
    }

    private static String inline(String text) {
        text = IMAGE.matcher(text).replaceAll("$1");
        text = LINK.matcher(text).replaceAll("$1");
        text = AUTOLINK.matcher(text).replaceAll("$1");
        text = CODE_SPAN.matcher(text).replaceAll("$1");
        text = STRONG.matcher(text).replaceAll("$2");
        text = STRIKE.matcher(text).replaceAll("$1");
        return EMPHASIS.matcher(text).replaceAll("$2");
    }

    private static String withoutFrontMatter(String markdown) {
        return FRONT_MATTER.matcher(markdown).replaceFirst("");
    }
}
