/**
 * The API's interactive reference: one self-contained page (no scripts from
 * elsewhere) that reads /openapi.json, lists every operation with its
 * parameters and body schema, and can send a request with a pasted token.
 * Everything the server returns is shown as text, never as HTML.
 */
export const REFERENCE_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Inbox Triage agent API</title>
<style>
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:980px;padding:1rem 1.5rem;color:#1b1f24;line-height:1.45}
h1{font-size:1.4rem}details{border:1px solid #ccd3da;border-radius:6px;margin:.5rem 0;padding:.4rem .8rem}
summary{cursor:pointer;font-weight:600}code,pre,textarea,input{font-family:ui-monospace,monospace;font-size:.85rem}
.m{display:inline-block;min-width:3.5rem;color:#fff;border-radius:4px;padding:0 .4rem;margin-right:.5rem;text-align:center}
.get{background:#1f6feb}.post{background:#1a7f37}pre{background:#f6f8fa;padding:.6rem;overflow:auto;max-height:22rem}
label{display:block;margin:.3rem 0}input,textarea{width:100%;box-sizing:border-box;padding:.3rem}button{margin-top:.4rem;padding:.3rem .9rem}
</style></head><body>
<h1>Inbox Triage agent API</h1>
<p>Every route but this page and <a href="openapi.json">openapi.json</a> needs a sign-in token (an ID token of the user pool).</p>
<label>Bearer token <input id="token" autocomplete="off" placeholder="eyJ…"></label>
<div id="ops">Loading the OpenAPI document…</div>
<script>
const el = (tag, props = {}, ...children) => { const e = Object.assign(document.createElement(tag), props); for (const c of children) e.append(c); return e; };
fetch('openapi.json').then((r) => r.json()).then((doc) => {
  const ops = document.getElementById('ops'); ops.textContent = '';
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    const params = (op.parameters || []);
    const body = op.requestBody && op.requestBody.content['application/json'];
    const form = el('form');
    for (const p of params) form.append(el('label', {}, p.name + ' (' + p.in + ')', el('input', { name: p.in + ':' + p.name })));
    if (body) form.append(el('label', {}, 'JSON body', el('textarea', { name: 'body', rows: 5, value: '{}' })), el('pre', {}, JSON.stringify(body.schema, null, 2)));
    const out = el('pre');
    form.append(el('button', { type: 'submit' }, 'Send'), out);
    form.onsubmit = async (event) => {
      event.preventDefault();
      const data = new FormData(form); let url = path; const query = new URLSearchParams();
      for (const [k, v] of data) { if (!v || k === 'body') continue; const [where, name] = k.split(':'); if (where === 'path') url = url.replace('{' + name + '}', encodeURIComponent(v)); else query.set(name, v); }
      const headers = { 'content-type': 'application/json' }; const token = document.getElementById('token').value.trim(); if (token) headers.authorization = 'Bearer ' + token;
      const response = await fetch(url.replace(/^\\//, '') + (query.size ? '?' + query : ''), { method: method.toUpperCase(), headers, body: body ? data.get('body') : undefined });
      out.textContent = response.status + ' ' + response.statusText + '\\n' + JSON.stringify(await response.json().catch(() => null), null, 2);
    };
    ops.append(el('details', {}, el('summary', {}, el('span', { className: 'm ' + method, textContent: method.toUpperCase() }), path + ' — ' + (op.summary || '')), form));
  }
});
</script></body></html>`;
