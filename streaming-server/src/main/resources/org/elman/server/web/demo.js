// Elman demo page: microphone -> AudioWorklet (PCM16LE mono) -> WebSocket (vosk-server protocol).
// The WebSocket URL follows the page's own location (ws: or wss:); a ?token=T in the page URL is
// passed on to the WebSocket for servers started with a bearer token.
'use strict';

const ui = {
  start: document.getElementById('start'),
  stop: document.getElementById('stop'),
  status: document.getElementById('status'),
  finals: document.getElementById('finals'),
  partial: document.getElementById('partial'),
};
let audio = null;   // {context, stream, source, node} while recording
let socket = null;

function socketUrl() {
  const token = new URLSearchParams(location.search).get('token');
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return scheme + '//' + location.host + '/' + (token ? '?token=' + encodeURIComponent(token) : '');
}

function setStatus(text) {
  ui.status.textContent = text;
}

function onReply(event) {
  const reply = JSON.parse(event.data);
  if (reply.error) {
    setStatus('server error: ' + reply.error);
  } else if ('partial' in reply) {
    ui.partial.textContent = reply.partial;
  } else if ('text' in reply) {
    ui.partial.textContent = '';
    if (reply.text) {
      const item = document.createElement('li');
      item.textContent = reply.text;
      ui.finals.appendChild(item);
    }
  }
}

// Audio runs at 16 kHz where the browser can resample the microphone to it (a third of the bytes of
// 48 kHz, and the rate of typical models); otherwise at the device's own rate. Either way the config
// message tells the server the actual rate and the server resamples to the model's rate.
const PREFERRED_RATE_HZ = 16000;

async function openAudio() {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: {channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false},
  });
  let context = new AudioContext({sampleRate: PREFERRED_RATE_HZ});
  let source;
  try {
    source = context.createMediaStreamSource(stream);
  } catch (e) {   // a browser that cannot resample a microphone into a context
    context.close();
    context = new AudioContext();
    source = context.createMediaStreamSource(stream);
  }
  await context.audioWorklet.addModule('/demo/pcm-worklet.js');
  const node = new AudioWorkletNode(context, 'pcm16');
  await context.resume();
  return {context, stream, source, node};
}

function closeAudio() {
  if (!audio) return;
  audio.source.disconnect();
  audio.node.disconnect();
  audio.node.port.onmessage = null;
  audio.stream.getTracks().forEach(t => t.stop());
  audio.context.close();
  audio = null;
}

async function start() {
  ui.start.disabled = true;
  setStatus('starting');
  try {
    audio = await openAudio();
  } catch (e) {
    setStatus('no microphone: ' + e.message);
    ui.start.disabled = false;
    return;
  }
  socket = new WebSocket(socketUrl());
  socket.binaryType = 'arraybuffer';
  socket.onmessage = onReply;
  socket.onopen = () => {
    socket.send(JSON.stringify({config: {sample_rate: audio.context.sampleRate}}));
    audio.node.port.onmessage = e => {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(e.data);
    };
    audio.source.connect(audio.node);
    audio.node.connect(audio.context.destination);   // keeps the worklet pulled; it outputs silence
    ui.stop.disabled = false;
    setStatus('listening at ' + audio.context.sampleRate + ' Hz');
  };
  socket.onclose = e => {
    closeAudio();
    socket = null;
    ui.start.disabled = false;
    ui.stop.disabled = true;
    if (!ui.status.textContent.startsWith('server error')) setStatus('closed (' + e.code + ')');
  };
}

function stop() {
  ui.stop.disabled = true;
  closeAudio();
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send('{"eof" : 1}');   // the server answers with the final result, then closes
    setStatus('finishing');
  }
}

ui.start.addEventListener('click', start);
ui.stop.addEventListener('click', stop);
