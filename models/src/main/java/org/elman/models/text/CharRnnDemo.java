package org.elman.models.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Trains a small character-level LSTM on English text for a fixed time and samples from it.
 *
 * <pre>
 * usage: CharRnnDemo [--text FILE] [--seconds N] [--hidden H]
 * </pre>
 * Without {@code --text} it reads Debian's fortunes ({@code apt-get install fortunes}) when present,
 * else the GPL text bundled with this module.
 */
public final class CharRnnDemo {
    private static final Path FORTUNES = Path.of("/usr/share/games/fortunes");

    private CharRnnDemo() {}

    public static void main(String[] args) throws IOException {
        Path textFile = null;
        int seconds = 60;
        int hidden = 256;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
            switch (a) {
                case "--text": textFile = Path.of(args[++i]); break;
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--hidden": hidden = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown option " + a + "; usage: [--text FILE] [--seconds N] [--hidden H]");
            }
        }
        String text = textFile != null ? Files.readString(textFile) : defaultText();
        run(text, seconds, hidden);
    }

    private static void run(String text, int seconds, int hidden) {
        CharVocabulary vocab = CharVocabulary.of(text);
        System.out.printf("text: %,d characters, vocabulary of %d%n", text.length(), vocab.size());
        CharRnn model = CharRnn.builder().setVocabSize(vocab.size()).optHiddenSize(hidden).optSeed(7).build();
        CharRnnTrainer trainer = new CharRnnTrainer(model, vocab.encode(text), 32, 64, 3e-3, 5.0);
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        int step = 0;
        double smooth = Math.log(vocab.size());
        while (System.nanoTime() < deadline) {
            float loss = trainer.step();
            smooth = step == 0 ? loss : 0.95 * smooth + 0.05 * loss;
            step++;
            if (step % 25 == 0) {
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("step %4d  loss %.3f nats/char (%.2f bits)  %,.0f chars/s%n",
                        step, smooth, smooth / Math.log(2), step * trainer.charsPerStep() / secs);
            }
        }
        System.out.println("--- sample (temperature 0.7) ---");
        System.out.println(model.sample(vocab, "The ", 300, 0.7f, new Random(1)));
    }

    private static String defaultText() throws IOException {
        if (Files.isDirectory(FORTUNES)) {
            StringBuilder sb = new StringBuilder();
            try (Stream<Path> files = Files.list(FORTUNES)) {
                files.filter(p -> !p.toString().endsWith(".dat") && !p.toString().endsWith(".u8") && Files.isRegularFile(p))
                        .filter(p -> !p.getFileName().toString().contains("art"))
                        .sorted()
                        .forEach(p -> sb.append(readLenient(p)));
            }
            if (sb.length() > 0) {
                System.out.println("training on Debian's fortunes from " + FORTUNES);
                return sb.toString().replace("%\n", "\n").replaceAll("[^\\x20-\\x7e\\n]", "");
            }
        }
        System.out.println("fortunes not installed (sudo apt-get install fortunes); training on the bundled GPL text");
        try (InputStream in = CharRnnDemo.class.getResourceAsStream("LICENSE")) {
            if (in == null) throw new IOException("bundled text LICENSE missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readLenient(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
