/* Score sheets: say which criterion holds something not saved yet, and warn before leaving the
   page with it. A criterion's form is saved by htmx when a field changes; the explanation is
   kept as typed while the answer replaces the block (hx-preserve), so what was sent is
   remembered here and counts as saved once the answer shows no error. */
(function () {
  "use strict";
  if (window.thiduaSheetUnsaved) {
    return;
  }
  window.thiduaSheetUnsaved = true;

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name === "points" || field.name === "value" || field.name === "explanation";
    });
  }

  function changed(field) {
    if (field.tagName === "SELECT") {
      return Array.prototype.some.call(field.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return field.value !== field.defaultValue;
  }

  function show(form) {
    var note = form.querySelector(".unsaved-note");
    if (note) {
      note.hidden = !fields(form).some(changed);
    }
  }

  function formOf(event) {
    return event.target && event.target.closest ? event.target.closest("form.mark") : null;
  }

  ["input", "change"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var form = formOf(event);
      if (form) {
        show(form);
      }
    });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = formOf(event);
    if (form) {
      fields(form).forEach(function (field) {
        field.dataset.sent = field.value;
      });
    }
  });

  document.addEventListener("htmx:afterSettle", function () {
    document.querySelectorAll("form.mark").forEach(function (form) {
      var block = form.closest("section.criterion");
      var refused = block && block.querySelector("[data-testid=errors]");
      fields(form).forEach(function (field) {
        if (!refused && field.dataset.sent !== undefined && field.tagName === "TEXTAREA") {
          field.defaultValue = field.dataset.sent;
        }
      });
      show(form);
    });
  });

  window.addEventListener("beforeunload", function (event) {
    var unsaved = Array.prototype.some.call(document.querySelectorAll("form.mark"), function (form) {
      return fields(form).some(changed);
    });
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
