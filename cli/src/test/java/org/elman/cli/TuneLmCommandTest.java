package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.elman.ctc.lm.NgramLmBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code elman tune-lm} on the yes/no data with an LM that wants every word to be "no". */
class TuneLmCommandTest {
    @TempDir
    Path tmp;

    /** {@code elman tune-lm --model YESNO args...}. */
    private static Cli tuneLm(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("tune-lm", "--model", YesNoModel.file().toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private Path noLovingLm() throws Exception {
        List<String> text = new ArrayList<>(Collections.nCopies(200, "no"));
        text.addAll(List.of("yes", "up", "down"));
        Path arpa = tmp.resolve("no.arpa");
        Files.writeString(arpa, NgramLmBuilder.builder().setOrder(2).build().buildArpa(text));
        return arpa;
    }

    @Test
    void eachCellScoresAsEvalWouldAndTheBestIsNamed() throws Exception {
        Path lm = noLovingLm();
        Cli r = tuneLm("--lm", lm.toString(), "--alphas", "0,8", "--betas", "0,1",
                "--workers", "2", YesNoModel.DATA.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(5, lines.length, r.out());
        assertTrue(lines[0].startsWith("--alpha 0.0 --beta 0.0  %WER 0.00 [ 0 / 16, 0 ins, 0 del, 0 sub ]  %CER 0.00"), lines[0]);
        assertTrue(lines[2].startsWith("--alpha 8.0 --beta 0.0  %WER "), lines[2]);
        assertTrue(!lines[2].contains("%WER 0.00"), "a heavy LM that prefers 'no' must cost words: " + lines[2]);
        assertEquals("best: --alpha 0.0 --beta 0.0 (WER 0.00 %, beam 64)", lines[4]);
        Cli eval = Cli.run("eval", "--model", YesNoModel.file().toString(), "--lm", lm.toString(), "--alpha", "8", "--beta", "0",
                YesNoModel.DATA.toString());
        assertEquals(0, eval.exitCode(), eval.err());
        String cell = lines[2].substring("--alpha 8.0 --beta 0.0  ".length());
        assertEquals(eval.out().split("\n")[0] + "  " + eval.out().split("\n")[1], cell, "the same search as eval");
    }

    @Test
    void withoutAnLmOrWithBadValuesItIsAUsageError() throws Exception {
        Cli noLm = tuneLm(YesNoModel.DATA.toString());
        assertEquals(2, noLm.exitCode());
        assertTrue(noLm.err().contains("tune-lm needs a word LM"), noLm.err());
        Path lm = noLovingLm();
        Cli nan = tuneLm("--lm", lm.toString(), "--alphas", "0.5,NaN", YesNoModel.DATA.toString());
        assertEquals(2, nan.exitCode());
        assertTrue(nan.err().contains("--alphas: NaN is not a finite number"), nan.err());
        Cli words = tuneLm("--lm", lm.toString(), "--betas", "x", YesNoModel.DATA.toString());
        assertEquals(2, words.exitCode());
        Cli workers = tuneLm("--lm", lm.toString(), "--workers", "0", YesNoModel.DATA.toString());
        assertEquals(2, workers.exitCode());
        assertTrue(workers.err().contains("--workers must be >= 1, got 0"), workers.err());
        Cli noData = tuneLm("--lm", lm.toString(), tmp.resolve("none").toString());
        assertEquals(1, noData.exitCode());
        assertTrue(noData.err().contains(tmp.resolve("none") + ": data not found"), noData.err());
        Path manifest = tmp.resolve("m.jsonl");
        Path gone = tmp.resolve("gone.wav");
        Files.writeString(manifest, "{\"audio_filepath\": \"" + gone + "\", \"duration\": 1.0, \"text\": \"yes\"}\n");
        Cli missingAudio = tuneLm("--lm", lm.toString(), manifest.toString());
        assertEquals(1, missingAudio.exitCode());
        assertTrue(missingAudio.err().contains(gone.toString()), missingAudio.err());
    }
}
