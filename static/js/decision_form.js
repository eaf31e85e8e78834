// The decision form's statement parts follow the decision chosen: each part carries the platform's wording for
// each decision (data-template-<decision>), and a part the moderator has not edited takes the wording of the
// decision just chosen. An edited part is left as the moderator wrote it.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form[data-decision-form]").forEach(function (form) {
    var parts = form.querySelectorAll("[data-template-take_down]");
    parts.forEach(function (part) {
      part.addEventListener("input", function () { part.dataset.edited = "true"; });
      part.addEventListener("change", function () { part.dataset.edited = "true"; });
    });
    form.querySelectorAll("input[name=action]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        if (!radio.checked) { return; }
        parts.forEach(function (part) {
          if (part.dataset.edited === "true") { return; }
          var wording = part.getAttribute("data-template-" + radio.value);
          if (part.type === "checkbox") { part.checked = wording === "true"; } else { part.value = wording; }
        });
      });
    });
  });
});
