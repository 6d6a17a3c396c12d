package org.elman.server.bench;

import java.net.URI;
import java.util.Locale;

/**
 * How the simulated clients behave: the server they talk to, the audio each sends (PCM16 at
 * {@code sampleRateHz}), the frame size, the spacing of stream starts and the real-time criterion.
 * Built by {@link #builder()}; {@link Builder#build()} validates.
 */
public final class LoadSettings {
    private final URI target;
    private final String token;
    private final byte[] pcm;
    private final int sampleRateHz;
    private final int frameMs;
    private final double staggerMs;
    private final RealTimeCriterion criterion;

    private LoadSettings(Builder b) {
        this.target = b.target;
        this.token = b.token;
        this.pcm = b.pcm;
        this.sampleRateHz = b.sampleRateHz;
        this.frameMs = b.frameMs;
        this.staggerMs = b.staggerMs;
        this.criterion = b.criterion;
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI target() { return target; }
    public String token() { return token; }
    byte[] pcm() { return pcm; }
    public int sampleRateHz() { return sampleRateHz; }
    public int frameMs() { return frameMs; }
    public RealTimeCriterion criterion() { return criterion; }

    /** Bytes of one audio message (the last one of a stream may be shorter). */
    public int frameBytes() {
        return 2 * (int) Math.max(1, Math.round(sampleRateHz * frameMs / 1000.0));
    }

    /** Seconds of audio each stream sends. */
    public double audioSeconds() {
        return pcm.length / 2.0 / sampleRateHz;
    }

    /** Delay between consecutive stream starts for {@code streams} streams: as set, else one frame spread over them. */
    public double staggerMs(int streams) {
        return Double.isNaN(staggerMs) ? (double) frameMs / Math.max(1, streams) : staggerMs;
    }

    /** The {@code config} message each client sends first. */
    String configMessage() {
        return String.format(Locale.ROOT, "{\"config\" : {\"sample_rate\" : %d, \"words\" : true}}", sampleRateHz);
    }

    public static final class Builder {
        private URI target;
        private String token;
        private byte[] pcm;
        private int sampleRateHz;
        private int frameMs = 200;
        private double staggerMs = Double.NaN;
        private RealTimeCriterion criterion = RealTimeCriterion.defaults();

        private Builder() {
        }

        /** The server's WebSocket address, {@code ws://host:port/path} (required; {@code wss://} for TLS). */
        public Builder setTarget(URI target) {
            this.target = target;
            return this;
        }

        /** The audio each stream sends: PCM16LE mono at {@code sampleRateHz} (required), e.g. from {@link LoadAudio}. */
        public Builder setAudio(byte[] pcm16, int sampleRateHz) {
            this.pcm = pcm16;
            this.sampleRateHz = sampleRateHz;
            return this;
        }

        /** Audio per message in ms (default 200). */
        public Builder optFrameMs(int ms) {
            this.frameMs = ms;
            return this;
        }

        /** Delay between stream starts in ms (default: one frame spread evenly over the streams). */
        public Builder optStaggerMs(double ms) {
            this.staggerMs = ms;
            return this;
        }

        /** Bearer token sent in the {@code Authorization} header (default none). */
        public Builder optToken(String token) {
            this.token = token;
            return this;
        }

        /** When a stream counts as real time (default {@link RealTimeCriterion#defaults()}). */
        public Builder optCriterion(RealTimeCriterion c) {
            this.criterion = c;
            return this;
        }

        public LoadSettings build() {
            if (target == null) throw new IllegalArgumentException("load test needs a target (setTarget), e.g. ws://127.0.0.1:2700/");
            String scheme = target.getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme)) throw new IllegalArgumentException("target must be a ws:// or wss:// URL, got " + target);
            if (target.getHost() == null) throw new IllegalArgumentException("target has no host: " + target);
            if (pcm == null || pcm.length < 2) throw new IllegalArgumentException("load test needs audio (setAudio)");
            if (pcm.length % 2 != 0) throw new IllegalArgumentException("PCM16 audio needs an even byte count, got " + pcm.length);
            if (sampleRateHz < 4000 || sampleRateHz > 192_000) throw new IllegalArgumentException("sample rate must be in 4000..192000 Hz, got " + sampleRateHz);
            if (frameMs < 10 || frameMs > 5000) throw new IllegalArgumentException("frame must be 10..5000 ms, got " + frameMs);
            if (!Double.isNaN(staggerMs) && !(staggerMs >= 0 && staggerMs <= 60_000)) throw new IllegalArgumentException("stagger must be 0..60000 ms, got " + staggerMs);
            if (criterion == null) throw new IllegalArgumentException("real-time criterion must not be null");
            if (token != null && token.isBlank()) throw new IllegalArgumentException("token must not be blank");
            return new LoadSettings(this);
        }
    }
}
