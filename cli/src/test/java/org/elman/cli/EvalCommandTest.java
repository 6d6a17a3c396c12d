package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman eval} on the yes/no Kaldi data directory with the model of {@link YesNoModel}. */
class EvalCommandTest {
    static Path model;

    @TempDir
    Path tmp;

    @BeforeAll
    static void train() throws Exception {
        model = YesNoModel.file();
    }

    @Test
    void kaldiDirScoresZeroWerOverallAndPerSpeaker() throws Exception {
        Path hyp = tmp.resolve("hyp.txt");
        Cli r = Cli.run("eval", "--model", model.toString(), YesNoModel.DATA.toString(), "--workers", "2", "--hyp-out", hyp.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("%WER 0.00 [ 0 / 16, 0 ins, 0 del, 0 sub ]", lines[0]);
        assertTrue(lines[1].startsWith("%CER 0.00 [ 0 / "), r.out());
        assertEquals("utterances: 16, speakers: 4", lines[2]);
        assertEquals("per speaker:", lines[3]);
        assertEquals(8, lines.length, r.out());
        assertTrue(lines[4].matches("  en_m1 +4 utts  %WER 0\\.00 \\[ 0 / 4, 0 ins, 0 del, 0 sub \\]  %CER 0\\.00 .*"), lines[4]);
        assertTrue(r.err().startsWith("RTF "), r.err());
        List<String> ref = Files.readAllLines(YesNoModel.DATA.resolve("text"));
        assertEquals(ref, Files.readAllLines(hyp));
    }

    /** Errors are counted: a manifest whose transcripts differ from what is said. */
    @Test
    void manifestWithWrongTranscriptsCountsSubstitutionsAndInsertions() throws Exception {
        Path m = tmp.resolve("m.jsonl");
        Files.writeString(m, "{\"audio_filepath\": \"" + YesNoModel.audio("yes_en_m1") + "\", \"duration\": 1.0, \"text\": \"no\", \"speaker\": \"a\"}\n"
                + "{\"audio_filepath\": \"" + YesNoModel.audio("up_en_m1") + "\", \"duration\": 1.0, \"text\": \"\", \"speaker\": \"b\"}\n");
        Cli r = Cli.run("eval", "--model", model.toString(), m.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("%WER 200.00 [ 2 / 1, 1 ins, 0 del, 1 sub ]\n"), r.out());
    }

    @Test
    void missingDataAndModelAreOneLineErrors() {
        Cli noData = Cli.run("eval", "--model", model.toString(), tmp.resolve("nodata").toString());
        assertEquals(1, noData.exitCode());
        assertEquals("elman eval: " + tmp.resolve("nodata") + ": data not found", noData.err().strip());
        Cli noModel = Cli.run("eval", "--model", tmp.resolve("m.safetensors").toString(), YesNoModel.DATA.toString());
        assertEquals(1, noModel.exitCode());
        assertEquals("elman eval: " + tmp.resolve("m.safetensors") + ": model file not found", noModel.err().strip());
        assertEquals(2, Cli.run("eval", "--model", model.toString()).exitCode());
    }
}
