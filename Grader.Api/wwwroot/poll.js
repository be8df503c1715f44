// Results that are still being worked on (a submission being graded, a suite being validated) carry
// data-poll-url. Each is replaced by the server's fresh rendering every second until the server sends one
// without it. The section is aria-live, so a screen reader announces the result when it arrives.
"use strict";

function poll(section) {
    setTimeout(async () => {
        try {
            const response = await fetch(section.dataset.pollUrl, { headers: { Accept: "text/html" } });
            if (response.ok) {
                const template = document.createElement("template");
                template.innerHTML = (await response.text()).trim();
                const fresh = template.content.firstElementChild;
                if (fresh) {
                    section.replaceWith(fresh);
                    section = fresh;
                }
            }
        } catch {
            // A dropped connection on a school network: try again at the next tick.
        }
        if (section.dataset.pollUrl) poll(section);
    }, 1000);
}

document.querySelectorAll("[data-poll-url]").forEach(poll);

// A print button (the first-password slips): the CSP allows no inline handler, so it is wired here.
document.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
