package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.elman.ctc.decode.WordLmDefaults;
import org.elman.models.io.ModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's own command line ({@link ServerMain}): word-LM search options and their usage errors. */
class ServerMainTest {
    @TempDir
    static Path tmp;
    private static Path model;
    private static Path lm;

    @BeforeAll
    static void files() throws Exception {
        model = tmp.resolve("yesno.safetensors");
        ModelFiles.save(model, TrainedYesNo.recognizer());
        lm = tmp.resolve("yes.arpa");
        Files.writeString(lm, String.join("\n", "\\data\\", "ngram 1=3", "", "\\1-grams:", "-99\t<s>", "-0.1\tyes",
                "-0.3\t</s>", "", "\\end\\", ""));
    }

    @Test
    void withoutLmTheModelFileDecodingDefaultsApply() throws Exception {
        assertEquals(1, beamOf());
    }

    @Test
    void lmGivesTheServeBeamUnlessOneIsGiven() throws Exception {
        assertEquals(WordLmDefaults.SERVER_BEAM, beamOf("--lm", lm.toString()));
        assertEquals(8, beamOf("--lm", lm.toString(), "--beam", "8", "--alpha", "0.9", "--beta", "0"));
    }

    @Test
    void searchSettingsWithoutLmOrOutOfRangeAreUsageErrors() {
        assertUsage("give --lm FILE too", "--beam", "8");
        assertUsage("give --lm FILE too", "--alpha", "1.5");
        assertUsage("--beam must be at least 2", "--lm", lm.toString(), "--beam", "1");
        assertUsage("--beta needs a finite number, got 'NaN'", "--lm", lm.toString(), "--beta", "NaN");
        assertUsage("--alpha needs a finite number, got 'x'", "--lm", lm.toString(), "--alpha", "x");
        assertUsage("--lm: no such file: " + tmp.resolve("missing.arpa"), "--lm", tmp.resolve("missing.arpa").toString());
    }

    @Test
    void aMalformedLmIsNamedBeforeTheModelLoads() throws Exception {
        Path bad = Files.writeString(tmp.resolve("bad.arpa"), "not an ARPA file\n");
        Exception e = assertThrows(Exception.class, () -> ServerMain.parse(args("--lm", bad.toString())));
        assertTrue(e.getMessage().contains("bad.arpa"), e.getMessage());
    }

    private static int beamOf(String... extra) throws Exception {
        RecognitionServer s = ServerMain.parse(args(extra));
        try {
            return s.beamWidth();
        } finally {
            s.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static void assertUsage(String expected, String... extra) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerMain.parse(args(extra)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static String[] args(String... extra) {
        String[] base = {"--model", model.toString(), "--host", "127.0.0.1", "--port", "0"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }
}
