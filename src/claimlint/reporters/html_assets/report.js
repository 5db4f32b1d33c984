// claimlint HTML report: details on hover/click, scrolling from the side list, filters.
// Article text only ever moves as DOM nodes cloned from the page (never parsed as HTML).
(function () {
  "use strict";
  var detail = document.getElementById("detail");
  var detailBody = detail.querySelector(".detail-body");
  var pinned = null;

  function idsOf(element) {
    return (element.getAttribute("data-f") || "").split(" ").filter(Boolean);
  }
  function item(id) { return document.getElementById("f" + id); }
  function marksOf(id) { return document.querySelectorAll('mark.hl[data-f~="' + id + '"]'); }
  function visible(id) { var li = item(id); return li !== null && !li.hidden; }

  function show(ids) {
    while (detailBody.firstChild) { detailBody.removeChild(detailBody.firstChild); }
    ids.filter(visible).forEach(function (id) {
      var box = document.createElement("div");
      box.className = "finding";
      box.setAttribute("data-f", id);
      var head = item(id).querySelector(".head").cloneNode(true);
      head.querySelectorAll("button").forEach(function (b) { b.remove(); });
      box.appendChild(head);
      box.appendChild(item(id).querySelector(".more").cloneNode(true));
      detailBody.appendChild(box);
    });
    detail.hidden = detailBody.childNodes.length === 0;
  }

  function select(ids, scrollList) {
    document.querySelectorAll(".item.selected").forEach(function (li) { li.classList.remove("selected"); });
    document.querySelectorAll("mark.hl.current").forEach(function (m) { m.classList.remove("current"); });
    pinned = ids;
    show(ids);
    ids.forEach(function (id) {
      var li = item(id);
      if (li) { li.classList.add("selected"); }
      marksOf(id).forEach(function (m) { m.classList.add("current"); });
    });
    var first = item(ids[0]);
    if (scrollList && first) {
      var list = first.closest(".findings");
      if (list && list.scrollHeight > list.clientHeight) {
        list.scrollTop = first.offsetTop - list.offsetTop - 8;
      }
    }
  }

  function unpin() {
    pinned = null;
    detail.hidden = true;
    document.querySelectorAll(".item.selected").forEach(function (li) { li.classList.remove("selected"); });
    document.querySelectorAll("mark.hl.current").forEach(function (m) { m.classList.remove("current"); });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var mark = target.closest("mark.hl");
    if (mark && !mark.classList.contains("off")) {
      select(idsOf(mark).filter(visible), true);
      return;
    }
    var go = target.closest("button.go");
    if (go) {
      var id = go.getAttribute("data-f");
      var first = document.getElementById("m" + id);
      if (first) {
        first.scrollIntoView({ block: "center" });
        first.classList.add("flash");
        setTimeout(function () { first.classList.remove("flash"); }, 1200);
      }
      select([id], false);
      return;
    }
    if (target.closest(".detail .close")) { unpin(); }
  });

  document.addEventListener("mouseover", function (event) {
    var mark = event.target instanceof Element ? event.target.closest("mark.hl") : null;
    if (mark && pinned === null && !mark.classList.contains("off")) { show(idsOf(mark)); }
  });
  document.addEventListener("mouseout", function (event) {
    var mark = event.target instanceof Element ? event.target.closest("mark.hl") : null;
    if (mark && pinned === null) { detail.hidden = true; }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { unpin(); }
  });

  function applyFilters() {
    var on = { cat: {}, sev: {} };
    document.querySelectorAll(".filters input[data-filter]").forEach(function (box) {
      on[box.getAttribute("data-filter")][box.value] = box.checked;
    });
    document.querySelectorAll(".item").forEach(function (li) {
      li.hidden = !(on.cat[li.getAttribute("data-cat")] && on.sev[li.getAttribute("data-sev")]);
    });
    document.querySelectorAll("mark.hl").forEach(function (m) {
      m.classList.toggle("off", !idsOf(m).some(visible));
    });
    if (pinned !== null) {
      var still = pinned.filter(visible);
      if (still.length) { select(still, false); } else { unpin(); }
    }
  }
  document.querySelectorAll(".filters input[data-filter]").forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
  applyFilters();
})();
