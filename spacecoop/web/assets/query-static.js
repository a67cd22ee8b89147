// The static site's query page: a click shows a library query's text, ready to paste into a store.
(function () {
  "use strict";
  var shown = document.getElementById("shown-query");
  function show(name) {
    var item = document.getElementById(name);
    if (item) { shown.textContent = item.querySelector(".query-text").textContent; }
  }
  document.querySelectorAll("button.load").forEach(function (button) {
    button.addEventListener("click", function () {
      window.history.replaceState(null, "", "#" + button.dataset.name);
      show(button.dataset.name);
    });
  });
  var first = document.querySelector(".library-query");
  show(window.location.hash.slice(1) || (first ? first.id : ""));
})();
