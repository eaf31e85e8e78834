// Small behaviours of the pages, kept out of the HTML so the Content-Security-Policy needs no 'unsafe-inline'.
document.addEventListener("DOMContentLoaded", function () {
  // <select data-autosubmit>: submit its form as soon as a choice is made (the language switch).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
