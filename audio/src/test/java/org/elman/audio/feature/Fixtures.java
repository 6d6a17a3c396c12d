package org.elman.audio.feature;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the .f32 fixtures written by audio/src/test/python/gen_audio_fixtures.py. */
final class Fixtures {
    private Fixtures() {
    }

    static FeatureMatrix read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name + ".f32")) {
            if (in == null) throw new IllegalStateException("missing fixture " + name + "; run gen_audio_fixtures.py");
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            int rows = b.getInt(), cols = b.getInt();
            float[] d = new float[rows * cols];
            b.asFloatBuffer().get(d);
            return new FeatureMatrix(d, rows, cols);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] signal(String name) {
        return read(name).data();
    }
}
