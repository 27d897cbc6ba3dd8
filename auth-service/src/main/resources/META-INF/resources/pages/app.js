// Loginguard pages: small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  // The password rule, ticked off as the person types (the server checks it again).
  document.querySelectorAll('input[data-rule]').forEach(function (input) {
    var rule = document.getElementById(input.getAttribute('data-rule'));
    if (!rule) { return; }
    var checks = {
      length: function (v) { return v.length >= 8 && v.length <= 128; },
      upper: function (v) { return /[A-Z]/.test(v); },
      lower: function (v) { return /[a-z]/.test(v); },
      digit: function (v) { return /[0-9]/.test(v); }
    };
    var update = function () {
      rule.querySelectorAll('[data-check]').forEach(function (li) {
        var check = checks[li.getAttribute('data-check')];
        li.classList.toggle('met', !!check && check(input.value));
      });
    };
    input.addEventListener('input', update);
    update();
  });
  // "Operations too frequent": count the time left down.
  document.querySelectorAll('[data-countdown]').forEach(function (el) {
    var left = parseInt(el.getAttribute('data-countdown'), 10);
    if (!(left > 0)) { return; }
    var text = el.textContent;
    var timer = setInterval(function () {
      left -= 1;
      if (left <= 0) { clearInterval(timer); left = 0; }
      var m = Math.floor(left / 60), s = left % 60;
      // the sentence's two numbers are minutes and seconds, in either language
      var n = 0;
      el.textContent = text.replace(/\d+/g, function (d) { n += 1; return n === 1 ? String(m) : n === 2 ? String(s) : d; });
    }, 1000);
  });
  // The second step's "Send me a code": after a code was sent, the button waits out the resend interval, counting
  // down. Without this file it stays a plain button, and the server answers a too-early press with the time left.
  document.querySelectorAll('button[data-resend-in]').forEach(function (button) {
    var left = parseInt(button.getAttribute('data-resend-in'), 10);
    if (!(left > 0)) { return; }
    var label = button.textContent;
    var waitText = button.getAttribute('data-wait-text') || '%s';
    var show = function () {
      if (left > 0) {
        button.disabled = true;
        button.textContent = waitText.replace('%s', String(left));
      } else {
        button.disabled = false;
        button.textContent = label;
      }
    };
    show();
    var timer = setInterval(function () {
      left -= 1;
      if (left <= 0) { clearInterval(timer); }
      show();
    }, 1000);
  });
})();
