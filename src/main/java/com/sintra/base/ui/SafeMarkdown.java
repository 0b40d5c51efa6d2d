package com.sintra.base.ui;

import java.util.List;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * Markdown written by a model (or quoted from an uploaded document) as HTML that is safe to show: the
 * text may carry whatever a prompt injection put there. CommonMark escapes raw HTML and drops unsafe link
 * schemes; jsoup then keeps only a list of harmless tags, as a second line of defence should the first
 * ever let something through.
 */
public final class SafeMarkdown {

    /** GitHub-style tables besides CommonMark: models answer with them often. */
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true)
            .sanitizeUrls(true).build();
    /*
     * No images: a Markdown image to an attacker's address, with secrets in its query, would be fetched by
     * the browser without a click. Links only to web and mail addresses, and opened without a referrer.
     */
    private static final Safelist ALLOWED = Safelist.relaxed()
            .removeTags("img")
            .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
            .addEnforcedAttribute("a", "target", "_blank")
            .removeProtocols("a", "href", "ftp");
    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings().prettyPrint(false);

    private SafeMarkdown() {
    }

    /** The Markdown as an HTML fragment: no scripts, no event handlers, no style, no images. */
    public static String toHtml(String markdown) {
        return clean(RENDERER.render(PARSER.parse(markdown == null ? "" : markdown)));
    }

    static String clean(String html) {
        return Jsoup.clean(html, "", ALLOWED, OUTPUT);
    }
}
