package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elman.ctc.decode.BeamSearchConfig;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.decode.WordLmDefaults;
import org.elman.ctc.lm.NgramLmBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SearchOptionsTest {
    @TempDir
    Path tmp;

    private BeamSearchConfig parse(String... args) throws Exception {
        Path arpa = tmp.resolve("words.arpa");
        Files.writeString(arpa, NgramLmBuilder.builder().setOrder(2).build().buildArpa(List.of("ab ba", "ba")));
        SearchOptions o = new SearchOptions();
        CommandLine cl = new CommandLine(o);
        String[] all = new String[args.length + 2];
        all[0] = "--lm";
        all[1] = arpa.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        cl.parseArgs(all);
        o.validate(cl);
        return o.beamDecoder(TokenTable.characters("ab"), Map.of(), false, 1, 16).config();
    }

    @Test
    void wordLmSettingsReachTheSearch() throws Exception {
        BeamSearchConfig defaults = parse();
        assertEquals(16, defaults.beamWidth());
        assertEquals(WordLmDefaults.ALPHA, defaults.lmWeight());
        assertEquals(WordLmDefaults.BETA, defaults.wordBonus());
        assertEquals(WordLmDefaults.UNKNOWN_WORD_PENALTY, defaults.unknownWordPenalty());
        assertEquals(WordLmDefaults.LOOKAHEAD, defaults.lmLookahead());
        BeamSearchConfig set = parse("--alpha", "0.3", "--beta", "2", "--no-lm-lookahead", "--beam", "5");
        assertEquals(0.3, set.lmWeight());
        assertEquals(2.0, set.wordBonus());
        assertEquals(5, set.beamWidth());
        assertTrue(!set.lmLookahead());
        assertTrue(parse("--lm-lookahead").lmLookahead());
    }
}
