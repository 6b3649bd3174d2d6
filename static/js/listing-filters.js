// On a wide screen a listing's filters sit beside the results, so their disclosure starts open.
// (Browsers that style ::details-content show them without this; without JavaScript the
// disclosure still opens with a click.)
(function () {
    "use strict";
    var wide = window.matchMedia("(min-width: 60rem)");
    document.querySelectorAll("[data-listing-filters]").forEach(function (details) {
        if (wide.matches) {
            details.open = true;
        }
    });
})();
