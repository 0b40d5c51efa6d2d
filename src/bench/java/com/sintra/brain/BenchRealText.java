package com.sintra.brain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Real English text already on the machine, for the benchmark's real-text slice: manual pages (troff stripped to
 * plain text), then package READMEs and licence texts. Deterministic for a given machine and seed. Documents are
 * chunked with the application's own {@link Chunker} settings, and a document is skipped when any of its chunks
 * repeats one already taken (licence boilerplate), so raw embedding and ingestion embed exactly the same texts.
 */
final class BenchRealText {

    /** A real document as it will be uploaded (a .txt file) and the chunks ingestion will cut from it. */
    record Doc(String name, String text, List<Chunk> chunks) {
    }

    record Slice(List<Doc> docs, List<String> queries, List<String> shortQueries, String source) {
        int chunkCount() {
            return docs.stream().mapToInt(d -> d.chunks().size()).sum();
        }

        List<String> chunkTexts() {
            return docs.stream().flatMap(d -> d.chunks().stream()).map(Chunk::content).toList();
        }
    }

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[a-z][.?!])\\s+(?=[A-Z])");
    private static final Pattern FONT = Pattern.compile("\\\\f(\\[[^]]*]|\\(..|.)");
    private static final Pattern SPECIAL = Pattern.compile("\\\\\\((..)");
    private static final Pattern STRING = Pattern.compile("\\\\\\*(\\[[^]]*]|\\(..|.)");
    private static final Pattern SIZE = Pattern.compile("\\\\s[-+]?\\d+");
    private static final Pattern OTHER_ESCAPE = Pattern.compile("\\\\[,/|^&c%:)]");
    private static final Pattern MACRO_ARGS = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private BenchRealText() {
    }

    /**
     * @param chunkBudget chunks to take for the corpus (documents are whole, so a little more)
     * @param queries     real sentences to use as search queries, from documents not taken (a person's question is
     *                    rarely a verbatim sentence of the passage); from taken ones only if those run out
     */
    static Slice load(Chunker chunker, TextExtractor extractor, int chunkBudget, int queries, int shortQueries, long seed) {
        Random random = new Random(seed);
        List<Path> files = new ArrayList<>(candidates("/usr/share/man/man1", "/usr/share/man/man8"));
        Collections.sort(files);
        Collections.shuffle(files, random);
        List<Path> others = new ArrayList<>(candidates("/usr/share/doc", "/usr/share/common-licenses"));
        Collections.sort(others);
        Collections.shuffle(others, random);
        files.addAll(others);

        List<Doc> docs = new ArrayList<>();
        List<String> heldOutSentences = new ArrayList<>();
        Set<String> seenChunks = new HashSet<>();
        Set<String> seenDocs = new HashSet<>();
        int chunks = 0;
        int heldOutWanted = queries + shortQueries;
        for (Path file : files) {
            if (chunks >= chunkBudget && heldOutSentences.size() >= heldOutWanted) {
                break;
            }
            String text = read(file);
            if (text == null || words(text) < 120 || !seenDocs.add(text)) {
                continue;
            }
            String name = file.getFileName().toString().replaceAll("\\.gz$", "") + ".txt";
            if (chunks >= chunkBudget) {
                heldOutSentences.addAll(sentences(text));
                continue;
            }
            List<Chunk> split;
            try {
                split = chunker.split(extractor.extract(text.getBytes(StandardCharsets.UTF_8), name, "text/plain").text());
            } catch (RuntimeException unreadable) {
                continue;
            }
            if (split.isEmpty() || split.stream().anyMatch(c -> seenChunks.contains(c.content()))) {
                continue;
            }
            split.forEach(c -> seenChunks.add(c.content()));
            docs.add(new Doc(name, text, split));
            chunks += split.size();
        }
        if (docs.isEmpty()) {
            throw new IllegalStateException("No real text found under /usr/share/man or /usr/share/doc");
        }
        List<String> inCorpusSentences = new ArrayList<>();
        docs.forEach(d -> inCorpusSentences.addAll(sentences(d.text())));
        Collections.shuffle(heldOutSentences, random);
        Collections.shuffle(inCorpusSentences, random);

        List<String> searchQueries = new ArrayList<>(heldOutSentences.subList(0, Math.min(queries, heldOutSentences.size())));
        for (int i = 0; searchQueries.size() < queries && i < inCorpusSentences.size(); i++) {
            searchQueries.add(inCorpusSentences.get(i));
        }
        // Short queries (3 to 10 words, as people type them), all different so no cache could help.
        Set<String> shorts = new java.util.LinkedHashSet<>();
        List<String> pool = new ArrayList<>(heldOutSentences.subList(Math.min(queries, heldOutSentences.size()),
                heldOutSentences.size()));
        pool.addAll(inCorpusSentences);
        for (String sentence : pool) {
            if (shorts.size() >= shortQueries) {
                break;
            }
            String[] words = sentence.split("\\s+");
            int n = Math.min(words.length, 3 + random.nextInt(8));
            shorts.add(String.join(" ", java.util.Arrays.copyOf(words, n)).replaceAll("[.,;:]$", ""));
        }
        String source = files.isEmpty() ? "none" : "manual pages (/usr/share/man/man1, man8), package docs and licences";
        return new Slice(List.copyOf(docs), List.copyOf(searchQueries), List.copyOf(shorts), source);
    }

    private static List<Path> candidates(String... roots) {
        List<Path> found = new ArrayList<>();
        for (String root : roots) {
            Path dir = Path.of(root);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir, 3)) {
                walk.filter(Files::isRegularFile).filter(p -> {
                    String name = p.getFileName().toString();
                    if (root.contains("/man/")) {
                        return name.matches(".*\\.[18][a-z0-9]*(\\.gz)?");
                    }
                    return name.equals("copyright") || name.startsWith("README") || name.endsWith(".md")
                            || name.endsWith(".md.gz") || root.endsWith("common-licenses");
                }).forEach(found::add);
            } catch (IOException | UncheckedIOException e) {
                // an unreadable folder just contributes nothing
            }
        }
        return found;
    }

    private static String read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            byte[] bytes = in.readNBytes(400_000);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\u0000') >= 0 || text.startsWith(".so ")) {
                return null;
            }
            boolean troff = file.toString().contains("/man/");
            return (troff ? stripTroff(text) : text).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Good enough troff-to-text for man(7) pages: macros become paragraph breaks, escapes become characters. */
    static String stripTroff(String source) {
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\\r?\\n")) {
            if (line.startsWith(".\\\"") || line.startsWith("'\\\"") || line.startsWith("\\\"")) {
                continue;
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                String body = line.substring(1).strip();
                int space = body.indexOf(' ');
                String macro = space < 0 ? body : body.substring(0, space);
                String args = space < 0 ? "" : body.substring(space + 1);
                switch (macro) {
                    case "SH", "SS" -> out.append("\n\n").append(unescape(unquote(args, " "))).append("\n\n");
                    case "PP", "P", "LP", "sp", "TP", "HP", "RS", "RE", "Sh", "Pp" -> out.append("\n\n");
                    case "IP" -> out.append("\n\n").append(unescape(firstArg(args))).append(' ');
                    case "B", "I", "SM", "SB", "Nm", "Ar", "Fl", "Xr" -> out.append(unescape(unquote(args, " "))).append('\n');
                    case "BR", "RB", "IR", "RI", "BI", "IB" -> out.append(unescape(unquote(args, ""))).append('\n');
                    case "br" -> out.append('\n');
                    default -> {
                        // TH, de, ds, nr, if, ie, el, nf, fi, in, ft, ... carry no prose
                    }
                }
                continue;
            }
            out.append(unescape(line)).append('\n');
        }
        return out.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    }

    private static String unquote(String args, String joiner) {
        List<String> parts = new ArrayList<>();
        Matcher m = MACRO_ARGS.matcher(args);
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return String.join(joiner, parts);
    }

    private static String firstArg(String args) {
        Matcher m = MACRO_ARGS.matcher(args);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "";
    }

    private static String unescape(String text) {
        String t = FONT.matcher(text).replaceAll("");
        t = SPECIAL.matcher(t).replaceAll(r -> switch (r.group(1)) {
            case "aq", "cq", "oq" -> "'";
            case "dq", "lq", "rq" -> "\"";
            case "em" -> "—";
            case "en", "mi", "hy" -> "-";
            case "bu" -> "•";
            case "co" -> "©";
            case "ga" -> "`";
            case "ti" -> "~";
            case "ha" -> "^";
            case "rs" -> "\\\\";
            default -> " ";
        });
        t = STRING.matcher(t).replaceAll("");
        t = SIZE.matcher(t).replaceAll("");
        t = OTHER_ESCAPE.matcher(t).replaceAll("");
        return t.replace("\\-", "-").replace("\\e", "\\").replace("\\ ", " ").replace("\\~", " ").replace("\\0", " ");
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    /** Prose sentences of 6 to 30 words: the kind of line a person might search with. */
    private static List<String> sentences(String text) {
        List<String> found = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            String flat = paragraph.replaceAll("\\s+", " ").strip();
            for (String sentence : SENTENCE_END.split(flat)) {
                int n = words(sentence);
                long letters = sentence.chars().filter(Character::isLetter).count();
                if (n >= 6 && n <= 30 && letters > sentence.length() * 0.7 && Character.isUpperCase(sentence.charAt(0))) {
                    found.add(sentence);
                }
            }
        }
        return found;
    }
}
