package com.sintra.brain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The benchmark's synthetic corpus: {@code chunks} vectors of 384 dimensions in {@code workspaces} workspaces of
 * Zipf-like sizes, clustered the way sentence embeddings are. Everything is derived from the seed, so the same
 * arguments always give the same corpus and the same queries (a kept corpus needs no stored vectors).
 * <p>
 * Structure, from coarse to fine: a direction every embedding shares (sentence embeddings are anisotropic: two
 * unrelated passages still have a positive cosine), themes, topics within themes, documents about a topic, and
 * chunks of a document. A workspace holds documents on a few topics of a few themes; topics are shared between
 * workspaces, so a filtered scan of the shared index meets many near neighbours from other workspaces, as it
 * would with real tenants. Below the topic level, variation runs mostly along a few dozen directions of the
 * theme rather than all 384 (isotropic noise there gives a local intrinsic dimensionality well above that of real
 * sentence embeddings). The spreads were calibrated against all-MiniLM-L6-v2 on 9,079 chunks of real text with 400
 * held-out sentence queries, on the similarity profile (pair and neighbour similarities, relative contrast,
 * intrinsic dimensionality) and on HNSW recall@10 at equal size (m 16, ef_construction 64): real 0.968 / 0.990 /
 * 0.997, synthetic 0.971 / 0.988 / 0.990 at ef_search 40 / 100 / 200 (docs/performance.md). The benchmark prints
 * both profiles side by side.
 */
final class BenchCorpus {

    static final int DIM = 384;
    /** Bumped whenever generation changes, so a kept corpus of an older shape is reloaded. */
    static final int GENERATOR_VERSION = 5;

    /**
     * Noise norms relative to the unit vector they perturb (see the class comment). Below the topic level the noise
     * is mostly confined to {@code rank} directions of the topic (text about one subject varies along few axes);
     * {@code isotropic} is the share of its variance spread over all 384 dimensions.
     */
    record Shape(double globalWeight, double topicSpread, double docSpread, double chunkSpread, double querySpread,
                 int rank, double isotropic) {
    }

    static final Shape SHAPE = new Shape(0.38, 1.1, 0.8, 0.8, 1.5, 128, 0.5);

    static final int THEMES = 64;
    static final int TOPICS = 4096;

    final int chunks;
    final int workspaces;
    final long seed;
    final Shape shape;
    /** Chunks per workspace, largest first. */
    final int[] workspaceSize;
    final int[][] workspaceDocs;
    final int[] docWorkspace;
    final int[] docTopic;
    final int[] docChunks;
    private final float[] mean;
    private final float[][] topics;
    /** Per theme, derived on first use; deterministic, so a race only computes the same basis twice. */
    private final float[][][] bases = new float[THEMES][][];

    BenchCorpus(int chunks, int workspaces, double largestShare, long seed) {
        this(chunks, workspaces, largestShare, seed, SHAPE);
    }

    BenchCorpus(int chunks, int workspaces, double largestShare, long seed, Shape shape) {
        this.chunks = chunks;
        this.workspaces = workspaces;
        this.seed = seed;
        this.shape = shape;
        this.workspaceSize = sizes(chunks, workspaces, largestShare);
        SplittableRandom random = new SplittableRandom(seed);
        mean = unit(random);
        float[][] themes = new float[THEMES][];
        for (int i = 0; i < THEMES; i++) {
            themes[i] = unit(random);
        }
        topics = new float[TOPICS][];
        for (int i = 0; i < TOPICS; i++) {
            topics[i] = perturb(themes[i % THEMES], shape.topicSpread(), random);
        }
        // Documents: workspace by workspace, sizes log-normal around ~24 chunks (a few pages), the last one cut to fit.
        int[] wsOfDoc = new int[chunks];
        int[] topicOfDoc = new int[chunks];
        int[] sizeOfDoc = new int[chunks];
        workspaceDocs = new int[workspaces][];
        int docs = 0;
        for (int w = 0; w < workspaces; w++) {
            int[] wsTopics = topicsOf(workspaceSize[w], random);
            int first = docs;
            int left = workspaceSize[w];
            while (left > 0) {
                int size = (int) Math.max(1, Math.min(200, Math.round(Math.exp(Math.log(24) + 0.8 * random.nextGaussian()))));
                size = Math.min(size, left);
                wsOfDoc[docs] = w;
                topicOfDoc[docs] = wsTopics[random.nextInt(wsTopics.length)];
                sizeOfDoc[docs] = size;
                docs++;
                left -= size;
            }
            workspaceDocs[w] = java.util.stream.IntStream.range(first, docs).toArray();
        }
        docWorkspace = Arrays.copyOf(wsOfDoc, docs);
        docTopic = Arrays.copyOf(topicOfDoc, docs);
        docChunks = Arrays.copyOf(sizeOfDoc, docs);
    }

    int documents() {
        return docChunks.length;
    }

    /**
     * Zipf-like sizes: the largest holds {@code largestShare} of all chunks, the i-th largest holds largest / i^a,
     * with a chosen so that the sizes add up to {@code chunks}.
     */
    static int[] sizes(int chunks, int workspaces, double largestShare) {
        int largest = (int) Math.round(chunks * largestShare);
        double lo = 0.01;
        double hi = 8;
        for (int i = 0; i < 100; i++) {
            double a = (lo + hi) / 2;
            double sum = 0;
            for (int r = 1; r <= workspaces; r++) {
                sum += largest * Math.pow(r, -a);
            }
            if (sum > chunks) {
                lo = a;
            } else {
                hi = a;
            }
        }
        double a = (lo + hi) / 2;
        int[] sizes = new int[workspaces];
        long total = 0;
        for (int r = 1; r <= workspaces; r++) {
            sizes[r - 1] = Math.max(1, (int) Math.floor(largest * Math.pow(r, -a)));
            total += sizes[r - 1];
        }
        sizes[0] = largest;
        total = Arrays.stream(sizes).asLongStream().sum();
        // Hand the rounding remainder out one chunk at a time, bigger workspaces first (never to the largest).
        for (int r = 1; total != chunks; r = r % (workspaces - 1) + 1) {
            if (total < chunks) {
                sizes[r]++;
                total++;
            } else if (sizes[r] > 1) {
                sizes[r]--;
                total--;
            }
        }
        return sizes;
    }

    /** A workspace covers more topics the bigger it is, drawn from a few themes. */
    private static int[] topicsOf(int size, SplittableRandom random) {
        int count = (int) Math.max(2, Math.min(400, Math.round(Math.sqrt(size) / 2)));
        int themes = (int) Math.max(1, Math.min(THEMES, Math.ceil(count / 12.0)));
        int[] chosenThemes = random.ints(0, THEMES).distinct().limit(themes).toArray();
        int perTheme = TOPICS / THEMES;
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = chosenThemes[random.nextInt(themes)] + THEMES * random.nextInt(perTheme);
        }
        return out;
    }

    /** The stored vectors of a document's chunks, in position order. */
    float[][] documentVectors(int doc) {
        float[][] raw = rawChunks(doc);
        for (int i = 0; i < raw.length; i++) {
            raw[i] = withMean(raw[i]);
        }
        return raw;
    }

    /** A query near a random chunk of the workspace: a question about something the workspace holds. */
    float[] query(int workspace, SplittableRandom random) {
        int target = random.nextInt(workspaceSize[workspace]);
        for (int doc : workspaceDocs[workspace]) {
            if (target < docChunks[doc]) {
                float[] chunk = rawChunks(doc)[target];
                return withMean(perturb(chunk, shape.querySpread(), basis(docTopic[doc]), random));
            }
            target -= docChunks[doc];
        }
        throw new IllegalStateException("workspace sizes and documents disagree");
    }

    private float[][] rawChunks(int doc) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + doc * 0xC2B2AE3D27D4EB4FL + 17);
        float[][] basis = basis(docTopic[doc]);
        float[] centre = perturb(topics[docTopic[doc]], shape.docSpread(), basis, random);
        float[][] out = new float[docChunks[doc]][];
        for (int i = 0; i < out.length; i++) {
            out[i] = perturb(centre, shape.chunkSpread(), basis, random);
        }
        return out;
    }

    /**
     * The directions along which text within a theme varies, weighted 1/sqrt(j+1) and scaled to unit expected norm;
     * derived from the seed, shared by the theme's topics.
     */
    private float[][] basis(int topic) {
        if (shape.rank() == 0) {
            return null;
        }
        int theme = topic % THEMES;
        float[][] cached = bases[theme];
        if (cached == null) {
            cached = bases[theme] = newBasis(theme);
        }
        return cached;
    }

    private float[][] newBasis(int theme) {
        SplittableRandom random = new SplittableRandom(seed * 31 + theme * 0x632BE59BD9B4E019L + 5);
        double total = 0;
        for (int j = 0; j < shape.rank(); j++) {
            total += 1.0 / (j + 1);
        }
        float[][] basis = new float[shape.rank()][];
        for (int j = 0; j < shape.rank(); j++) {
            float[] v = unit(random);
            float w = (float) Math.sqrt(1.0 / (j + 1) / total);
            for (int i = 0; i < DIM; i++) {
                v[i] *= w;
            }
            basis[j] = v;
        }
        return basis;
    }

    /** normalise(v + spread * noise): noise mostly along the basis, the isotropic share over all dimensions. */
    private float[] perturb(float[] v, double spread, float[][] basis, SplittableRandom random) {
        if (basis == null) {
            return perturb(v, spread, random);
        }
        double iso = Math.sqrt(shape.isotropic()) * spread / Math.sqrt(DIM);
        double low = Math.sqrt(1 - shape.isotropic()) * spread;
        float[] out = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            out[i] = (float) (v[i] + iso * random.nextGaussian());
        }
        for (float[] b : basis) {
            float g = (float) (low * random.nextGaussian());
            for (int i = 0; i < DIM; i++) {
                out[i] += g * b[i];
            }
        }
        return normalise(out);
    }

    private float[] withMean(float[] v) {
        float[] out = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            out[i] = (float) (v[i] + shape.globalWeight() * mean[i]);
        }
        return normalise(out);
    }

    /** normalise(v + spread * g), g a Gaussian vector of expected norm 1. */
    private static float[] perturb(float[] v, double spread, SplittableRandom random) {
        float[] out = new float[DIM];
        double scale = spread / Math.sqrt(DIM);
        for (int i = 0; i < DIM; i++) {
            out[i] = (float) (v[i] + scale * random.nextGaussian());
        }
        return normalise(out);
    }

    private static float[] unit(SplittableRandom random) {
        float[] out = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return normalise(out);
    }

    static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    // --- similarity profile (for calibrating against real embeddings) ---------------------------

    /**
     * @param pairMean   mean cosine of two random chunks (anisotropy)
     * @param pairP95    95th percentile of that
     * @param nearest    median cosine of a chunk to its nearest other chunk
     * @param top1       median cosine of a query to its nearest chunk
     * @param top10      median cosine of a query to its 10th nearest chunk
     * @param contrast   median relative contrast: mean distance / 10th-nearest distance (lower is harder for ANN)
     * @param lid        median local intrinsic dimensionality at the queries (maximum-likelihood estimate from the
     *                   20 nearest distances; higher is harder for ANN)
     */
    record Profile(int chunks, int queries, double pairMean, double pairP95, double nearest, double top1, double top10,
                   double contrast, double lid) {
    }

    static Profile profile(java.util.List<float[]> set, java.util.List<float[]> queries, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = set.size();
        double[] pairs = new double[20_000];
        for (int i = 0; i < pairs.length; i++) {
            int a = random.nextInt(n);
            int b = random.nextInt(n - 1);
            pairs[i] = cosine(set.get(a), set.get(b >= a ? b + 1 : b));
        }
        Arrays.sort(pairs);
        double pairMean = Arrays.stream(pairs).average().orElse(0);
        int samples = Math.min(300, n);
        double[] nearest = new double[samples];
        for (int s = 0; s < samples; s++) {
            int a = random.nextInt(n);
            double best = -1;
            for (int b = 0; b < n; b++) {
                if (b != a) {
                    best = Math.max(best, cosine(set.get(a), set.get(b)));
                }
            }
            nearest[s] = best;
        }
        double[] top1 = new double[queries.size()];
        double[] top10 = new double[queries.size()];
        double[] contrast = new double[queries.size()];
        double[] lid = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            double[] sims = new double[n];
            double distanceSum = 0;
            for (int b = 0; b < n; b++) {
                sims[b] = cosine(queries.get(q), set.get(b));
                distanceSum += 1 - sims[b];
            }
            Arrays.sort(sims);
            top1[q] = sims[n - 1];
            top10[q] = sims[Math.max(0, n - 10)];
            contrast[q] = (distanceSum / n) / Math.max(1e-9, 1 - top10[q]);
            int k = Math.min(20, n - 1);
            double dk = euclidean(sims[n - k]);
            double sum = 0;
            for (int i = 1; i <= k; i++) {
                sum += Math.log(Math.max(1e-9, euclidean(sims[n - i])) / dk);
            }
            lid[q] = -k / sum;
        }
        return new Profile(n, queries.size(), pairMean, pairs[(int) (pairs.length * 0.95)], median(nearest), median(top1),
                median(top10), median(contrast), median(lid));
    }

    /** Euclidean distance between unit vectors of the given cosine. */
    private static double euclidean(double cosine) {
        return Math.sqrt(Math.max(0, 2 - 2 * cosine));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    // --- ids and COPY text ----------------------------------------------------------------------

    static UUID id(String kind, long n) {
        return UUID.nameUUIDFromBytes(("sintra-bench/" + kind + "/" + n).getBytes(StandardCharsets.UTF_8));
    }

    static UUID workspaceId(int w) {
        return id("workspace", w);
    }

    static UUID knowledgeBaseId(int w) {
        return id("kb", w);
    }

    static UUID documentId(int doc) {
        return id("doc", doc);
    }

    /** A pgvector text literal, six decimals: fast to write and to parse, and exact enough for unit vectors. */
    static void appendVector(StringBuilder out, float[] v) {
        out.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            long q = Math.round(v[i] * 1_000_000.0);
            if (q < 0) {
                out.append('-');
                q = -q;
            }
            out.append(q / 1_000_000).append('.');
            long frac = q % 1_000_000;
            for (long p = 100_000; p > 0; p /= 10) {
                out.append((char) ('0' + (frac / p) % 10));
            }
        }
        out.append(']');
    }

    /** COPY text format escaping for a text column. */
    static String copyText(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
