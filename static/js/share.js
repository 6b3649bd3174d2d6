/* "Share your story" and the private status page: progressive enhancement only. Without this
   script every page works: errors are listed at the top, limits are said in words, the private
   link is plain text to copy or print. With it, focus moves to the error summary where the
   browser ignored autofocus, long answers count their characters as people type, and "Copy
   link" and "Print" buttons appear. It talks to nobody. */
(function () {
    "use strict";

    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
        summary.focus();
    }

    /* Character counts. The hint "up to N characters" stays as the field's description; the
       live count is shown at once and spoken once typing pauses, not at every key. */
    Array.prototype.forEach.call(document.querySelectorAll("[data-character-count-for]"), function (hint) {
        var field = document.getElementById(hint.getAttribute("data-character-count-for"));
        var limit = field ? parseInt(field.getAttribute("data-character-limit"), 10) : NaN;
        if (!field || isNaN(limit)) {
            return;
        }
        var visible = document.createElement("p");
        visible.className = "character-count__status";
        visible.setAttribute("aria-hidden", "true");
        var spoken = document.createElement("p");
        spoken.className = "visually-hidden";
        spoken.setAttribute("aria-live", "polite");
        hint.parentNode.insertBefore(spoken, hint.nextSibling);
        hint.parentNode.insertBefore(visible, hint.nextSibling);
        var describe = function () {
            var left = limit - field.value.length;
            var template = hint.getAttribute(left < 0 ? "data-over" : "data-remaining");
            visible.classList.toggle("character-count--over", left < 0);
            return template.replace("__count__", String(Math.abs(left)));
        };
        var timer = null;
        visible.textContent = describe();
        field.addEventListener("input", function () {
            visible.textContent = describe();
            window.clearTimeout(timer);
            timer = window.setTimeout(function () {
                spoken.textContent = describe();
            }, 1000);
        });
    });

    /* Copy the private link. The button is in the page, hidden until this script can make it
       work; the link stays visible as text either way. */
    Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
        var target = document.getElementById(button.getAttribute("data-copy-target"));
        var status = document.getElementById(button.getAttribute("data-copy-status"));
        if (!target || !navigator.clipboard || !window.isSecureContext) {
            return;
        }
        button.hidden = false;
        button.addEventListener("click", function () {
            navigator.clipboard.writeText(target.textContent.trim()).then(
                function () {
                    status.textContent = button.getAttribute("data-copied");
                },
                function () {
                    status.textContent = button.getAttribute("data-copy-failed");
                }
            );
        });
    });

    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
