package com.sintra.brain.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.RouterLink;

/** Semantic search: each result shows its score, the passage with the query's words marked, and a link to its document. */
class SearchPanel extends VerticalLayout {

    private static final int RESULTS = 10;

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
        query.setWidth("32rem");
        tags.setPlaceholder("comma-separated");
        FieldErrors errors = new FieldErrors().field("query", query).field("tags", tags);
        Button search = new Button("Search", e -> errors.attempt(this::search));
        search.setId("brain-search");
        search.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        query.addKeyPressListener(Key.ENTER, e -> errors.attempt(this::search));
        HorizontalLayout form = new HorizontalLayout(query, tags, search);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        results.setPadding(false);
        add(form, results);
    }

    private void search() {
        List<String> tagList = Arrays.stream(tags.getValue().split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        SearchRequest request = new SearchRequest(query.getValue(), RESULTS,
                knowledgeBases.selected().map(List::of).orElse(List.of()), tagList, null, null);
        List<SearchHit> hits = brain.search(workspace.id(), request);
        results.removeAll();
        if (hits.isEmpty()) {
            results.add(new Paragraph("Nothing found. Add documents, or try other words."));
        }
        hits.forEach(hit -> results.add(result(hit)));
    }

    private Div result(SearchHit hit) {
        Span score = new Span(String.format(Locale.ROOT, "%.2f", hit.score()));
        score.getElement().getThemeList().add("badge contrast");
        score.getElement().setAttribute("title", "Cosine similarity to your query");
        RouterLink title = new RouterLink(hit.documentTitle(), DocumentView.class, DocumentView.parameters(hit.documentId()));
        Span position = new Span("passage " + (hit.position() + 1));
        position.addClassName("sintra-muted");
        Div card = new Div(new HorizontalLayout(score, title, position), highlighted(hit.content(), query.getValue()));
        card.addClassName("sintra-search-hit");
        return card;
    }

    /** The passage with the query's words marked; built from text nodes and spans, so no HTML is ever injected. */
    static Paragraph highlighted(String text, String query) {
        Paragraph paragraph = new Paragraph();
        String words = Arrays.stream(query.toLowerCase(Locale.ROOT).split("\\W+")).filter(w -> w.length() > 2)
                .map(Pattern::quote).collect(Collectors.joining("|"));
        if (words.isEmpty()) {
            paragraph.setText(text);
            return paragraph;
        }
        Matcher matcher = Pattern.compile("(?i)\\b(" + words + ")\\w*").matcher(text);
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
