// AudioWorklet processor: mixes the input to mono, converts it to 16-bit little-endian PCM at the
// AudioContext's own rate (the page tells the server that rate in its config message; the server
// resamples) and posts one ArrayBuffer per 100 ms of audio to the page.
class Pcm16Processor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.samples = Math.round(sampleRate / 10);
    this.fresh();
  }

  fresh() {
    this.chunk = new DataView(new ArrayBuffer(2 * this.samples));
    this.filled = 0;
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    for (let i = 0; i < channels[0].length; i++) {
      let s = 0;
      for (const ch of channels) s += ch[i];
      s = Math.max(-1, Math.min(1, s / channels.length));
      this.chunk.setInt16(2 * this.filled++, Math.min(32767, Math.round(s * 32768)), true);
      if (this.filled === this.samples) {
        const buffer = this.chunk.buffer;
        this.port.postMessage(buffer, [buffer]);
        this.fresh();
      }
    }
    return true;
  }
}

registerProcessor('pcm16', Pcm16Processor);
