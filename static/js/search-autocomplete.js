/* Suggestions for the header search box: an ARIA 1.2 combobox, added only when JavaScript runs.
   Without it the box is a plain search form. Typing asks the hub (never a third party) for page
   titles; arrow keys move through them, Enter opens one, Escape closes the list. */
(function () {
    "use strict";

    var DELAY_MS = 200;
    var MIN_CHARS = 2;

    function setUp(input) {
        var url = input.getAttribute("data-autocomplete-url");
        var form = input.form;
        var listbox = document.createElement("ul");
        var status = document.createElement("div");
        var options = [];
        var active = -1;
        var timer = null;
        var lastQuery = "";

        listbox.id = input.id + "-suggestions";
        listbox.className = "autocomplete";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", input.getAttribute("data-autocomplete-label") || "Suggestions");
        listbox.hidden = true;
        status.className = "visually-hidden";
        status.setAttribute("role", "status");
        form.classList.add("has-autocomplete");
        form.appendChild(listbox);
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listbox.id);

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            input.removeAttribute("aria-activedescendant");
            active = -1;
        }

        function highlight(index) {
            options.forEach(function (option, i) {
                option.setAttribute("aria-selected", i === index ? "true" : "false");
            });
            active = index;
            if (index >= 0) {
                input.setAttribute("aria-activedescendant", options[index].id);
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function render(results) {
            listbox.textContent = "";
            options = results.map(function (result, i) {
                var option = document.createElement("li");
                var type = document.createElement("span");
                option.id = listbox.id + "-" + i;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.dataset.url = result.url;
                option.textContent = result.title;
                type.className = "autocomplete__type";
                type.textContent = " " + result.type;
                option.appendChild(type);
                option.addEventListener("mousedown", function (event) {
                    event.preventDefault(); // keep focus in the input
                    window.location.href = result.url;
                });
                listbox.appendChild(option);
                return option;
            });
            status.textContent = results.length
                ? results.length + " " + (input.getAttribute("data-autocomplete-count") || "suggestions")
                : "";
            if (results.length) {
                listbox.hidden = false;
                input.setAttribute("aria-expanded", "true");
                highlight(-1);
            } else {
                close();
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query.length < MIN_CHARS) {
                close();
                return;
            }
            if (query === lastQuery) {
                return;
            }
            lastQuery = query;
            fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
                .then(function (response) { return response.ok ? response.json() : { results: [] }; })
                .then(function (data) {
                    if (input.value.trim() === query) {
                        render(data.results || []);
                    }
                })
                .catch(close);
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            lastQuery = lastQuery === input.value.trim() ? lastQuery : "";
            timer = window.setTimeout(fetchSuggestions, DELAY_MS);
        });
        input.addEventListener("keydown", function (event) {
            if (event.key === "ArrowDown" && options.length) {
                event.preventDefault();
                if (listbox.hidden) { listbox.hidden = false; input.setAttribute("aria-expanded", "true"); }
                highlight((active + 1) % options.length);
            } else if (event.key === "ArrowUp" && options.length) {
                event.preventDefault();
                highlight(active <= 0 ? options.length - 1 : active - 1);
            } else if (event.key === "Enter" && active >= 0 && !listbox.hidden) {
                event.preventDefault();
                window.location.href = options[active].dataset.url;
            } else if (event.key === "Escape") {
                close();
            }
        });
        input.addEventListener("blur", function () { window.setTimeout(close, 150); });
    }

    document.querySelectorAll("input[data-autocomplete-url]").forEach(setUp);
})();
