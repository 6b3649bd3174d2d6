/* Self-assessment: progressive enhancement. Without this script the form and result work as
   plain pages. With it, the wedge beside the form is redrawn as each statement is rated (the
   server renders it, so it is the same wedge everywhere), and the result gets a print button.
   It talks only to this site. */
(function () {
    "use strict";

    var form = document.querySelector(".assessment-form[data-preview-url]");
    var preview = document.querySelector("[data-assessment-preview]");
    var target = document.querySelector("[data-assessment-wedge]");

    if (form && preview && target && window.fetch && window.URLSearchParams) {
        preview.hidden = false;
        var pending = null;

        var refresh = function () {
            var query = new URLSearchParams(new FormData(form));
            query.delete("rate");
            if (pending) {
                pending.abort();
            }
            pending = window.AbortController ? new AbortController() : null;
            fetch(form.dataset.previewUrl + "?" + query.toString(), {
                credentials: "same-origin",
                headers: { "X-Requested-With": "fetch" },
                signal: pending ? pending.signal : undefined
            })
                .then(function (response) {
                    return response.ok ? response.text() : null;
                })
                .then(function (html) {
                    if (html !== null) {
                        target.innerHTML = html;
                        target.dataset.updated = query.toString();
                    }
                })
                .catch(function () {
                    /* The picture stays as it was; the form still works. */
                });
        };

        form.addEventListener("change", function (event) {
            if (event.target && event.target.type === "radio") {
                refresh();
            }
        });
    }

    var printButton = document.querySelector("[data-print]");
    if (printButton && window.print) {
        printButton.hidden = false;
        printButton.addEventListener("click", function () {
            window.print();
        });
    }
})();
