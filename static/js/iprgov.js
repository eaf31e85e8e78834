// Small behaviours of the pages, kept out of the HTML so the Content-Security-Policy needs no 'unsafe-inline'.
document.addEventListener("DOMContentLoaded", function () {
  // <select data-autosubmit>: submit its form as soon as a choice is made (the language switch).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});

// <input data-select-all="FORM">: tick or untick every case checkbox of that form on the page. Delegated,
// so it keeps working after htmx swaps the results.
document.addEventListener("change", function (event) {
  var all = event.target.closest ? event.target.closest("input[data-select-all]") : null;
  if (!all) { return; }
  document.querySelectorAll('input[name="cases"][form="' + all.dataset.selectAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
