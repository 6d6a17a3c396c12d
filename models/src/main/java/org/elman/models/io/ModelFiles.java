package org.elman.models.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.elman.audio.feature.FrontendConfig;
import org.elman.io.SafeTensors;
import org.elman.models.data.token.Tokenizer;
import org.elman.models.data.token.Tokenizers;
import org.elman.models.seq2seq.Seq2SeqCtcModel;
import org.elman.models.speech.AcousticModel;
import org.elman.models.speech.BiLstmCtcModel;
import org.elman.models.speech.Recognizer;
import org.elman.models.speech.TdnnModel;

/**
 * Speech model files: one safetensors file holding the weights (the model's
 * {@link org.elman.nn.Module#stateDict()}, float32) and, in the header's {@code __metadata__},
 * everything else needed to rebuild the recognizer:
 * <ul>
 *   <li>{@value #KEY_FORMAT} = {@value #FORMAT};
 *   <li>{@code model.*}: the architecture config ({@link AcousticModel#config()}), e.g.
 *   {@code model.architecture = tdnn};
 *   <li>{@code frontend.*}: the feature settings ({@link FrontendConfig#toMap()});
 *   <li>{@code tokenizer.*}: the tokeniser ({@link Tokenizer#metadata()});
 *   <li>{@code decode.*}: decoding defaults ({@link Recognizer#decodingDefaults()}).
 * </ul>
 * {@link #load} needs nothing but the file. It fails with a {@link ModelFileException} naming the
 * file and the problem: another format, a missing or unknown key, an unknown architecture, a
 * missing, unexpected or wrongly shaped tensor, a tokeniser whose size differs from the model's V.
 *
 * <pre>{@code
 * ModelFiles.save(Path.of("yesno.safetensors"), recognizer);
 * Recognizer r = ModelFiles.load(Path.of("yesno.safetensors")).recognizer();
 * }</pre>
 */
public final class ModelFiles {
    public static final String KEY_FORMAT = "elman.format";
    public static final String FORMAT = "speech-model-1";
    private static final Set<String> PREFIXES = Set.of("model.", "frontend.", "tokenizer.", "decode.");
    private static final Map<String, Function<Map<String, String>, AcousticModel>> ARCHITECTURES = Map.of(
            TdnnModel.ARCHITECTURE, TdnnModel::fromConfig,
            BiLstmCtcModel.ARCHITECTURE, BiLstmCtcModel::fromConfig,
            Seq2SeqCtcModel.ARCHITECTURE, Seq2SeqCtcModel::fromConfig);

    private ModelFiles() {
    }

    /** Everything a model file holds, rebuilt. */
    public record Loaded(AcousticModel model, FrontendConfig frontend, Tokenizer tokenizer, Map<String, String> decoding) {
        /** A recognizer with the stored decoding defaults. */
        public Recognizer recognizer() {
            return Recognizer.builder().setModel(model).setTokenizer(tokenizer).optFrontend(frontend)
                    .optDecodingDefaults(decoding).build();
        }
    }

    /** Saves a recognizer's model, front end, tokeniser and decoding defaults. */
    public static void save(Path file, Recognizer r) throws IOException {
        save(file, r.model(), r.frontend(), r.tokenizer(), r.decodingDefaults());
    }

    /** Saves the parts; {@code decoding} keys must start with {@code decode.}. */
    public static void save(Path file, AcousticModel model, FrontendConfig frontend, Tokenizer tokenizer,
                            Map<String, String> decoding) throws IOException {
        if (tokenizer.size() != model.vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.size() + " ids, the model outputs " + model.vocabSize());
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(KEY_FORMAT, FORMAT);
        model.config().forEach((k, v) -> meta.put("model." + k, v));
        frontend.toMap().forEach((k, v) -> meta.put("frontend." + k, v));
        tokenizer.metadata().forEach((k, v) -> {
            if (!k.startsWith("tokenizer.")) throw new IllegalArgumentException("tokenizer metadata key '" + k + "' lacks the tokenizer. prefix");
            meta.put(k, v);
        });
        decoding.forEach((k, v) -> {
            if (!k.startsWith("decode.")) throw new IllegalArgumentException("decoding key '" + k + "' lacks the decode. prefix");
            meta.put(k, v);
        });
        SafeTensors.write(file, model.module().stateDict(), meta);
    }

    /** Loads a file written by {@link #save}. */
    public static Loaded load(Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        try {
            return rebuild(c);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a fresh (untrained) model from its config; the architecture picks the class. */
    public static AcousticModel build(Map<String, String> modelConfig) {
        String arch = modelConfig.get(AcousticModel.KEY_ARCHITECTURE);
        if (arch == null) throw new IllegalArgumentException("model config has no '" + AcousticModel.KEY_ARCHITECTURE + "'");
        Function<Map<String, String>, AcousticModel> f = ARCHITECTURES.get(arch);
        if (f == null) throw new IllegalArgumentException("unknown architecture '" + arch + "' (known: " + new TreeSet<>(ARCHITECTURES.keySet()) + ")");
        return f.apply(modelConfig);
    }

    private static Loaded rebuild(SafeTensors.Contents c) {
        Map<String, String> meta = c.metadata();
        String format = meta.get(KEY_FORMAT);
        if (format == null) throw new IllegalArgumentException("no '" + KEY_FORMAT + "' in the metadata: not an Elman speech model file");
        if (!format.equals(FORMAT)) throw new IllegalArgumentException("format '" + format + "', this version reads '" + FORMAT + "'");
        Map<String, Map<String, String>> parts = split(meta);
        if (parts.get("model.").isEmpty()) throw new IllegalArgumentException("no model.* keys (the architecture config) in the metadata");
        AcousticModel model = build(parts.get("model."));
        FrontendConfig frontend = FrontendConfig.fromMap(parts.get("frontend."));
        Map<String, String> tokMeta = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("tokenizer.")) tokMeta.put(k, v);
        });
        Tokenizer tokenizer = Tokenizers.fromMetadata(tokMeta);
        if (tokenizer.size() != model.vocabSize()) {
            throw new IllegalArgumentException("tokenizer has " + tokenizer.size() + " ids, the model outputs " + model.vocabSize());
        }
        model.module().loadStateDict(c.tensors());
        model.module().eval();
        Map<String, String> decoding = new TreeMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith("decode.")) decoding.put(k, v);
        });
        Loaded loaded = new Loaded(model, frontend, tokenizer, decoding);
        loaded.recognizer();   // validates the decoding defaults against the rest now, not at first use
        return loaded;
    }

    /** Groups metadata by prefix, stripping it except for tokenizer and decode keys; unknown prefixes fail. */
    private static Map<String, Map<String, String>> split(Map<String, String> meta) {
        Map<String, Map<String, String>> parts = new LinkedHashMap<>();
        for (String p : PREFIXES) parts.put(p, new LinkedHashMap<>());
        Set<String> unknown = new TreeSet<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            String k = e.getKey();
            if (k.equals(KEY_FORMAT)) continue;
            String prefix = PREFIXES.stream().filter(k::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                unknown.add(k);
            } else {
                parts.get(prefix).put(k.substring(prefix.length()), e.getValue());
            }
        }
        if (!unknown.isEmpty()) throw new IllegalArgumentException("unknown metadata keys " + unknown + " (expected " + KEY_FORMAT + " and " + new TreeSet<>(PREFIXES) + "*)");
        return parts;
    }
}
