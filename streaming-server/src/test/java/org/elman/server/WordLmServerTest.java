package org.elman.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.elman.autograd.GradMode;
import org.elman.ctc.decode.BeamSearchDecoder;
import org.elman.ctc.decode.FrameSource;
import org.elman.ctc.decode.TokenTable;
import org.elman.ctc.lm.ArpaLm;
import org.elman.models.data.KaldiDataDir;
import org.elman.models.data.Utterance;
import org.elman.models.speech.Recognizer;
import org.elman.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server given a beam search with a word LM ({@link RecognitionServer.Builder#optBeamSearch})
 * decodes every stream with it: over the WebSocket, in awkward chunks, each result is exactly the
 * offline search over the whole utterance's log-probabilities, and the LM changes results.
 */
class WordLmServerTest {
    /** Knows only "yes": with a prohibitive unknown-word penalty every result is empty or "yes" (perhaps repeated). */
    private static final ArpaLm ONLY_YES = ArpaLm.parse(String.join("\n",
            "\\data\\", "ngram 1=3", "", "\\1-grams:", "-99\t<s>", "-0.1\tyes", "-0.3\t</s>", "", "\\end\\"), "only-yes.arpa");

    private static Recognizer rec;
    private static TokenTable tokens;

    @BeforeAll
    static void trainOnce() throws Exception {
        rec = TrainedYesNo.recognizer();
        tokens = Recognizer.tokenTable(rec.tokenizer());
    }

    @Test
    void streamsDecodeWithTheGivenSearchExactlyAsOffline() throws Exception {
        BeamSearchDecoder search = BeamSearchDecoder.builder().setTokens(tokens).optBeamWidth(16)
                .optWordLm(ONLY_YES, 1.0, 0.5).optUnknownWordPenalty(-1000).build();
        RecognitionServer server = RecognitionServer.builder().setRecognizer(rec).optBeamSearch(search).optHost("127.0.0.1")
                .optPort(0).optEndpoints(EndpointRules.none()).optDecodeThreads(1).build();
        assertEquals(16, server.beamWidth());
        int port = server.start().await(10, TimeUnit.SECONDS);
        Vertx vertx = Vertx.vertx();
        Random rng = new Random(7);
        int changed = 0;
        try {
            for (Utterance u : KaldiDataDir.read(Fixtures.YESNO)) {
                byte[] pcm = Fixtures.pcm8k(u.audio().getFileName().toString());
                String offline = search.best(stream(search, Fixtures.asModelHears(pcm))).text();
                String served = served(vertx, port, pcm, rng);
                assertEquals(offline, served, u.id());
                assertTrue(served.isEmpty() || Arrays.stream(served.split(" ")).allMatch("yes"::equals),
                        u.id() + ": '" + served + "' has words outside the LM");
                if (!served.equals(rec.recognize(Fixtures.asModelHears(pcm)).text())) changed++;
            }
        } finally {
            server.close().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        assertTrue(changed >= 8, "the LM changed only " + changed + " of the 12 results that greedy decoding gets other than 'yes'");
    }

    @Test
    void aSearchOverOtherTokensIsRejected() {
        BeamSearchDecoder other = BeamSearchDecoder.builder().setTokens(TokenTable.characters("abc")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecognitionServer.builder().setRecognizer(rec).optBeamSearch(other).build());
        assertTrue(e.getMessage().contains("token table does not match"), e.getMessage());
    }

    /** The offline search over the model's log-probabilities of the whole utterance. */
    @SuppressWarnings("try")
    private static org.elman.ctc.decode.BeamStream stream(BeamSearchDecoder search, org.elman.audio.AudioData audio) {
        Tensor f = rec.features(audio);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            rec.model().module().eval();
            Tensor lp = rec.model().forward(f.reshape(f.size(0), 1, f.size(1)), null).logProbs();
            org.elman.ctc.decode.BeamStream s = search.newStream();
            search.accept(s, FrameSource.of(lp.reshape(lp.size(0), lp.size(2))));
            return s;
        }
    }

    /** Sends the utterance in chunks of 1 sample, then 37, then random sizes up to 0.4 s; returns the final text. */
    private static String served(Vertx vertx, int port, byte[] pcm, Random rng) throws Exception {
        try (TestClient c = TestClient.connect(TestClient.client(vertx), port, "/")) {
            int at = 0;
            for (int i = 0; at < pcm.length; i++) {
                int samples = i == 0 ? 1 : i == 1 ? 37 : 1 + rng.nextInt(3200);
                int end = Math.min(pcm.length, at + 2 * samples);
                c.audio(Arrays.copyOfRange(pcm, at, end));
                assertTrue(c.next().has("partial"));
                at = end;
            }
            c.text("{\"eof\" : 1}");
            return c.next().get("text").asText();
        }
    }
}
