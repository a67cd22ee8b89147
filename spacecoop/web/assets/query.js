// The query page: YASGUI on this server's read-only SPARQL endpoint, the library a click away.
// Results that name our IRIs link to their pages here; CSV and JSON downloads ask the endpoint again.
(function () {
  "use strict";
  var element = document.getElementById("yasgui");
  var endpoint = new URL(element.dataset.endpoint, window.location.href).href;
  var ours = "https://w3id.org/spacecoop/";
  var yasgui = new Yasgui(element, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return []; } },
    // only completions that need no other site: no prefix.cc, no LOV
    yasqe: { autocompleters: ["variables"], prefixCcApi: null }
  });

  function library(name) {
    var item = document.getElementById(name);
    return item ? item.querySelector(".query-text").textContent : null;
  }

  function load(name, run) {
    var text = library(name);
    if (text === null) { return; }
    var tab = yasgui.getTab();
    tab.setQuery(text);
    document.querySelectorAll(".library-query").forEach(function (item) {
      item.classList.toggle("current", item.id === name);
    });
    if (run) { tab.getYasqe().query(); }
  }

  document.querySelectorAll("button.load").forEach(function (button) {
    button.addEventListener("click", function () {
      window.history.replaceState(null, "", "#" + button.dataset.name);
      load(button.dataset.name, true);
      element.scrollIntoView();
    });
  });

  // An IRI of ours in the results links to its page on this server.
  new MutationObserver(function () {
    element.querySelectorAll("a[href^='" + ours + "']").forEach(function (link) {
      var href = link.getAttribute("href");
      link.setAttribute("href", "/" + href.slice(ours.length));
      link.removeAttribute("target");
    });
  }).observe(element, { childList: true, subtree: true });

  function download(format) {
    return function (event) {
      event.currentTarget.href = endpoint + "?format=" + format + "&query=" +
        encodeURIComponent(yasgui.getTab().getQuery());
    };
  }
  document.getElementById("download-csv").addEventListener("click", download("csv"));
  document.getElementById("download-json").addEventListener("click", download("json"));

  var first = document.querySelector(".library-query");
  var start = window.location.hash.slice(1);
  load(library(start) !== null ? start : (first ? first.id : ""), false);
})();
