package org.elman.models.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the LibriSpeech folder layout: {@code <root>/<speaker>/<chapter>/<speaker>-<chapter>.trans.txt}
 * with lines {@code <speaker>-<chapter>-<nnnn> TRANSCRIPT} and the audio next to it as
 * {@code <utt-id>.flac}. The root may be the folder holding the speakers (e.g.
 * {@code LibriSpeech/dev-clean}). Utterances come out sorted by id; every listed utterance must
 * have its FLAC file and an id that starts with {@code <speaker>-<chapter>-}.
 */
public final class LibriSpeechReader {
    private LibriSpeechReader() {
    }

    /** Reads every transcript file under {@code root}. */
    public static List<Utterance> read(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new DataFormatException(root, "LibriSpeech folder not found");
        List<Path> transcripts;
        try (Stream<Path> s = Files.find(root, 3, (p, a) -> a.isRegularFile() && p.toString().endsWith(".trans.txt"))) {
            transcripts = s.sorted().toList();
        }
        if (transcripts.isEmpty()) {
            throw new DataFormatException(root, "no <speaker>/<chapter>/<speaker>-<chapter>.trans.txt files found");
        }
        List<Utterance> out = new ArrayList<>();
        for (Path t : transcripts) readChapter(t, out);
        out.sort(Comparator.comparing(Utterance::id, KaldiIds.C_ORDER));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).id().equals(out.get(i - 1).id())) {
                throw new DataFormatException(root, "duplicate utterance id '" + out.get(i).id() + "'");
            }
        }
        return out;
    }

    private static void readChapter(Path trans, List<Utterance> out) throws IOException {
        Path chapterDir = trans.getParent();
        String chapter = chapterDir.getFileName().toString();
        String speaker = chapterDir.getParent().getFileName().toString();
        String expected = speaker + "-" + chapter;
        if (!trans.getFileName().toString().equals(expected + ".trans.txt")) {
            throw new DataFormatException(trans, "expected the name " + expected + ".trans.txt in " + speaker + "/" + chapter);
        }
        try (BufferedReader r = Files.newBufferedReader(trans, StandardCharsets.UTF_8)) {
            String s;
            int n = 0;
            while ((s = r.readLine()) != null) {
                n++;
                String line = s.strip();
                if (line.isEmpty()) continue;
                int sp = line.indexOf(' ');
                String id = sp < 0 ? line : line.substring(0, sp);
                if (!id.startsWith(expected + "-")) {
                    throw new DataFormatException(trans, n, "utterance id '" + id + "' does not start with '" + expected + "-'");
                }
                Path flac = chapterDir.resolve(id + ".flac");
                if (!Files.isRegularFile(flac)) throw new DataFormatException(trans, n, "audio file missing: " + flac);
                out.add(Utterance.whole(id, speaker, flac, sp < 0 ? "" : line.substring(sp + 1).strip()));
            }
        }
    }
}
