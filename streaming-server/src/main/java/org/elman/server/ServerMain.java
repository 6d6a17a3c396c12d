package org.elman.server;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.elman.ctc.lm.ArpaLm;
import org.elman.models.io.ModelFiles;
import org.elman.models.speech.Recognizer;

/**
 * Command line: {@code RecognitionServer --model FILE [--host H] [--port 2700] [--max-sessions N]
 * [--token T] [--threads N] [--max-batch 64] [--sample-rate 8000] [--idle-timeout-ms MS] [--trailing-silence-ms MS]
 * [--max-utterance-ms MS] [--silence-only-ms MS] [--cors-origin ORIGIN]... [--tls-cert FILE --tls-key FILE]
 * [--lm FILE.arpa[.gz] [--beam 32] [--alpha 0.6] [--beta 1.0]]}.
 * Runs until the process is stopped. With {@code --lm}, every stream decodes with a beam search and
 * that word LM (the settings of {@code elman serve}); without it, as the model file's decoding
 * defaults say.
 */
final class ServerMain {
    static final String USAGE = "usage: RecognitionServer --model FILE [--host H] [--port 2700] [--max-sessions N] [--token T]"
            + " [--threads N] [--max-batch 64] [--sample-rate 8000] [--idle-timeout-ms MS] [--trailing-silence-ms MS] [--max-utterance-ms MS]"
            + " [--silence-only-ms MS] [--cors-origin ORIGIN]... [--tls-cert FILE --tls-key FILE]"
            + " " + LmArgs.USAGE;

    private ServerMain() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            RecognitionServer s = parse(args);
            int port = s.start().await();
            out.println("elman recognition server listening on port " + port + " (decoding: beam " + s.beamWidth() + ")");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> s.close().await()));
            Thread.currentThread().join();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("error: " + e);
            return 1;
        }
    }

    static RecognitionServer parse(String[] args) throws java.io.IOException {
        RecognitionServer.Builder b = RecognitionServer.builder();
        Path model = null;
        EndpointRules d = EndpointRules.defaults();
        int silence = d.trailingSilenceMs();
        int maxUtt = d.maxUtteranceMs();
        int silenceOnly = d.silenceOnlyMs();
        List<String> origins = new ArrayList<>();
        Path cert = null;
        Path key = null;
        LmArgs lm = new LmArgs();
        for (int i = 0; i < args.length; i++) {
            String k = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + k + " needs a value");
            String v = args[++i];
            if (lm.accept(k, v)) continue;
            switch (k) {
                case "--model" -> model = Path.of(v);
                case "--host" -> b.optHost(v);
                case "--port" -> b.optPort(integer(k, v));
                case "--max-sessions" -> b.optMaxSessions(integer(k, v));
                case "--token" -> b.optToken(v);
                case "--threads" -> b.optDecodeThreads(integer(k, v));
                case "--max-batch" -> b.optMaxBatch(integer(k, v));
                case "--sample-rate" -> b.optDefaultSampleRate(integer(k, v));
                case "--idle-timeout-ms" -> b.optIdleTimeoutMs(integer(k, v));
                case "--trailing-silence-ms" -> silence = integer(k, v);
                case "--max-utterance-ms" -> maxUtt = integer(k, v);
                case "--silence-only-ms" -> silenceOnly = integer(k, v);
                case "--cors-origin" -> origins.add(v);
                case "--tls-cert" -> cert = Path.of(v);
                case "--tls-key" -> key = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + k);
            }
        }
        if (model == null) throw new IllegalArgumentException("--model is required");
        if ((cert == null) != (key == null)) throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        lm.validate();
        if (cert != null) b.optTls(TlsFiles.read(cert, key));   // before the model: fails fast, naming the file
        ArpaLm arpa = lm.read();                                 // also before the model
        Recognizer r = ModelFiles.load(model).recognizer();
        if (arpa != null) b.optBeamSearch(lm.search(r, arpa));
        return b.setRecognizer(r).optCorsOrigins(origins).optEndpoints(new EndpointRules(silence, maxUtt, silenceOnly)).build();
    }

    static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " needs a whole number, got '" + v + "'");
        }
    }
}
