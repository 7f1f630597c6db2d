/* The page's client side: hover text, the filters drawer, the meeting list (drawn from the server's rows)
   and its keyboard use, and the article view. Nothing here decides what is shown; the server does. */
(function () {
  const TYPED = { u1: Uint8Array, u2: Uint16Array, u4: Uint32Array, i4: Int32Array, f4: Float32Array, f8: Float64Array };

  /* Points carry their table row in customdata, as a plain array or as plotly's typed array
     ({dtype, bdata}), decoded here so that click data and the page's figure carry plain row numbers. */
  function rows(customdata) {
    if (Array.isArray(customdata)) {
      return customdata;
    }
    if (!customdata || !TYPED[customdata.dtype] || typeof customdata.bdata !== "string") {
      return null;
    }
    const bytes = Uint8Array.from(atob(customdata.bdata), function (c) { return c.charCodeAt(0); });
    return Array.from(new TYPED[customdata.dtype](bytes.buffer));
  }

  /* Charts off screen are drawn when they come on screen, not on every filter change: a click redraws only
     what can be seen, and the first page draws the timeline alone. Checked once a frame at most, after a
     scroll, a resize or a change of the page (a shorter list brings the charts up). The server is told
     whether the two smaller charts are on screen: while they are not, a click does not send them. */
  const waiting = {};
  const SMALL_CHARTS = ["monthly-chart", "who-met-whom"];
  let checkQueued = false;
  let smallShown = false;

  function onScreen(element) {
    const box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  /* Whether the meeting list is drawn (or the page has none): until then the charts below it look on screen. */
  function listDrawn() {
    const box = document.getElementById("meeting-list-body");
    return !box || box.hasChildNodes();
  }

  function reportSmallShown() {
    const shown = SMALL_CHARTS.some(function (id) {
      const element = document.getElementById(id);
      return element && onScreen(element);
    });
    if (shown !== smallShown) {
      smallShown = shown;
      window.dash_clientside.set_props("small-charts-shown", { data: shown });
    }
  }

  function drawWaiting() {
    checkQueued = false;
    if (!listDrawn()) {
      return;
    }
    reportSmallShown();
    Object.keys(waiting).forEach(function (id) {
      const element = document.getElementById(id);
      if (element && onScreen(element)) {
        const figure = waiting[id];
        delete waiting[id];
        window.dash_clientside.set_props(id, { figure: figure });
      }
    });
  }

  function checkWaiting() {
    if (!checkQueued) {
      checkQueued = true;
      window.requestAnimationFrame(drawWaiting);
    }
  }

  /* The meeting list: drawn here from the rows the server sends (every value as text, never HTML). As Dash
     components a row was ~10 of them, which dash-renderer re-crawled and re-rendered on every filter
     change; as plain elements a list of 100 rows takes a millisecond. Drawn once its box is on the page. */
  let pendingList = null;

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function listHead(columns) {
    const row = make("tr");
    columns.forEach(function (column) {
      const cell = make("th", "", column.href ? null : column.label);
      cell.setAttribute("scope", "col");
      if (column.href) {
        cell.setAttribute("aria-sort", column.sort);
        const button = make("button", "sort", column.label);
        button.dataset.href = column.href;
        button.dataset.key = "sort " + column.key;
        cell.appendChild(button);
      }
      row.appendChild(cell);
    });
    const head = make("thead");
    head.appendChild(row);
    return head;
  }

  function listRow(row, mark) {
    const tr = make("tr", row.selected ? "selected" : "");
    const first = make("td");
    const link = make("a", "row-link", row.date);
    link.setAttribute("href", row.href);
    link.dataset.key = "row " + row.id;
    first.appendChild(link);
    if (row.new) {
      const badge = make("span", "new-mark", mark.text);
      badge.title = mark.title;
      first.appendChild(badge);
    }
    const topics = make("td");
    row.topics.forEach(function (topic) {
      topics.appendChild(make("span", "list-topic dot-" + topic[0], topic[1]));
    });
    [first, make("td", "", row.who), make("td", "", row.type), topics, make("td", "num", row.sources)]
      .forEach(function (cell) { tr.appendChild(cell); });
    return tr;
  }

  /* Redraw the list; the focus stays on the same row or sort button (Enter on a row reselects it). */
  function drawPendingList() {
    const box = document.getElementById("meeting-list-body");
    if (!pendingList || !box) {
      return;
    }
    const list = pendingList;
    pendingList = null;
    const focused = box.contains(document.activeElement) ? document.activeElement.dataset.key : null;
    const table = make("table", "meeting-table");
    const body = make("tbody");
    list.rows.forEach(function (row) { body.appendChild(listRow(row, list.new)); });
    table.append(listHead(list.columns), body);
    box.replaceChildren(table);
    if (list.more) {
      box.appendChild(make("p", "hint", list.more));
    }
    const again = focused && Array.from(box.querySelectorAll("[data-key]")).find(function (node) {
      return node.dataset.key === focused;
    });
    if (again) {
      again.focus();
    }
  }

  /* A row opens its meeting and a heading sorts the list through the URL, as a link of the page does
     (the URL callback answers); with a modifier key a row link opens a new tab as any link. */
  document.addEventListener("click", function (event) {
    const target = event.target.closest("#meeting-list a.row-link, #meeting-list button.sort");
    const link = target && target.tagName === "A";
    if (!target || (link && (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey))) {
      return;
    }
    event.preventDefault();
    const href = new URL(link ? target.getAttribute("href") : target.dataset.href, window.location.href);
    window.dash_clientside.set_props("url", { search: href.search });
    if (link) {
      window.scrollTo(0, 0);
    }
  });

  window.addEventListener("scroll", checkWaiting, { passive: true });
  window.addEventListener("resize", checkWaiting);

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    meetings: {
      /* Attach each meeting's hover text (sent once per language) to the timeline the server sends on
         every filter change, so a filter change does not resend names for every point. */
      attachHover: function (figure, hovers) {
        if (!figure || !figure.data) {
          return window.dash_clientside.no_update;
        }
        /* A new timeline is a new view: smaller charts still waiting belong to an older one. Dropped, and
           the server told that none is current: it sends the current ones when they come on screen. */
        const dropped = SMALL_CHARTS.filter(function (id) { return id in waiting; });
        dropped.forEach(function (id) { delete waiting[id]; });
        if (dropped.length) {
          window.dash_clientside.set_props("small-charts-state", { data: null });
        }
        const texts = Array.isArray(hovers) ? hovers : [];
        const data = figure.data.map(function (trace) {
          const points = trace.hovertext || trace.name === "clusters" ? null : rows(trace.customdata);
          if (!points) {
            return trace;
          }
          return Object.assign({}, trace, {
            customdata: points,
            hovertext: points.map(function (row) { return texts[row] || ""; }),
          });
        });
        return Object.assign({}, figure, { data: data });
      },
      /* The chart's camera runs the page's own PNG export, so that both give the same titled figure
         (a config with a function cannot come from the server; it comes from here). */
      graphConfig: function (_pathname, config) {
        const camera = {
          name: "export-png",
          title: "PNG",
          icon: window.Plotly && window.Plotly.Icons ? window.Plotly.Icons.camera : undefined,
          click: function () { document.getElementById("export-png").click(); },
        };
        return Object.assign({}, config, { modeBarButtonsToAdd: [camera] });
      },
      /* Pass on the timeline's zooms (its x axis changed), not its resizes. */
      keepZoom: function (relayout) {
        const zoomed = relayout && Object.keys(relayout).some(function (key) { return key.indexOf("xaxis") === 0; });
        return zoomed ? relayout : window.dash_clientside.no_update;
      },
      /* Draw a chart now when it is on screen, else once it comes on screen (drawWaiting). */
      drawWhenShown: function (figure, id) {
        const element = document.getElementById(id);
        if (!element || (listDrawn() && onScreen(element))) {
          delete waiting[id];
          return figure;
        }
        waiting[id] = figure;
        checkWaiting();
        return window.dash_clientside.no_update;
      },
      /* Draw the meeting list from its rows (now, or once its box is on the page). */
      drawList: function (list) {
        pendingList = list && Array.isArray(list.rows) ? list : null;
        drawPendingList();
      },
      /* Phones: the filters live in a drawer that this button opens and closes. */
      toggleFilters: function (clicks) {
        const open = (clicks || 0) % 2 === 1;
        return [open ? "sidebar open" : "sidebar", open ? "true" : "false"];
      },
    },
  });

  /* Phones: a meeting opened from the list is shown right away (the panel sits below the list). */
  let shownMeeting = null;
  new MutationObserver(function () {
    checkWaiting();
    drawPendingList();
    const meeting = new URLSearchParams(location.search).get("m");
    const panel = document.querySelector(".detail-card");
    if (meeting && meeting !== shownMeeting && panel && window.innerWidth < 600 && document.querySelector(".detail-title")) {
      shownMeeting = meeting;
      panel.scrollIntoView({ block: "start" });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });

  function rowLinks() {
    return Array.from(document.querySelectorAll("#meeting-list a.row-link"));
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      const close = document.getElementById("article-close");
      if (close) {
        event.preventDefault();
        close.click();
        return;
      }
    }
    const links = rowLinks();
    const at = links.indexOf(document.activeElement);
    if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
    if (step) {
      event.preventDefault();
      const next = links[Math.min(links.length - 1, Math.max(0, at + step))];
      next.focus();
    }
  });

})();
