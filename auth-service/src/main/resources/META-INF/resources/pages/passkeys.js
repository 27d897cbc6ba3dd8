// Loginguard passkeys: WebAuthn ceremonies for the pages. No inline script (strict CSP); every binary field
// travels as base64url. The server verifies everything; this file only carries bytes between it and the browser.
(function () {
  'use strict';
  function toBytes(b64url) {
    var b64 = b64url.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) { b64 += '='; }
    var s = atob(b64);
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) { out[i] = s.charCodeAt(i); }
    return out.buffer;
  }
  function toB64url(buffer) {
    if (!buffer) { return ''; }
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function postForm(url, fields) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
      body: new URLSearchParams(fields).toString()
    }).then(function (r) {
      if (!r.ok) { throw new Error('options ' + r.status); }
      return r.json();
    });
  }
  var supported = !!(window.PublicKeyCredential && navigator.credentials);

  // Security settings: add a passkey.
  var add = document.getElementById('passkey-add');
  if (add) {
    if (!supported) {
      document.getElementById('passkey-unsupported').hidden = false;
      document.getElementById('passkey-add-button').disabled = true;
    }
    add.addEventListener('submit', function (event) {
      if (add.elements.attestationObject.value) { return; } // filled: let it go
      event.preventDefault();
      document.getElementById('passkey-error').hidden = true;
      postForm(add.getAttribute('data-options'), { csrf: add.elements.csrf.value }).then(function (o) {
        return navigator.credentials.create({ publicKey: {
          challenge: toBytes(o.challenge),
          rp: o.rp,
          user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
          pubKeyCredParams: o.pubKeyCredParams,
          timeout: o.timeout,
          excludeCredentials: o.excludeCredentials.map(function (c) { return { type: c.type, id: toBytes(c.id) }; }),
          authenticatorSelection: o.authenticatorSelection,
          attestation: o.attestation
        } });
      }).then(function (credential) {
        add.elements.id.value = toB64url(credential.rawId);
        add.elements.clientDataJSON.value = toB64url(credential.response.clientDataJSON);
        add.elements.attestationObject.value = toB64url(credential.response.attestationObject);
        var transports = credential.response.getTransports ? credential.response.getTransports() : [];
        add.elements.transports.value = transports.join(',');
        add.submit();
      }).catch(function () {
        document.getElementById('passkey-error').hidden = false;
      });
    });
  }

  // Sign in with a passkey (/login), a passkey as the second step (/login/second-factor), and a passkey proving
  // the removal of one (/security/passkeys).
  document.querySelectorAll('form.passkey-get').forEach(function (form) {
    var error = document.getElementById(form.id + '-error');
    if (!supported) {
      form.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
      return;
    }
    form.addEventListener('submit', function (event) {
      if (form.elements.signature.value) { return; } // filled: let it go
      var method = form.elements.method;
      if (method && method.value !== 'PASSKEY') { return; } // a proof by code (removing a passkey): no ceremony
      event.preventDefault();
      if (error) { error.hidden = true; }
      postForm(form.getAttribute('data-options'), { csrf: form.elements.csrf.value }).then(function (o) {
        return navigator.credentials.get({ publicKey: {
          challenge: toBytes(o.challenge),
          rpId: o.rpId,
          timeout: o.timeout,
          userVerification: o.userVerification,
          allowCredentials: o.allowCredentials.map(function (c) { return { type: c.type, id: toBytes(c.id) }; })
        } });
      }).then(function (credential) {
        form.elements.id.value = toB64url(credential.rawId);
        form.elements.clientDataJSON.value = toB64url(credential.response.clientDataJSON);
        form.elements.authenticatorData.value = toB64url(credential.response.authenticatorData);
        form.elements.signature.value = toB64url(credential.response.signature);
        form.elements.userHandle.value = toB64url(credential.response.userHandle);
        form.submit();
      }).catch(function () {
        if (error) { error.hidden = false; }
      });
    });
  });
}());
