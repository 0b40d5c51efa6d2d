package com.sintra.brain.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.sintra.base.ui.FieldErrors;
import com.sintra.brain.BrainService;
import com.sintra.brain.SearchHit;
import com.sintra.brain.SearchRequest;
import com.sintra.workspace.Workspace;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;

/**
 * Semantic search: each result shows how relevant it is, the passage with the query's words marked, and a
 * link to its document. Passages below the brain's relevance threshold are left out: padding the list with
 * unrelated text to reach ten made every search look half wrong.
 */
class SearchPanel extends VerticalLayout {

    private static final int RESULTS = 10;

    // Words too common to mark: in "the moons of Jupiter" only "moons" and "Jupiter" say what was asked.
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "but", "by", "can",
            "do", "does", "for", "from", "had", "has", "have", "how", "i", "if", "in", "is", "it", "its", "me", "my", "no",
            "not", "of", "on", "or", "our", "so", "that", "the", "their", "them", "then", "there", "these", "they", "this",
            "to", "us", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will", "with", "you", "your");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final BrainService brain;
    private final Workspace workspace;
    private final KnowledgeBasePicker knowledgeBases;
    private final TextField query = new TextField();
    private final TextField tags = new TextField("Tags");
    private final VerticalLayout results = new VerticalLayout();

    SearchPanel(BrainService brain, Workspace workspace, KnowledgeBasePicker knowledgeBases) {
        this.brain = brain;
        this.workspace = workspace;
        this.knowledgeBases = knowledgeBases;
        setPadding(false);
        query.setLabel("Ask the brain");
        query.setPlaceholder("What do our documents say about…");
        query.setId("brain-query");
        query.setMaxLength(1000);
        Wrapping.growing(query, "16rem", "32rem");
        tags.setPlaceholder("comma-separated");
        Wrapping.growing(tags, "8rem", "14rem");
        FieldErrors errors = new FieldErrors().field("query", query).field("tags", tags);
        Button search = new Button("Search", e -> errors.attempt(this::search));
        search.setId("brain-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        query.addKeyPressListener(Key.ENTER, e -> errors.attempt(this::search));
        results.setPadding(false);
        add(Wrapping.row(query, tags, search), results);
    }

    private void search() {
        SearchRequest request = new SearchRequest(query.getValue(), RESULTS, knowledgeBases.selected().map(List::of)
                .orElse(List.of()), BrainService.splitTags(List.of(tags.getValue())), null, brain.relevantScore());
        List<SearchHit> hits = brain.search(workspace.id(), request);
        results.removeAll();
        if (hits.isEmpty()) {
            Paragraph nothing = new Paragraph("Nothing relevant found: no passage is close enough in meaning to your "
                    + "question. Try other words, or add documents that cover it.");
            nothing.setId("brain-nothing-relevant");
            results.add(nothing);
        }
        hits.forEach(hit -> results.add(result(hit)));
    }

    private Div result(SearchHit hit) {
        Span relevance = new Span(relevance(hit.score()));
        relevance.getElement().getThemeList().add("badge contrast");
        relevance.getElement().setAttribute("title", "How close the passage's meaning is to your query");
        relevance.addClassName("sintra-relevance");
        RouterLink title = new RouterLink(hit.documentTitle(), DocumentView.class, DocumentView.parameters(hit.documentId()));
        Span position = new Span("passage " + (hit.position() + 1));
        position.addClassName("sintra-muted");
        HorizontalLayout heading = new HorizontalLayout(relevance, title, position);
        heading.setWrap(true);
        Div card = new Div(heading, highlighted(hit.content(), query.getValue()));
        card.addClassName("sintra-search-hit");
        return card;
    }

    /** Cosine similarity as a percentage; below zero (opposite meaning, in theory) reads as 0 %, never negative. */
    static String relevance(double score) {
        return Math.round(100 * Math.max(0, Math.min(1, score))) + " % match";
    }

    /**
     * The passage with the query's words marked, whole words only and never stop-words; built from text
     * nodes and spans, so no HTML is ever injected.
     */
    static Paragraph highlighted(String text, String query) {
        Paragraph paragraph = new Paragraph();
        String words = NOT_A_WORD.splitAsStream(query.toLowerCase(Locale.ROOT))
                .filter(w -> w.length() > 1 && !STOP_WORDS.contains(w)).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote).collect(Collectors.joining("|"));
        if (words.isEmpty()) {
            paragraph.setText(text);
            return paragraph;
        }
        Matcher matcher = Pattern.compile("(?<![\\p{L}\\p{N}])(" + words + ")(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(text);
        int last = 0;
        while (matcher.find()) {
            paragraph.add(new Span(text.substring(last, matcher.start())));
            Span mark = new Span(matcher.group());
            mark.addClassName("sintra-mark");
            paragraph.add(mark);
            last = matcher.end();
        }
        paragraph.add(new Span(text.substring(last)));
        return paragraph;
    }
}
