package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elman.audio.AudioData;
import org.elman.audio.io.AudioFiles;
import org.elman.audio.io.WavWriter;
import org.elman.ctc.lm.NgramLmBuilder;
import org.elman.models.io.ModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman transcribe} with a tiny yes/no TDNN trained by {@link YesNoModel}. */
class TranscribeCommandTest {
    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws Exception {
        model = YesNoModel.file();
    }

    private static Cli transcribe(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "transcribe";
        all[1] = "--model";
        all[2] = model.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    @Test
    void textOfOneFileEqualsRecognizerAndRealTimeFactor() throws Exception {
        Cli r = transcribe(YesNoModel.audio("yes_enus_m3").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("yes\n", r.out());
        for (String id : List.of("yes_enus_m3", "no_enus_f4", "down_en_m1")) {
            String offline = ModelFiles.load(model).recognizer().recognize(YesNoModel.audio(id)).text();
            assertEquals(offline + "\n", transcribe(YesNoModel.audio(id).toString()).out(), "same as Recognizer for " + id);
        }
        assertTrue(r.err().matches("(?s)RTF \\d+\\.\\d{3} \\(.* s for 0\\.\\d\\d s of audio, 1 worker\\)\n"), r.err());
    }

    @Test
    void kaldiDirWithTwoWorkersGivesEveryTranscriptInOrder() throws Exception {
        Cli r = transcribe(YesNoModel.DATA.toString(), "--workers", "2");
        assertEquals(0, r.exitCode(), r.err());
        List<String> expected = Files.readAllLines(YesNoModel.DATA.resolve("text"));
        assertEquals(expected, Arrays.asList(r.out().split("\n")));
        assertTrue(r.err().contains("2 workers"), r.err());
    }

    @Test
    void jsonHasTimedWordsWithConfidence() throws Exception {
        Cli r = transcribe(YesNoModel.audio("down_en_m1").toString(), "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("down_en_m1", o.get("id").asText());
        assertEquals("down", o.get("text").asText());
        JsonNode w = o.get("words").get(0);
        assertEquals(1, o.get("words").size());
        assertEquals("down", w.get("word").asText());
        double start = w.get("start").asDouble();
        double end = w.get("end").asDouble();
        assertTrue(start >= 0 && start < end && end <= o.get("duration").asDouble() + 0.03, r.out());
        assertTrue(w.get("confidence").asDouble() > 0.3 && w.get("confidence").asDouble() <= 1, r.out());
    }

    /**
     * Two words in two windows of 0.429 s (6864 samples, the length of the first file; the tiny
     * model is thrown off by long digital silence, so the second word is cut to that length inside
     * its trailing silence): windowed decoding keeps times from the input start.
     */
    @Test
    void longInputInWindowsGivesIncreasingWordTimesSrtAndVtt() throws Exception {
        Path wav = yesDown();
        Cli json = transcribe(wav.toString(), "--window", "0.429", "--format", "json");
        assertEquals(0, json.exitCode(), json.err());
        JsonNode o = new ObjectMapper().readTree(json.out());
        assertEquals("yes down", o.get("text").asText());
        JsonNode words = o.get("words");
        assertTrue(words.get(0).get("end").asDouble() <= words.get(1).get("start").asDouble(), json.out());
        assertTrue(words.get(1).get("start").asDouble() >= 0.429, json.out());
        assertEquals(0.858, o.get("duration").asDouble(), 1e-9);

        Cli srt = transcribe(wav.toString(), "--window", "0.429", "--format", "srt");
        assertEquals(0, srt.exitCode(), srt.err());
        assertTrue(srt.out().matches("1\n00:00:00,\\d{3} --> 00:00:0[01],\\d{3}\nyes down\n\n"), srt.out());
        Cli vtt = transcribe(wav.toString(), "--window", "0.429", "--format", "vtt");
        assertTrue(vtt.out().matches("WEBVTT\n\n00:00:00\\.\\d{3} --> 00:00:0[01]\\.\\d{3}\nyes down\n\n"), vtt.out());
    }

    /** "yes" then "down", 6864 samples each. */
    private Path yesDown() throws Exception {
        Path wav = tmp.resolve("yes-down.wav");
        float[] yes = AudioFiles.read(YesNoModel.audio("yes_en_m1"), 16000).samples();
        float[] down = AudioFiles.read(YesNoModel.audio("down_en_m1"), 16000).samples();
        assertEquals(6864, yes.length);
        float[] s = Arrays.copyOf(yes, 2 * yes.length);
        System.arraycopy(down, 0, s, yes.length, yes.length);
        WavWriter.writePcm16(wav, new AudioData(s, 16000));
        return wav;
    }

    /** NeMo offset and duration select a segment of the file. */
    @Test
    void manifestSegmentsAreCutFromTheirFile() throws Exception {
        Path wav = yesDown();
        Path manifest = tmp.resolve("segments.jsonl");
        Files.writeString(manifest, "{\"audio_filepath\": \"yes-down.wav\", \"offset\": 0.429, \"duration\": 0.429, \"text\": \"down\", \"utt_id\": \"second\"}\n"
                + "{\"audio_filepath\": \"" + wav + "\", \"duration\": 0.429, \"text\": \"yes\", \"utt_id\": \"first\"}\n");
        Cli r = transcribe(manifest.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("second down\nfirst yes\n", r.out());
        assertTrue(r.err().contains("for 0.86 s of audio"), r.err());
    }

    @Test
    void subtitleCuesRespectDurationAndLength() {
        List<Transcript.Word> words = List.of(new Transcript.Word("yes", 0.5, 1.0, 1), new Transcript.Word("no", 6.0, 7.6, 1),
                new Transcript.Word("a".repeat(40), 8.0, 9.0, 1));
        List<Subtitles.Cue> cues = Subtitles.cues(words);
        assertEquals(List.of(new Subtitles.Cue(0.5, 1.0, "yes"), new Subtitles.Cue(6.0, 7.6, "no"),
                new Subtitles.Cue(8.0, 9.0, "a".repeat(40))), cues);
        assertEquals("01:02:03,457", Subtitles.time(3723.4567, ','));
    }

    @Test
    void beamWithLmHotWordsAndNBest() throws Exception {
        Path arpa = tmp.resolve("yesno.arpa");
        Files.writeString(arpa, NgramLmBuilder.builder().setOrder(2).build().buildArpa(List.of("yes", "no", "up", "down")));
        Cli r = transcribe(YesNoModel.audio("up_enus_f2").toString(), "--lm", arpa.toString(), "--alpha", "0.3",
                "--hotword", "up:1.5", "--nbest", "3", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertEquals("up", o.get("text").asText());
        JsonNode hyps = o.get("nbest").get(0).get("hypotheses");
        assertEquals(3, hyps.size(), r.out());
        assertEquals("up", hyps.get(0).get("text").asText());
        assertTrue(hyps.get(0).get("score").asDouble() >= hyps.get(1).get("score").asDouble(), r.out());
    }

    @Test
    void wavOnStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(YesNoModel.audio("no_enus_f4"))));
            Cli r = transcribe("-");
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("no\n", r.out());
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void outDirGetsOneSubtitleFilePerInput() throws Exception {
        Path manifest = tmp.resolve("m.json");
        Map<String, String> utts = new LinkedHashMap<>(Map.of("yes_enus_f2", "yes", "down_enus_m3", "down"));
        StringBuilder sb = new StringBuilder();
        utts.forEach((id, text) -> sb.append("{\"audio_filepath\": \"").append(YesNoModel.audio(id)).append("\", \"duration\": 5.0, \"text\": \"")
                .append(text).append("\"}\n"));
        Files.writeString(manifest, sb.toString());
        assertEquals(2, transcribe(manifest.toString(), "--format", "vtt").exitCode(), "several inputs to stdout as vtt");
        Cli r = transcribe(manifest.toString(), "--format", "vtt", "--out-dir", tmp.resolve("subs").toString());
        assertEquals(0, r.exitCode(), r.err());
        for (Map.Entry<String, String> e : utts.entrySet()) {
            String vtt = Files.readString(tmp.resolve("subs").resolve(e.getKey() + ".vtt"));
            assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.") && vtt.endsWith("\n" + e.getValue() + "\n\n"), vtt);
        }
    }

    @Test
    void errorsAreOneLineWithExitCodes() throws Exception {
        Cli missingModel = Cli.run("transcribe", "--model", tmp.resolve("nope.safetensors").toString(), YesNoModel.audio("yes_en_m1").toString());
        assertEquals(1, missingModel.exitCode());
        assertEquals(1, missingModel.errLines().length, missingModel.err());
        assertTrue(missingModel.err().startsWith("elman transcribe: " + tmp.resolve("nope.safetensors") + ": model file not found"), missingModel.err());

        Cli missingAudio = transcribe(tmp.resolve("none.wav").toString());
        assertEquals(1, missingAudio.exitCode());
        assertEquals("elman transcribe: " + tmp.resolve("none.wav") + ": input not found", missingAudio.errLines()[0]);

        Path junk = tmp.resolve("junk.wav");
        Files.writeString(junk, "not audio at all");
        Cli bad = transcribe(junk.toString());
        assertEquals(1, bad.exitCode());
        assertEquals(1, bad.errLines().length, "nothing decoded, so no real-time factor: " + bad.err());
        assertTrue(bad.errLines()[0].startsWith("elman transcribe: " + junk), bad.err());

        Cli notAModel = Cli.run("transcribe", "--model", junk.toString(), junk.toString());
        assertEquals(1, notAModel.exitCode());
        assertEquals(1, notAModel.errLines().length, notAModel.err());
        assertTrue(notAModel.err().startsWith("elman transcribe: " + junk + ": "), notAModel.err());

        Cli badFormat = transcribe(YesNoModel.audio("yes_en_m1").toString(), "--format", "docx");
        assertEquals(2, badFormat.exitCode());
        assertTrue(badFormat.err().contains("--format"), badFormat.err());
        assertEquals(2, transcribe(YesNoModel.audio("yes_en_m1").toString(), "--hotword", "yes").exitCode());
        assertEquals(2, transcribe(YesNoModel.audio("yes_en_m1").toString(), "--beam", "1", "--nbest", "2").exitCode());
        Cli badThreshold = transcribe(YesNoModel.audio("yes_en_m1").toString(), "--token-threshold", "-1");
        assertEquals(2, badThreshold.exitCode());
        assertTrue(badThreshold.err().contains("--token-threshold must be > 0, got -1.0"), badThreshold.err());
    }

    @Test
    void aBadFileInAFolderIsReportedAndTheOthersStillDecoded() throws Exception {
        Path dir = tmp.resolve("folder");
        Files.createDirectories(dir.resolve("sub"));
        Files.copy(YesNoModel.audio("no_enus_m3"), dir.resolve("sub").resolve("a.wav"));
        Files.writeString(dir.resolve("b.wav"), "RIFF but not really");
        Files.copy(YesNoModel.audio("up_enus_m3"), dir.resolve("c.flac.wav"));
        Cli r = transcribe(dir.toString(), "--workers", "2");
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("c.flac up\nsub/a no\n", r.out());
        assertTrue(r.errLines()[0].startsWith("elman transcribe: " + dir.resolve("b.wav") + ": "), r.err());
        assertEquals("elman transcribe: 1 of 3 inputs failed", r.errLines()[1]);
        assertTrue(r.errLines()[2].startsWith("RTF "), "the decoded inputs' real-time factor: " + r.err());
        assertEquals(3, r.errLines().length, r.err());
    }

    @Test
    void bundledModelFolderBringsItsLanguageModelUnlessNoLm() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home/models/default"));
        Files.copy(model, dir.resolve("tiny.safetensors"));
        String arpa = NgramLmBuilder.builder().setOrder(2).build().buildArpa(List.of("yes", "no", "up", "down"));
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("words.arpa.gz")))) {
            out.write(arpa.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String saved = System.getProperty(DecodeSettings.HOME_PROPERTY);
        System.setProperty(DecodeSettings.HOME_PROPERTY, tmp.resolve("home").toString());
        try {
            String wav = YesNoModel.audio("yes_enus_m3").toString();
            Cli r = Cli.run("transcribe", wav);
            assertEquals(0, r.exitCode(), r.err());
            assertEquals("yes\n", r.out());
            assertTrue(r.err().contains(", LM words.arpa.gz)"), r.err());
            Cli plain = Cli.run("transcribe", "--no-lm", wav);
            assertEquals("yes\n", plain.out());
            assertTrue(!plain.err().contains("LM "), plain.err());
            Cli both = Cli.run("transcribe", "--no-lm", "--lm", dir.resolve("words.arpa.gz").toString(), wav);
            assertEquals(2, both.exitCode());
            assertTrue(both.err().contains("give either --lm or --no-lm"), both.err());
            Files.write(dir.resolve("words.arpa.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});   // a cut gzip file
            Cli broken = Cli.run("transcribe", wav);
            assertEquals(1, broken.exitCode(), broken.err());
            assertEquals(1, broken.errLines().length, broken.err());
            assertTrue(broken.err().contains("words.arpa.gz"), broken.err());
            assertEquals("", broken.out());
        } finally {
            if (saved == null) System.clearProperty(DecodeSettings.HOME_PROPERTY);
            else System.setProperty(DecodeSettings.HOME_PROPERTY, saved);
        }
    }

    @Test
    void noModelAnywhereSaysSoInOneLine() {
        String saved = System.getProperty(DecodeSettings.DEFAULT_MODEL_PROPERTY);
        System.setProperty(DecodeSettings.DEFAULT_MODEL_PROPERTY, tmp.resolve("absent.safetensors").toString());
        try {
            Cli r = Cli.run("transcribe", YesNoModel.audio("yes_en_m1").toString());
            assertEquals(1, r.exitCode());
            assertEquals(1, r.errLines().length, r.err());
            assertTrue(r.err().startsWith("elman transcribe: no model: none given with --model"), r.err());
            assertTrue(r.err().contains("train one"), r.err());
        } finally {
            if (saved == null) System.clearProperty(DecodeSettings.DEFAULT_MODEL_PROPERTY);
            else System.setProperty(DecodeSettings.DEFAULT_MODEL_PROPERTY, saved);
        }
    }
}
