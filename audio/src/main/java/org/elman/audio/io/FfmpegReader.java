package org.elman.audio.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.elman.audio.AudioFormatException;
import org.elman.audio.pcm.PcmEncoding;

/**
 * Any format ffmpeg understands (MP3, Opus, M4A, video soundtracks...), decoded by an ffmpeg child
 * process to mono 16-bit PCM at the requested rate and streamed back through a pipe.
 *
 * <p>The process is started directly with an argument list (no shell, so file names need no
 * quoting), and nothing is ever downloaded: when ffmpeg is missing the error says so. (TarsosDSP's
 * {@code PipeDecoder} is not used because its default constructor downloads an ffmpeg binary from
 * the internet when none is installed and passes the file name through a shell.) The executable is
 * {@code ffmpeg} on the PATH unless the system property {@code elman.ffmpeg} names another.
 */
public final class FfmpegReader {
    private FfmpegReader() {
    }

    /** The ffmpeg executable that will be run. */
    public static String executable() {
        return System.getProperty("elman.ffmpeg", "ffmpeg");
    }

    /** Starts decoding {@code file} to mono PCM at {@code sampleRateHz}. */
    public static AudioInput open(Path file, int sampleRateHz) throws IOException {
        String exe = executable();
        List<String> cmd = List.of(exe, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", file.toString(),
                "-vn", "-ac", "1", "-ar", Integer.toString(sampleRateHz), "-f", "s16le", "-acodec", "pcm_s16le", "pipe:1");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new AudioFormatException(file.toString(), "cannot decode this format without ffmpeg, and '" + exe
                    + "' could not be started (" + e.getMessage() + "); install ffmpeg or convert the file to WAV or FLAC", e);
        }
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> copy(p.getErrorStream(), err), "ffmpeg-stderr");
        drain.setDaemon(true);
        drain.start();
        InputStream pcm = new ProcessStream(p, drain, err, file.toString());
        return new PcmStreamInput(pcm, PcmEncoding.S16LE, 1, sampleRateHz, -1, file.toString());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException ignored) {
            // the process ended; whatever was read is kept
        }
    }

    /** The child's stdout; at its end, a non-zero exit status becomes an error with ffmpeg's message. */
    private static final class ProcessStream extends java.io.FilterInputStream {
        private final Process process;
        private final Thread drain;
        private final ByteArrayOutputStream err;
        private final String source;
        private boolean checked;

        ProcessStream(Process p, Thread drain, ByteArrayOutputStream err, String source) {
            super(p.getInputStream());
            this.process = p;
            this.drain = drain;
            this.err = err;
            this.source = source;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            if (r < 0) checkExit();
            return r;
        }

        private void checkExit() throws IOException {
            if (checked) return;
            checked = true;
            try {
                int code = process.waitFor();
                drain.join(2000);
                if (code != 0) {
                    String msg = err.toString(StandardCharsets.UTF_8).trim();
                    throw new AudioFormatException(source, "ffmpeg failed (exit " + code + ")"
                            + (msg.isEmpty() ? "" : ": " + msg));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for ffmpeg", e);
            }
        }

        @Override
        public void close() throws IOException {
            super.close();
            process.destroy();
        }
    }
}
