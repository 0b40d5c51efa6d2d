package com.sintra.brain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.stereotype.Component;

import com.sintra.base.InvalidInputException;

/**
 * Turns an uploaded file into text: plain text, Markdown, HTML or PDF, told apart by content first where the
 * content is unambiguous (the PDF signature), then by file name, then by the declared media type, and for a
 * file with neither by sniffing for HTML. Everything else is refused with a message a person can act on.
 * The caller enforces the upload size limit.
 */
@Component
class TextExtractor {

    static final String FIELD = "file";


    private static final byte[] PDF_SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    // The PDF specification lets the signature sit anywhere in the first 1024 bytes.
    private static final int PDF_SIGNATURE_WINDOW = 1024;
    private static final Pattern HTML_START = Pattern.compile("\\A\\s*(<!--.*?-->\\s*)*<(!doctype\\s+html|html)[\\s>]",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private static final int MAX_TITLE_LENGTH = 200;

    // What office programs and browsers write when a document has no title of its own: "Microsoft Word -
    // report.docx" names the file, "about:blank" a printed empty tab.
    private static final Pattern OFFICE_PREFIX = Pattern.compile("(?i)^microsoft\\s+(word|excel|powerpoint)\\s*-\\s*");
    private static final Pattern DOCUMENT_EXTENSION = Pattern.compile("(?i)\\.(docx?|xlsx?|pptx?|odt|ods|odp|rtf|pdf|txt|md|html?)$");
    private static final Pattern MEANINGLESS_TITLE = Pattern.compile(
            "(?i)about:blank|untitled(\\s+document)?([\\s_-]*\\d+)?|document\\d*|new\\s+document|title|null|none|[\\p{Punct}\\s]*");

    private static final Pattern LINE_BREAKS = Pattern.compile("\\r\\n?");
    // Control characters other than tab and newline, and zero-width characters, carry no meaning in text.
    private static final Pattern INVISIBLE = Pattern.compile("[\\x00-\\x08\\x0B-\\x1F\\x7F\\u200B-\\u200D\\u2060\\uFEFF]");
    private static final Pattern ODD_SPACES = Pattern.compile("[\\u00A0\\u2000-\\u200A\\u202F\\u205F\\u3000]");
    private static final Pattern TRAILING_SPACES = Pattern.compile("[ \\t]+$", Pattern.MULTILINE);
    private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

    enum Format {
        PLAIN_TEXT("text/plain", "txt", "text"),
        MARKDOWN("text/markdown", "md", "markdown"),
        HTML("text/html", "html", "htm", "xhtml"),
        PDF("application/pdf", "pdf");

        final String mediaType;
        private final String[] extensions;

        Format(String mediaType, String... extensions) {
            this.mediaType = mediaType;
            this.extensions = extensions;
        }

        static Optional<Format> ofExtension(String extension) {
            return Arrays.stream(values()).filter(f -> Arrays.asList(f.extensions).contains(extension)).findFirst();
        }

        static Optional<Format> ofMediaType(String mediaType) {
            return switch (mediaType) {
                case "text/plain" -> Optional.of(PLAIN_TEXT);
                case "text/markdown", "text/x-markdown" -> Optional.of(MARKDOWN);
                case "text/html", "application/xhtml+xml" -> Optional.of(HTML);
                case "application/pdf" -> Optional.of(PDF);
                default -> Optional.empty();
            };
        }
    }

    /**
     * @param content           the file's bytes
     * @param fileName          as the browser or client sent it; may carry a path
     * @param declaredMediaType the upload's content type, or null; only used when the name does not tell
     * @throws InvalidInputException on field {@value #FIELD} when the file holds no text Sintra can read
     */
    ExtractedText extract(byte[] content, String fileName, String declaredMediaType) {
        if (content == null || content.length == 0) {
            throw refused("The file is empty");
        }
        String name = baseName(fileName);
        Format format = detect(content, name, declaredMediaType);
        ExtractedText extracted = switch (format) {
            case PLAIN_TEXT -> new ExtractedText("", decodeText(content), format.mediaType);
            case MARKDOWN -> {
                var markdown = MarkdownText.parse(decodeText(content));
                yield new ExtractedText(MarkdownText.title(markdown), MarkdownText.text(markdown), format.mediaType);
            }
            case HTML -> html(content);
            case PDF -> pdf(content);
        };
        String text = tidy(extracted.text());
        if (text.isEmpty()) {
            throw refused(format == Format.PDF
                    ? "This PDF has no extractable text; it may be a scan, which needs OCR first"
                    : "The file contains no text");
        }
        String title = meaningfulTitle(extracted.title());
        if (title.isEmpty()) {
            title = titleFromName(name);
        }
        if (title.length() > MAX_TITLE_LENGTH) {
            title = title.substring(0, MAX_TITLE_LENGTH).strip() + "…";
        }
        return new ExtractedText(title, text, extracted.mediaType());
    }

    private static Format detect(byte[] content, String name, String declaredMediaType) {
        if (hasPdfSignature(content)) {
            return Format.PDF;
        }
        String extension = extension(name);
        Optional<Format> byName = Format.ofExtension(extension);
        if (byName.isPresent()) {
            return byName.get();
        }
        String declared = declaredMediaType == null ? ""
                : declaredMediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        Optional<Format> byType = Format.ofMediaType(declared);
        if (byType.isPresent()) {
            return byType.get();
        }
        // Only a file whose name and type say nothing is sniffed; a .zip or an image/png is not a text file
        // even when its bytes happen to decode.
        boolean saysNothing = extension.isEmpty() && (declared.isEmpty() || declared.equals("application/octet-stream"));
        if (!saysNothing) {
            String what = !extension.isEmpty() ? "." + extension : declared;
            throw refused(DocumentUpload.unreadable(what));
        }
        String text = decodeText(content);
        return HTML_START.matcher(text).find() ? Format.HTML : Format.PLAIN_TEXT;
    }

    private static ExtractedText html(byte[] content) {
        rejectBinary(content);
        try {
            // A null charset lets jsoup honour a byte-order mark or a <meta charset>, defaulting to UTF-8.
            Document document = Jsoup.parse(new ByteArrayInputStream(content), null, "");
            String title = HtmlText.title(document);
            return new ExtractedText(title, HtmlText.text(document), Format.HTML.mediaType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExtractedText pdf(byte[] content) {
        try (PDDocument document = Loader.loadPDF(content)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            // A blank line between the paragraphs PDFBox recognises, so the chunker can cut there.
            stripper.setParagraphEnd("\n");
            String title = document.getDocumentInformation().getTitle();
            return new ExtractedText(title == null ? "" : title, stripper.getText(document), Format.PDF.mediaType);
        } catch (InvalidPasswordException e) {
            throw refused("This PDF is password-protected; upload a copy without a password");
        } catch (IOException e) {
            throw refused("This PDF could not be read; it may be damaged");
        }
    }

    /** Strict UTF-8 (or UTF-16 with a byte-order mark): anything else is binary or in an encoding we'd garble. */
    private static String decodeText(byte[] content) {
        Charset charset = StandardCharsets.UTF_8;
        int offset = 0;
        if (startsWith(content, 0xEF, 0xBB, 0xBF)) {
            offset = 3;
        } else if (startsWith(content, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            offset = 2;
        } else if (startsWith(content, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            offset = 2;
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, offset, content.length - offset))
                    .toString();
        } catch (CharacterCodingException e) {
            throw notText();
        }
        if (text.indexOf('\0') >= 0) {
            throw notText();
        }
        return text;
    }

    private static void rejectBinary(byte[] content) {
        boolean utf16 = startsWith(content, 0xFF, 0xFE) || startsWith(content, 0xFE, 0xFF);
        if (!utf16) {
            for (byte b : content) {
                if (b == 0) {
                    throw notText();
                }
            }
        }
    }

    private static String tidy(String text) {
        text = LINE_BREAKS.matcher(text).replaceAll("\n");
        text = INVISIBLE.matcher(text).replaceAll("");
        // Non-breaking and typographic spaces become plain ones, so words split where a reader sees them split.
        text = ODD_SPACES.matcher(text).replaceAll(" ");
        text = TRAILING_SPACES.matcher(text).replaceAll("");
        text = BLANK_LINES.matcher(text).replaceAll("\n\n");
        return text.strip();
    }

    private static boolean hasPdfSignature(byte[] content) {
        int window = Math.min(content.length, PDF_SIGNATURE_WINDOW) - PDF_SIGNATURE.length;
        for (int i = 0; i <= window; i++) {
            if (Arrays.equals(content, i, i + PDF_SIGNATURE.length, PDF_SIGNATURE, 0, PDF_SIGNATURE.length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return "";
        }
        // Some browsers send the client's full path, with either separator.
        String name = fileName.strip();
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The document's own title, without what a program added to it; empty when it says nothing. */
    static String meaningfulTitle(String embedded) {
        String title = tidy(embedded == null ? "" : embedded).replace('\n', ' ');
        title = OFFICE_PREFIX.matcher(title).replaceFirst("");
        title = DOCUMENT_EXTENSION.matcher(title).replaceFirst("").strip();
        return MEANINGLESS_TITLE.matcher(title).matches() ? "" : title;
    }

    private static String titleFromName(String name) {
        int dot = name.lastIndexOf('.');
        String title = (dot > 0 ? name.substring(0, dot) : name).strip();
        return title.isEmpty() ? "Untitled" : title;
    }

    private static InvalidInputException notText() {
        return refused("This file is not text: it holds binary data, or text in an encoding other than UTF-8");
    }

    private static InvalidInputException refused(String message) {
        return new InvalidInputException(FIELD, message);
    }
}
