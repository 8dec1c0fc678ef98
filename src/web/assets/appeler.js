// The "Appeler la mairie" page: one WebRTC call to the town hall's assistant. The microphone goes
// out as Opus; the assistant's voice comes back on the same connection; the data channel carries
// the keypad (page → service) and the live captions (service → page). No framework.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const call = $('appeler');
  const hangup = $('raccrocher');
  const keys = Array.from(document.querySelectorAll('#clavier button'));
  // What a test (or a curious developer) can read: the captions, the streams.
  const probe = { captions: [], state: 'idle', remote: null, mic: null };
  window.standardiste = probe;
  let pc = null;
  let channel = null;
  let mic = null;

  function say(text) {
    $('etat').textContent = text;
  }

  function notice(text) {
    const n = $('avis');
    n.textContent = text;
    n.hidden = !text;
  }

  function caption(who, text) {
    const box = $('sous-titres');
    const empty = box.querySelector('.caption-empty');
    if (empty) empty.remove();
    const p = document.createElement('p');
    p.className = `caption ${who === 'caller' ? 'caller' : 'assistant'}`;
    const label = document.createElement('strong');
    label.textContent = who === 'caller' ? 'Vous : ' : 'Mairie : ';
    p.append(label, document.createTextNode(text));
    box.append(p);
    p.scrollIntoView({ block: 'nearest' });
    probe.captions.push({ who, text, at: performance.now() });
  }

  function setLive(live) {
    call.disabled = live;
    hangup.disabled = !live;
    keys.forEach((k) => { k.disabled = !live; });
  }

  function onMessage(data) {
    let m;
    try { m = JSON.parse(data); } catch { return; }
    if (m.type === 'caption') caption(m.who, m.text);
    else if (m.type === 'notice') notice(m.text);
    else if (m.type === 'bye') end('La mairie a raccroché. Merci de votre appel.');
  }

  function end(text) {
    if (!pc) return;
    const hadFocus = document.activeElement === hangup || keys.includes(document.activeElement);
    try { if (channel && channel.readyState === 'open') channel.send('bye'); } catch { /* closing anyway */ }
    pc.close();
    pc = null;
    channel = null;
    if (mic) mic.getTracks().forEach((t) => t.stop());
    mic = null;
    probe.state = 'ended';
    setLive(false);
    say(text);
    if (hadFocus) call.focus();
  }

  function gathered(peer) {
    if (peer.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => { if (peer.iceGatheringState === 'complete') resolve(); };
      peer.addEventListener('icegatheringstatechange', done);
      setTimeout(resolve, 3000);
    });
  }

  async function start() {
    notice('');
    call.disabled = true;
    say('Connexion au micro…');
    try {
      mic = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } });
    } catch {
      call.disabled = false;
      say("Le micro n'est pas disponible. Autorisez le micro dans votre navigateur, ou appelez la mairie par téléphone.");
      return;
    }
    probe.mic = mic;
    say('Appel en cours…');
    pc = new RTCPeerConnection({ iceServers: [] });
    channel = pc.createDataChannel('standardiste');
    channel.onmessage = (e) => onMessage(e.data);
    mic.getTracks().forEach((t) => pc.addTrack(t, mic));
    pc.ontrack = (e) => {
      const stream = e.streams[0] || new MediaStream([e.track]);
      $('voix').srcObject = stream;
      probe.remote = stream;
    };
    pc.onconnectionstatechange = () => {
      if (!pc) return;
      const s = pc.connectionState;
      if (s === 'connected') {
        probe.state = 'connected';
        setLive(true);
        hangup.focus();
        say("En communication avec la mairie. Écoutez l'accueil, puis posez votre question.");
      } else if (s === 'failed' || s === 'disconnected' || s === 'closed') {
        end("L'appel est coupé.");
      }
    };
    try {
      await pc.setLocalDescription(await pc.createOffer());
      await gathered(pc);
      const r = await fetch('/appeler/offer', { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
      const body = await r.text();
      if (!r.ok) {
        end(body || "L'appel n'a pas pu aboutir.");
        return;
      }
      await pc.setRemoteDescription({ type: 'answer', sdp: body });
    } catch {
      end("L'appel n'a pas pu aboutir. Vérifiez votre connexion et réessayez.");
    }
  }

  call.addEventListener('click', start);
  hangup.addEventListener('click', () => end('Vous avez raccroché. Merci de votre appel.'));
  keys.forEach((k) => k.addEventListener('click', () => {
    if (channel && channel.readyState === 'open') channel.send(`key:${k.dataset.key}`);
  }));
})();
