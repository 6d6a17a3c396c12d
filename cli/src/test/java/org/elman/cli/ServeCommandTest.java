package org.elman.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.elman.audio.feature.FrontendConfig;
import org.elman.ctc.lm.NgramLmBuilder;
import org.elman.models.data.token.CharTokenizer;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.BiLstmCtcModel;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;
import org.elman.server.RecognitionServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code elman serve} fails in one line before listening when its settings or model are bad. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void missingOrBrokenModelIsNamed() throws Exception {
        Path missing = tmp.resolve("none.safetensors");
        Cli r = Cli.run("serve", "--model", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman serve: " + missing + ": model file not found", r.err().strip());
        Path junk = Files.writeString(tmp.resolve("junk.safetensors"), "not a model");
        r = Cli.run("serve", "--model", junk.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().startsWith("elman serve: ") && r.err().contains("junk.safetensors"), r.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(Elman.EXIT_USAGE, Cli.run("serve", "--port", "70000").exitCode());
        assertEquals(Elman.EXIT_USAGE, Cli.run("serve", "--port", "abc").exitCode());
        Cli batch = Cli.run("serve", "--max-batch", "0");
        assertEquals(Elman.EXIT_USAGE, batch.exitCode());
        assertTrue(batch.err().contains("--max-batch must be >= 1, got 0"), batch.err());
        assertEquals(Elman.EXIT_USAGE, Cli.run("serve", "--decode-threads", "0").exitCode());
        Cli cors = Cli.run("serve", "--cors-origin", "http://ok.example", "--cors-origin", "app.example/path");
        assertEquals(Elman.EXIT_USAGE, cors.exitCode());
        assertTrue(cors.err().contains("--cors-origin") && cors.err().contains("'app.example/path'"), cors.err());
        Cli half = Cli.run("serve", "--tls-cert", tmp.resolve("c.pem").toString());
        assertEquals(Elman.EXIT_USAGE, half.exitCode());
        assertTrue(half.err().contains("--tls-cert and --tls-key go together"), half.err());
    }

    @Test
    void badSearchOptionsAreUsageErrorsAndAMissingLmIsNamed() throws Exception {
        Cli beam = Cli.run("serve", "--beam", "0");
        assertEquals(Elman.EXIT_USAGE, beam.exitCode());
        assertTrue(beam.err().contains("--beam must be >= 1, got 0"), beam.err());
        Cli threshold = Cli.run("serve", "--token-threshold", "0");
        assertEquals(Elman.EXIT_USAGE, threshold.exitCode());
        assertTrue(threshold.err().contains("--token-threshold must be > 0"), threshold.err());
        Cli both = Cli.run("serve", "--lm", tmp.resolve("a.arpa").toString(), "--no-lm");
        assertEquals(Elman.EXIT_USAGE, both.exitCode());
        assertTrue(both.err().contains("give either --lm or --no-lm"), both.err());
        Cli greedyLm = Cli.run("serve", "--lm", tmp.resolve("a.arpa").toString(), "--beam", "1");
        assertEquals(Elman.EXIT_USAGE, greedyLm.exitCode());
        assertTrue(greedyLm.err().contains("--lm needs beam search"), greedyLm.err());
        Path missing = tmp.resolve("missing.arpa");
        Cli r = Cli.run("serve", "--model", YesNoModel.file().toString(), "--lm", missing.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().strip().startsWith("elman serve: ") && r.err().contains(missing.toString()), r.err());
    }

    @Test
    void theDefaultModelIsServedWithItsLanguageModelUnlessNoLm() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home/models/default"));
        streamingModel(dir.resolve("tiny.safetensors"));
        Files.writeString(dir.resolve("words.arpa"), NgramLmBuilder.builder().setOrder(2).build()
                .buildArpa(List.of("yes", "no", "up", "down")));
        String saved = System.getProperty(DecodeSettings.HOME_PROPERTY);
        System.setProperty(DecodeSettings.HOME_PROPERTY, tmp.resolve("home").toString());
        try {
            assertEquals(", LM " + dir.resolve("words.arpa") + ", beam " + SearchOptions.SERVER_LM_BEAM, described());
            assertEquals(", LM " + dir.resolve("words.arpa") + ", beam 5", described("--beam", "5"));
            assertEquals(", greedy decoding", described("--no-lm"));
            assertEquals(", greedy decoding", described("--beam", "1"), "--beam 1 leaves the bundled LM unread");
            assertEquals(", greedy decoding", described("--model", dir.resolve("tiny.safetensors").toString()));
            assertEquals(", beam 3", described("--model", dir.resolve("tiny.safetensors").toString(), "--beam", "3"));
        } finally {
            if (saved == null) System.clearProperty(DecodeSettings.HOME_PROPERTY);
            else System.setProperty(DecodeSettings.HOME_PROPERTY, saved);
        }
    }

    @Test
    void theFirstDefaultModelThatStreamsIsServed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("home/models/default"));
        offlineModel(dir.resolve("a-bilstm.safetensors"));
        String saved = System.getProperty(DecodeSettings.HOME_PROPERTY);
        System.setProperty(DecodeSettings.HOME_PROPERTY, tmp.resolve("home").toString());
        try {
            Cli none = Cli.run("serve");
            assertEquals(Elman.EXIT_FAILURE, none.exitCode());
            assertEquals("elman serve: no default model can stream ([" + dir.resolve("a-bilstm.safetensors") + "] needs whole "
                    + "utterances); pass --model FILE with a streaming model, such as a TDNN trained with 'utterance_cmvn: false'",
                    none.err().strip());
            streamingModel(dir.resolve("b-tdnn.safetensors"));
            ServeCommand c = new ServeCommand();
            new CommandLine(c).parseArgs("--no-lm");
            ServeCommand.Prepared p = c.prepare();
            p.server().close().await();
            assertEquals(dir.resolve("b-tdnn.safetensors"), p.modelFile());
            assertEquals(dir.resolve("a-bilstm.safetensors"), DecodeSettings.modelFile(null, new SearchOptions()),
                    "offline commands take the first default model");
        } finally {
            if (saved == null) System.clearProperty(DecodeSettings.HOME_PROPERTY);
            else System.setProperty(DecodeSettings.HOME_PROPERTY, saved);
        }
    }

    /** Saves an untrained bidirectional LSTM model, which cannot stream. */
    private static void offlineModel(Path file) throws Exception {
        CharTokenizer tok = new CharTokenizer("denopsuwy");
        BiLstmCtcModel m = BiLstmCtcModel.builder().setInputDim(20).setVocabSize(tok.size()).optHiddenDim(4).optLayers(1).build();
        ModelFiles.save(file, Recognizer.builder().setModel(m).setTokenizer(tok)
                .optFrontend(FrontendConfig.builder().optNumMelBins(20).build()).optUtteranceCmvn(false).build());
    }

    /** Saves an untrained streamable TDNN (no per-utterance CMVN) over the yes/no letters. */
    private static void streamingModel(Path file) throws Exception {
        CharTokenizer tok = new CharTokenizer("denopsuwy");
        TdnnModel m = TdnnModel.builder().setInputDim(20).setVocabSize(tok.size()).optHiddenDim(8).optSeed(2).build();
        ModelFiles.save(file, Recognizer.builder().setModel(m).setTokenizer(tok)
                .optFrontend(FrontendConfig.builder().optNumMelBins(20).build()).optUtteranceCmvn(false).build());
    }

    /** The search part of the start-up line of a server built (not started) from these options. */
    private static String described(String... args) throws Exception {
        ServeCommand c = new ServeCommand();
        new CommandLine(c).parseArgs(args);
        RecognitionServer server = c.prepare().server();
        try {
            return c.searchDescription(server);
        } finally {
            server.close().await();
        }
    }

    @Test
    void unreadableOrInvalidTlsFilesAreNamedBeforeTheModelLoads() throws Exception {
        Path missing = tmp.resolve("missing-cert.pem");
        Path key = Files.writeString(tmp.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Cli r = Cli.run("serve", "--model", tmp.resolve("none.safetensors").toString(), "--tls-cert", missing.toString(), "--tls-key", key.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertEquals("elman serve: TLS certificate " + missing + ": no such file", r.err().strip());
        Path junk = Files.writeString(tmp.resolve("junk-cert.pem"), "hello");
        r = Cli.run("serve", "--tls-cert", junk.toString(), "--tls-key", key.toString());
        assertEquals(Elman.EXIT_FAILURE, r.exitCode());
        assertTrue(r.err().startsWith("elman serve: TLS certificate " + junk + ": no PEM certificate"), r.err());
    }
}
