// Loginguard ticket pages: small progressive enhancements; every form works without this file (the server checks
// everything again).
(function () {
  'use strict';
  // File fields: the type and the size are checked as soon as a file is chosen, with a readable message.
  document.querySelectorAll('form[enctype="multipart/form-data"]').forEach(function (form) {
    var inputs = form.querySelectorAll('input[type="file"][data-max-bytes]');
    var maxTotal = parseInt(form.getAttribute('data-max-total') || '0', 10);
    var say = function (input, text) {
      input.setCustomValidity(text || '');
      var id = input.id + '-error';
      var p = document.getElementById(id);
      if (text) {
        if (!p) {
          p = document.createElement('p');
          p.id = id;
          p.className = 'field-error';
          p.setAttribute('role', 'alert');
          input.insertAdjacentElement('afterend', p);
        }
        p.textContent = text;
      } else if (p) {
        p.remove();
      }
    };
    var check = function () {
      var total = 0;
      var last = null;
      inputs.forEach(function (input) {
        var max = parseInt(input.getAttribute('data-max-bytes'), 10);
        var types = (input.getAttribute('data-types') || '').split(' ');
        var text = '';
        Array.prototype.forEach.call(input.files || [], function (f) {
          total += f.size;
          if (f.type && types.indexOf(f.type) < 0) {
            text = form.getAttribute('data-msg-type');
          } else if (f.size > max) {
            text = form.getAttribute('data-msg-size');
          }
        });
        say(input, text);
        if (input.files && input.files.length) { last = input; }
      });
      if (maxTotal > 0 && total > maxTotal && last && !last.validationMessage) {
        say(last, form.getAttribute('data-msg-total'));
      }
    };
    inputs.forEach(function (input) {
      input.addEventListener('change', function () {
        check();
        input.reportValidity();
      });
    });
  });
})();
