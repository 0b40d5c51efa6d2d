package com.sintra.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.junit.jupiter.api.Test;

import com.sintra.base.InvalidInputException;

class TextExtractorTest {

    private final TextExtractor extractor = new TextExtractor();

    @Test
    void plain_text_is_read_and_titled_after_its_file_name() {
        ExtractedText text = extract("Größe und Maß: 10 €.\nSecond line.", "C:\\fakepath\\notes.txt", null);

        assertThat(text.text()).isEqualTo("Größe und Maß: 10 €.\nSecond line.");
        assertThat(text.title()).isEqualTo("notes");
        assertThat(text.mediaType()).isEqualTo("text/plain");
    }

    @Test
    void a_utf8_byte_order_mark_is_dropped() {
        byte[] withBom = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("Hello"));

        assertThat(extractor.extract(withBom, "bom.txt", null).text()).isEqualTo("Hello");
    }

    @Test
    void utf16_text_with_a_byte_order_mark_is_read() {
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, "Notepad saves this".getBytes(StandardCharsets.UTF_16LE));

        assertThat(extractor.extract(utf16, "windows.txt", null).text()).isEqualTo("Notepad saves this");
    }

    @Test
    void line_endings_trailing_spaces_and_runs_of_blank_lines_are_tidied() {
        ExtractedText text = extract("\r\n  First   \r\n\r\n\r\n\r\nSecond\u00A0word\u200B\r\n\n", "a.txt", null);

        assertThat(text.text()).isEqualTo("First\n\nSecond word");
    }

    @Test
    void html_scripts_and_styles_are_dropped() {
        String html = """
                <!DOCTYPE html>
                <html><head><title>Release notes</title><style>p { color: red }</style>
                <script>var tracking = 'secret';</script></head>
                <body><noscript>Enable JavaScript</noscript><template><p>Hidden template</p></template>
                <h1>Version 2</h1><p>Faster   <b>search</b>.<br>Fewer bugs.</p>
                <ul><li>One</li><li>Two</li></ul>
                <script>alert('x')</script></body></html>""";

        ExtractedText text = extract(html, "notes.html", null);

        assertThat(text.title()).isEqualTo("Release notes");
        assertThat(text.mediaType()).isEqualTo("text/html");
        assertThat(text.text()).isEqualTo("Version 2\n\nFaster search.\nFewer bugs.\n\n- One\n- Two");
    }

    @Test
    void an_html_page_without_a_title_is_titled_after_its_first_heading() {
        ExtractedText text = extract("<html><body><h1>Onboarding <i>guide</i></h1><p>Welcome.</p></body></html>",
                "page.htm", null);

        assertThat(text.title()).isEqualTo("Onboarding guide");
    }

    @Test
    void html_tables_and_preformatted_text_keep_their_shape() {
        ExtractedText text = extract("""
                <html><body><table><tr><th>Name</th><th>Role</th></tr><tr><td>Ada</td><td>Admin</td></tr></table>
                <pre>line  one
                line  two</pre></body></html>""", "t.html", null);

        assertThat(text.text()).isEqualTo("Name | Role\nAda | Admin\n\nline  one\nline  two");
    }

    @Test
    void html_is_recognised_by_its_content_when_name_and_type_say_nothing() {
        ExtractedText text = extract("  <!doctype html><html><body><p>Sniffed</p></body></html>", "download",
                "application/octet-stream");

        assertThat(text.mediaType()).isEqualTo("text/html");
        assertThat(text.text()).isEqualTo("Sniffed");
    }

    @Test
    void the_declared_type_decides_when_the_name_has_no_extension() {
        ExtractedText text = extract("# Plan\n\nShip it.", "README", "text/markdown; charset=utf-8");

        assertThat(text.mediaType()).isEqualTo("text/markdown");
        assertThat(text.title()).isEqualTo("Plan");
    }

    @Test
    void markdown_markup_is_stripped_lightly_and_its_first_heading_is_the_title() {
        String markdown = """
                ---
                layout: post
                ---
                Intro line before the title.

                # The *Brain* guide #

                Read the **docs** at [our site](https://example.com/docs) or <https://example.com>.
                ![Diagram](img/d.png) shows `snake_case_names` and 2*3*4.

                ## Setup
                * Install
                + Run ~~twice~~ once

                > Quoted _advice_.

                | a | b |
                |---|---|
                | 1 | 2 |

                ```java
                int x = 1;
                ```
                [docs]: https://example.com/docs
                """;

        ExtractedText text = extract(markdown, "guide.md", null);

        assertThat(text.title()).isEqualTo("The Brain guide");
        assertThat(text.mediaType()).isEqualTo("text/markdown");
        assertThat(text.text()).isEqualTo("""
                Intro line before the title.

                The Brain guide

                Read the docs at our site or https://example.com.
                Diagram shows snake_case_names and 2*3*4.

                Setup

                - Install
                - Run twice once

                Quoted advice.

                | a | b |
                | 1 | 2 |

                int x = 1;""");
    }

    @Test
    void a_pdf_text_layer_is_extracted_with_the_title_from_its_document_information() throws IOException {
        byte[] pdf = pdf(document -> {
            document.getDocumentInformation().setTitle("Quarterly report");
            page(document, "Revenue grew by ten percent.", "Costs fell.");
        });

        ExtractedText text = extractor.extract(pdf, "q3.pdf", "application/pdf");

        assertThat(text.title()).isEqualTo("Quarterly report");
        assertThat(text.mediaType()).isEqualTo("application/pdf");
        assertThat(text.text()).contains("Revenue grew by ten percent.").contains("Costs fell.");
    }

    @Test
    void a_pdf_without_a_title_is_titled_after_its_file_name_and_recognised_whatever_its_name() throws IOException {
        byte[] pdf = pdf(document -> page(document, "Signed contract."));

        ExtractedText text = extractor.extract(pdf, "contract final.bin", null);

        assertThat(text.mediaType()).isEqualTo("application/pdf");
        assertThat(text.title()).isEqualTo("contract final");
        assertThat(text.text()).isEqualTo("Signed contract.");
    }

    @Test
    void a_pdf_whose_embedded_title_says_nothing_is_titled_after_its_file_name() throws IOException {
        for (String meaningless : List.of("about:blank", "Untitled", "untitled document", "Untitled-3", "   ", "-")) {
            byte[] pdf = pdf(document -> {
                document.getDocumentInformation().setTitle(meaningless);
                page(document, "Printed from a browser.");
            });
            assertThat(extractor.extract(pdf, "Travel policy 2026.pdf", null).title()).as(meaningless)
                    .isEqualTo("Travel policy 2026");
        }
    }

    @Test
    void an_office_programs_title_is_reduced_to_the_name_it_carries() throws IOException {
        byte[] pdf = pdf(document -> {
            document.getDocumentInformation().setTitle("Microsoft Word - foo.docx");
            page(document, "Converted from Word.");
        });
        assertThat(extractor.extract(pdf, "export.pdf", null).title()).isEqualTo("foo");
        assertThat(extract("<html><head><title>about:blank</title></head><body><p>Saved page.</p></body></html>",
                "saved-page.html", null).title()).isEqualTo("saved-page");
    }

    @Test
    void a_password_protected_pdf_is_refused() throws IOException {
        byte[] pdf = pdf(document -> {
            page(document, "Top secret.");
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            try {
                document.protect(policy);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        assertRefused(pdf, "locked.pdf", "This PDF is password-protected");
    }

    @Test
    void a_pdf_of_images_only_is_refused_as_having_no_text() throws IOException {
        byte[] pdf = pdf(document -> {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                var image = LosslessFactory.createFromImage(document, new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB));
                content.drawImage(image, 72, 600);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            document.addPage(new PDPage());
        });

        assertRefused(pdf, "scan.pdf", "no extractable text");
    }

    @Test
    void a_damaged_pdf_is_refused() {
        assertRefused(utf8("%PDF-1.7\nthis is not really a PDF"), "broken.pdf", "could not be read");
    }

    @Test
    void an_empty_file_is_refused() {
        assertRefused(new byte[0], "empty.txt", "The file is empty");
    }

    @Test
    void text_of_only_whitespace_is_refused() {
        assertRefused(utf8(" \n\t \r\n "), "blank.txt", "no text");
        assertRefused(utf8("<html><body><script>only()</script></body></html>"), "blank.html", "no text");
    }

    @Test
    void binary_content_is_refused_even_with_a_text_name() {
        assertRefused(new byte[] {'a', 'b', 0, 0, 1, 2}, "data.txt", "not text");
        assertRefused(new byte[] {(byte) 0xC3, (byte) 0x28, 'x'}, "latin.md", "not text");
        assertRefused(new byte[] {'<', 'p', '>', 0, 0}, "page.html", "not text");
        assertRefused(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0}, "no-extension", "not text");
    }

    @Test
    void unknown_types_are_refused_with_the_types_that_are_accepted() {
        InvalidInputException exe = refusal(utf8("MZ looks like text"), "setup.exe", null);
        assertThat(exe.getMessage()).contains(".exe").contains(".txt").contains(".md").contains(".html").contains(".pdf");

        assertRefused(new byte[] {'P', 'K', 3, 4}, "archive.zip", ".zip");
        assertRefused(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "photo.png", ".png");
        assertRefused(new byte[] {(byte) 0xFF, (byte) 0xD8}, "camera-upload", "image/jpeg", "image/jpeg");
    }

    private ExtractedText extract(String content, String name, String mediaType) {
        return extractor.extract(utf8(content), name, mediaType);
    }

    private void assertRefused(byte[] content, String name, String message) {
        assertRefused(content, name, null, message);
    }

    private void assertRefused(byte[] content, String name, String mediaType, String message) {
        assertThat(refusal(content, name, mediaType).getMessage()).contains(message);
    }

    private InvalidInputException refusal(byte[] content, String name, String mediaType) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> extractor.extract(content, name, mediaType));
        assertThat(refused).as("refusal of %s", name).isNotNull();
        assertThat(refused.field()).isEqualTo("file");
        return refused;
    }

    private static byte[] pdf(Consumer<PDDocument> build) throws IOException {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            build.accept(document);
            document.save(out);
            return out.toByteArray();
        }
    }

    private static void page(PDDocument document, String... lines) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
            content.beginText();
            content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
            content.newLineAtOffset(72, 700);
            for (String line : lines) {
                content.showText(line);
                content.newLineAtOffset(0, -16);
            }
            content.endText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
