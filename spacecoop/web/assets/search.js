// The static site's search: names (any language) from search.json, matched as the server matches them.
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var text = (params.get("q") || "").trim();
  var out = document.getElementById("hits");
  var box = document.querySelector("form.search input[name=q]");
  if (box) { box.value = text; }
  if (!text) { return; }
  fetch(out.dataset.index).then(function (r) { return r.json(); }).then(function (index) {
    var folded = text.toLocaleLowerCase();
    var hits = [];
    index.forEach(function (entry) {  // [page, label, [names]]
      var rank = null;
      entry[2].forEach(function (name) {
        var n = name.toLocaleLowerCase();
        var r = n === folded ? 0 : (n.indexOf(folded) === 0 ? 1 : (n.indexOf(folded) >= 0 ? 2 : null));
        if (r !== null && (rank === null || r < rank)) { rank = r; }
      });
      if (rank !== null) { hits.push([rank, entry]); }
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1][1].localeCompare(b[1][1]); });
    out.innerHTML = "";
    hits.slice(0, 100).forEach(function (hit) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = hit[1][0];
      a.textContent = hit[1][1];
      li.appendChild(a);
      out.appendChild(li);
    });
    if (!hits.length) { out.outerHTML = "<p>No name contains that text.</p>"; }
  });
})();
