// The quick-exit link: leave at once, and replace this page's history entry so that the Back
// button does not bring the page back. Without this script the link still leaves the site.
(function () {
  "use strict";
  document.querySelectorAll("[data-quick-exit]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.location.replace(link.href);
    });
  });
})();
