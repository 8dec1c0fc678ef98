// Text mode, progressive enhancement: the page works without this script (form POST, then the
// answer takes the focus). With it, the question is sent in the background, the exchange is added
// to the conversation, the answer is announced in the live region and the focus stays in the
// question field, ready for the next one.
'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('formulaire');
  const field = document.getElementById('question');
  const list = document.getElementById('fil');
  const live = document.getElementById('annonce');
  if (!form || !field || !list || !live || !window.fetch) return;
  const item = (cls, who, text, note) => {
    const li = document.createElement('li');
    li.className = cls;
    const span = document.createElement('span');
    span.className = 'qui';
    span.textContent = who;
    li.append(span, ' ' + text);
    if (note) {
      const n = document.createElement('span');
      n.className = 'note bloc';
      n.textContent = note;
      li.append(n);
    }
    return li;
  };
  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const question = field.value.trim();
    if (!question || busy) return;
    busy = true;
    live.textContent = 'Question envoyée, réponse en cours…';
    try {
      const res = await fetch('/ecrire', {
        method: 'POST',
        headers: { 'Accept': 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ question }),
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      const r = await res.json();
      const old = document.getElementById('reponse');
      if (old) {
        old.removeAttribute('id');
        old.removeAttribute('tabindex');
        old.querySelectorAll('audio').forEach((a) => a.remove());
      }
      list.append(item('vous', 'Vous :', r.question));
      const answer = item('mairie', 'La mairie :', r.answer, r.note);
      answer.id = 'reponse';
      answer.tabIndex = -1;
      if (r.listen) {
        const audio = document.createElement('audio');
        audio.className = 'bloc';
        audio.controls = true;
        audio.preload = 'none';
        audio.src = r.listen;
        audio.setAttribute('aria-label', 'Écouter la réponse');
        answer.append(audio);
      }
      list.append(answer);
      live.textContent = '';
      // A fresh text node in the live region is what screen readers announce.
      setTimeout(() => { live.textContent = 'La mairie répond : ' + r.answer + (r.note ? ' ' + r.note : ''); }, 50);
      field.value = '';
      if (r.take_message) {
        const d = document.getElementById('laisser-message');
        if (d) d.open = true;
      }
      field.focus();
    } catch (e) {
      // Fall back to the plain form: the server answers and the page shows the answer.
      form.submit();
    } finally {
      busy = false;
    }
  });
});
