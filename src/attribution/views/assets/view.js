// attribution HTML view: select a source to highlight exactly its claims.
(function () {
  "use strict";
  function setUp(doc) {
    var buttons = Array.prototype.slice.call(doc.querySelectorAll("button.source"));
    var selected = null;

    function clear(cls) {
      Array.prototype.forEach.call(doc.querySelectorAll("." + cls), function (el) { el.classList.remove(cls); });
    }
    function mark(ids, cls, colour) {
      ids.forEach(function (id) {
        var sel = '.seg[data-claims~="' + id + '"], .ctag[data-claim="' + id + '"]';
        Array.prototype.forEach.call(doc.querySelectorAll(sel), function (el) {
          el.classList.add(cls);
          el.style.setProperty("--hc", colour);
        });
      });
    }
    function words(value) { return (value || "").split(" ").filter(Boolean); }
    function show(button) {
      clear("hl");
      clear("hl-member");
      doc.classList.toggle("selecting", !!button);
      if (!button) { return; }
      var colour = getComputedStyle(button).getPropertyValue("--c");
      mark(words(button.getAttribute("data-member-claims")), "hl-member", colour);
      mark(words(button.getAttribute("data-claims")), "hl", colour);
    }
    function select(button) {
      selected = button === selected ? null : button;
      buttons.forEach(function (b) { b.setAttribute("aria-pressed", b === selected ? "true" : "false"); });
      show(selected);
      var status = doc.querySelector(".status");
      if (status) {
        status.textContent = selected
          ? "Showing the claims of " + selected.getAttribute("data-label") + "."
          : "No source selected.";
      }
    }
    function byId(id) {
      return buttons.filter(function (b) { return b.getAttribute("data-source") === id; })[0] || null;
    }
    buttons.forEach(function (button, i) {
      button.addEventListener("click", function () { select(button); });
      button.addEventListener("mouseenter", function () { if (!selected) { show(button); } });
      button.addEventListener("mouseleave", function () { if (!selected) { show(null); } });
      button.addEventListener("focus", function () { if (!selected) { show(button); } });
      button.addEventListener("blur", function () { if (!selected) { show(null); } });
      button.addEventListener("keydown", function (event) {
        var next = null;
        if (event.key === "ArrowDown") { next = buttons[Math.min(i + 1, buttons.length - 1)]; }
        if (event.key === "ArrowUp") { next = buttons[Math.max(i - 1, 0)]; }
        if (event.key === "Home") { next = buttons[0]; }
        if (event.key === "End") { next = buttons[buttons.length - 1]; }
        if (next) { event.preventDefault(); next.focus(); }
      });
    });
    Array.prototype.forEach.call(doc.querySelectorAll(".ctag"), function (tag) {
      tag.addEventListener("click", function () {
        var button = byId(tag.getAttribute("data-source"));
        if (button) { select(button); }
      });
    });
    doc.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && selected) { select(selected); }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("article.doc"), setUp);
})();
